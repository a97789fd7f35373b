import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricsNamespace } from '../../shared/observability/sweep-report.js';

export interface OperationsAlarmsProps {
  api: HttpApi;
  deadLetterQueue: IQueue;
  /** Failed events of the Pipe and of the asynchronously invoked functions. */
  failedEvents: IQueue;
  /** Who is told: an e-mail subscription of the alarm topic (`-c alarmEmail=…`). */
  alarmEmail?: string | undefined;
  /** Every function of the stack, by a name for its alarm. */
  functions: Record<string, IFunction>;
  table: TableV2;
  /** The outbox queue: its oldest message must not grow old. */
  outbox: IQueue;
  /** The Pipe from the table's stream to the outbox queue. */
  pipeName: string;
}

/**
 * SES puts an account under review at a 5 % bounce rate or a 0.1 %
 * complaint rate; these alarms ring well before.
 */
const reputationLimits = { bounceRate: 0.03, complaintRate: 0.0005 };

/**
 * Alarms the operators act on, published to one SNS topic: any message in
 * the mail dead-letter queue, and server errors of the API.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      enforceSSL: true,
      displayName: 'Conference operations alarms',
    });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }
    const action = new SnsAction(this.topic);
    /** An alarm to the topic when `metric` reaches `threshold` (or, `whenBelow`, stays under it). */
    const alarm = (
      alarmId: string,
      description: string,
      metric: IMetric,
      { threshold = 1, whenBelow = false } = {},
    ) =>
      new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: whenBelow
          ? ComparisonOperator.LESS_THAN_THRESHOLD
          : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data from a metric that counts runs means no run at all.
        treatMissingData: whenBelow ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(action);
    const scheduledJobs = (metricName: string) =>
      new Metric({
        namespace: metricsNamespace,
        metricName,
        dimensionsMap: { service: 'scheduled-jobs' },
        period: Duration.minutes(10),
        statistic: 'Sum',
      });
    const waiting = (queue: IQueue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) });

    alarm(
      'FailedEvents',
      'An event could not be handled after retries (outbox stream record, inbound mail, bounce or complaint, scheduled run); see the failed-events queue.',
      waiting(props.failedEvents),
    );
    alarm(
      'SweepItemsFailing',
      'A scheduled sweep skipped an item it could not handle; the log line "sweep item failed" names it.',
      scheduledJobs('SweepItemFailed'),
    );
    alarm(
      'ScheduledJobsStopped',
      'The scheduled jobs have not completed a run for 10 minutes: no reminders, deadlines, releases or embargoes.',
      scheduledJobs('ScheduledJobsRun'),
      { whenBelow: true },
    );
    alarm(
      'OutboxWaiting',
      'A mail has waited in the outbox queue for more than 15 minutes: the mailer is failing or throttled.',
      props.outbox.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      { threshold: 15 * 60 },
    );
    const pipe = (metricName: string) =>
      new Metric({
        namespace: 'AWS/EventBridge/Pipes',
        metricName,
        dimensionsMap: { PipeName: props.pipeName },
        period: Duration.minutes(5),
        statistic: 'Sum',
      });
    alarm(
      'OutboxPipeFailing',
      'The Pipe from the table to the outbox queue failed to deliver records; the outbox sweep re-drives their entries.',
      pipe('ExecutionFailed'),
    );
    alarm(
      'MailDeadLetters',
      'Outgoing mail could not be sent after retries; see the dead-letter queue.',
      waiting(props.deadLetterQueue),
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Errors`,
        `The ${name} function failed (an error or a timeout); its log group says why.`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      );
    }
    alarm(
      'TableThrottled',
      'DynamoDB throttled requests to the table; the API answers 503 with Retry-After meanwhile.',
      props.table.metricThrottledRequestsForOperations({
        operations: [
          Operation.GET_ITEM,
          Operation.QUERY,
          Operation.PUT_ITEM,
          Operation.UPDATE_ITEM,
          Operation.TRANSACT_WRITE_ITEMS,
        ],
        period: Duration.minutes(5),
      }),
    );
    const reputation = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        period: Duration.hours(1),
        statistic: 'Maximum',
      });
    alarm(
      'BounceRate',
      'The account’s bounce rate nears the level at which SES reviews it: check the addresses on the board and the press list.',
      reputation('Reputation.BounceRate'),
      { threshold: reputationLimits.bounceRate },
    );
    alarm(
      'ComplaintRate',
      'The account’s complaint rate nears the level at which SES reviews it.',
      reputation('Reputation.ComplaintRate'),
      { threshold: reputationLimits.complaintRate },
    );
    alarm(
      'ApiServerErrors',
      'The API answered with 5xx.',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      { threshold: 5 },
    );
  }
}
