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
  /** The account's SES maximum send rate: the mailer never sends faster. */
  mailsPerSecond: number;
}

/** At most this many mailer invocations run at once (the queue's event source enforces it; 2 is its minimum). */
export const mailerConcurrency = 2;

/**
 * How the mailer keeps under the account's send rate: at most
 * `mailerConcurrency` invocations at a time, each pacing itself to
 * `perWorker` mails a second, so together they never exceed
 * `mailsPerSecond`; a batch is small enough to be sent within half the
 * mailer's timeout at that pace.
 *
 * @example
 * ```ts
 * mailerPace(14); // { perWorker: 7, batchSize: 10 }
 * mailerPace(1);  // { perWorker: 0.5, batchSize: 7 }
 * ```
 */
export const mailerPace = (mailsPerSecond: number) => {
  const perWorker = mailsPerSecond / mailerConcurrency;
  const batchSize = Math.max(
    1,
    Math.min(10, Math.floor((perWorker * mailerTimeout.toSeconds()) / 2)),
  );
  return { perWorker, batchSize };
};

/**
 * The way of an outbox entry to the recipient: an EventBridge Pipe reads new
 * outbox items from the table's stream and puts their ids on the queue; the
 * mailer function takes them in batches, reports failures per record, and
 * sends each mail at most once through SES.
 */
export class Mailer extends Construct {
  readonly function: ApiFunction;
  readonly pipe: CfnPipe;

  constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    const { data, mail } = props;
    const pace = mailerPace(props.mailsPerSecond);
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
        MAILS_PER_SECOND_PER_WORKER: String(pace.perWorker),
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
    // At most two invocations at once, each paced: never faster than SES allows.
    fn.addEventSource(
      new SqsEventSource(mail.queue, {
        batchSize: pace.batchSize,
        maxConcurrency: mailerConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    const pipeRole = new Role(this, 'PipeRole', {
      // Only on behalf of this account (no confused deputy).
      assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    data.table.grantStreamRead(pipeRole);
    mail.queue.grantSendMessages(pipeRole);
    mail.failedEvents.grantSendMessages(pipeRole);
    const pipe = new CfnPipe(this, 'OutboxPipe', {
      name: `conference-outbox-${props.stage}`,
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
    this.pipe = pipe;
  }
}
