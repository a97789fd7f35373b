import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
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
    const scheduledJobs = (metricName: string) =>
      new Metric({
        namespace: metricsNamespace,
        metricName,
        dimensionsMap: { service: 'scheduled-jobs' },
        period: Duration.minutes(10),
        statistic: 'Sum',
      });

    new Alarm(this, 'FailedEvents', {
      alarmDescription:
        'An event could not be handled after retries (outbox stream record, inbound mail, bounce or complaint, scheduled run); see the failed-events queue.',
      metric: props.failedEvents.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);

    new Alarm(this, 'SweepItemsFailing', {
      alarmDescription:
        'A scheduled sweep skipped an item it could not handle; the log line "sweep item failed" names it.',
      metric: scheduledJobs('SweepItemFailed'),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);

    new Alarm(this, 'ScheduledJobsStopped', {
      alarmDescription:
        'The scheduled jobs have not completed a run for 10 minutes: no reminders, deadlines, releases or embargoes.',
      metric: scheduledJobs('ScheduledJobsRun'),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    }).addAlarmAction(action);

    new Alarm(this, 'MailDeadLetters', {
      alarmDescription: 'Outgoing mail could not be sent after retries; see the dead-letter queue.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);

    new Alarm(this, 'ApiServerErrors', {
      alarmDescription: 'The API answered with 5xx.',
      metric: props.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(action);
  }
}
