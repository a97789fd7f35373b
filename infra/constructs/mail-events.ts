import { Duration, Validations } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.js';
import type { DataTable } from './data-table.js';
import type { OutgoingMail } from './outgoing-mail.js';

export interface MailEventsProps {
  data: DataTable;
  mail: OutgoingMail;
  stage: string;
}

/**
 * Bounces and complaints: the configuration set publishes them to a topic,
 * and the mail-events function marks the invitations concerned.
 */
export class MailEvents extends Construct {
  readonly function: ApiFunction;

  constructor(scope: Construct, id: string, props: MailEventsProps) {
    super(scope, id);
    const topic = new Topic(this, 'Topic', {
      displayName: 'SES bounces and complaints',
      enforceSSL: true,
    });
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Carries SES delivery notifications only (addresses, diagnostic codes); SES publishes to it without a customer key.',
    });
    props.mail.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.function = new ApiFunction(this, 'Function', {
      entry: 'functions/events/mail-events.ts',
      description: 'Marks invitations whose mail bounced or drew a complaint',
      stage: props.stage,
      // Peak RSS about 75 MB (npm run bench); nobody waits on a bounce, so no CPU is bought.
      memorySize: 256,
      environment: { TABLE_NAME: props.data.table.tableName },
    });
    props.data.grantReadWriteData(this.function.function);
    // SNS invokes asynchronously: after two retries the event goes to the failed-events queue.
    this.function.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(props.mail.failedEvents),
    });
    this.function.function.addEventSource(
      new SnsEventSource(topic, { deadLetterQueue: props.mail.failedEvents }),
    );
  }
}
