import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.js';
import type { DataTable } from './data-table.js';
import { mailerTimeout, type OutgoingMail } from './outgoing-mail.js';

export interface MailerProps {
  data: DataTable;
  mail: OutgoingMail;
  stage: string;
  /** Mail settings shared with the API function. */
  environment: Record<string, string>;
}

/**
 * The way of an outbox entry to the recipient: an EventBridge Pipe reads new
 * outbox items from the table's stream and puts their ids on the queue; the
 * mailer function takes them in batches, reports failures per record, and
 * sends each mail at most once through SES.
 */
export class Mailer extends Construct {
  readonly function: ApiFunction;

  constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    const { data, mail } = props;
    this.function = new ApiFunction(this, 'Function', {
      entry: 'functions/events/mailer.ts',
      description: 'Sends the mails of the outbox through SES',
      stage: props.stage,
      timeout: mailerTimeout,
      memorySize: 512,
      readsSecrets: true,
      environment: {
        ...props.environment,
        TABLE_NAME: data.table.tableName,
        SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
        DEAD_LETTER_QUEUE_URL: mail.deadLetterQueue.queueUrl,
      },
    });
    const fn = this.function.function;
    data.grantReadWriteData(fn);
    mail.linkKey.grantRead(fn);
    // An unreadable message goes to the dead-letter queue at once.
    mail.deadLetterQueue.grantSendMessages(fn);
    const stack = Stack.of(this);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail'],
        // Only as the product's own sender domain, whatever a message says.
        conditions: {
          StringLike: { 'ses:FromAddress': `*@${mail.identity.emailIdentityName}` },
        },
        resources: [
          stack.formatArn({
            service: 'ses',
            resource: 'identity',
            resourceName: mail.identity.emailIdentityName,
          }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: mail.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    // Two concurrent batches of ten keep the sending rate near what SES
    // allows a production account (14 mails a second); throttled sends go
    // back to the outbox and are retried.
    fn.addEventSource(
      new SqsEventSource(mail.queue, {
        batchSize: 10,
        maxConcurrency: 2,
        reportBatchItemFailures: true,
      }),
    );

    const pipeRole = new Role(this, 'PipeRole', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com'),
    });
    data.table.grantStreamRead(pipeRole);
    mail.queue.grantSendMessages(pipeRole);
    mail.failedEvents.grantSendMessages(pipeRole);
    const pipe = new CfnPipe(this, 'OutboxPipe', {
      description: 'New outbox entries to the mail queue',
      roleArn: pipeRole.roleArn,
      source: data.table.tableStreamArn ?? '',
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'LATEST',
          batchSize: 10,
          maximumRetryAttempts: 10,
          // A record the Pipe cannot deliver within an hour goes to the failed-events queue;
          // its outbox entry stays queued, and the outbox sweep sends it again.
          maximumRecordAgeInSeconds: 3600,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: mail.failedEvents.queueArn },
        },
        filterCriteria: {
          filters: [
            {
              pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { type: { S: ['Outbox'] } } },
              }),
            },
          ],
        },
      },
      target: mail.queue.queueArn,
      targetParameters: { inputTemplate: '{"outboxId": "<$.dynamodb.NewImage.id.S>"}' },
    });
    // The Pipe checks its role's access to the stream when it is created:
    // it must wait for the role's policy, or the first deploy can fail.
    pipe.node.addDependency(pipeRole);
  }
}
