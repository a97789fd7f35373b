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
}

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
      'MailDeadLetters',
      'Outgoing mail could not be sent after retries; see the dead-letter queue.',
      waiting(props.deadLetterQueue),
    );
    alarm(
      'ApiServerErrors',
      'The API answered with 5xx.',
      props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      { threshold: 5 },
    );
  }
}
