import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import {
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricsNamespace } from '../../shared/observability/sweep-report.js';

export interface OperationsDashboardProps {
  stage: string;
  api: HttpApi;
  distribution: Distribution;
  functions: Record<string, IFunction>;
  outbox: IQueue;
  deadLetterQueue: IQueue;
  failedEvents: IQueue;
}

const period = Duration.minutes(5);

/**
 * Every series of one business metric, whatever the function and its extra
 * dimension (channel, state): a CloudWatch search, so a new dimension value
 * appears on its own.
 */
const search = (metricName: string, dimensions: string[], label: string): IMetric =>
  new MathExpression({
    expression: `SEARCH('{${metricsNamespace},${dimensions.join(',')}} MetricName="${metricName}"', 'Sum', ${period.toSeconds()})`,
    label,
    period,
    usingMetrics: {},
  });

/**
 * The operators' page: mails sent, failed and throttled; answers by channel;
 * what became of inbound mail; API and CloudFront latency and errors; the
 * queues; and the functions' errors. The alarms ring; this shows why.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 12, height: 6, period });
    const edge = (metricName: string, statistic: string) =>
      new Metric({
        namespace: 'AWS/CloudFront',
        metricName,
        // CloudFront reports its metrics in us-east-1 only.
        region: 'us-east-1',
        dimensionsMap: { DistributionId: props.distribution.distributionId, Region: 'Global' },
        statistic,
        period,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `conference-${props.stage}`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Conference coordination (${props.stage})\nMails, answers and inbound replies come from the functions' EMF metrics (namespace \`${metricsNamespace}\`); the alarms are on the topic of the stack output \`AlarmTopicArn\`.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      graph('Mails', [
        search('MailSent', ['service'], 'sent'),
        search('MailFailed', ['service'], 'refused for good'),
        search('MailDeferred', ['service'], 'deferred'),
        search('MailThrottled', ['service'], 'SES throttled'),
      ]),
      graph('Bounces and complaints', [
        search('MailBounced', ['service', 'permanent'], 'bounced'),
        search('MailComplained', ['service'], 'complaints'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Answers by channel', [search('AnswerRecorded', ['service', 'channel'], 'answers')]),
      graph('Inbound mail by outcome', [search('InboundOutcome', ['service', 'state'], 'inbound')]),
    );
    this.dashboard.addWidgets(
      graph(
        'API latency (ms)',
        [
          props.api.metricLatency({ statistic: 'p50', period, label: 'p50' }),
          props.api.metricLatency({ statistic: 'p99', period, label: 'p99' }),
        ],
        [props.api.metricCount({ statistic: 'Sum', period, label: 'requests' })],
      ),
      graph('API and CloudFront errors', [
        props.api.metricClientError({ statistic: 'Sum', period, label: 'API 4xx' }),
        props.api.metricServerError({ statistic: 'Sum', period, label: 'API 5xx' }),
        edge('4xxErrorRate', 'Average'),
        edge('5xxErrorRate', 'Average'),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Queues',
        [
          props.outbox.metricApproximateNumberOfMessagesVisible({
            period,
            label: 'outbox waiting',
          }),
          props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            period,
            label: 'mail dead letters',
          }),
          props.failedEvents.metricApproximateNumberOfMessagesVisible({
            period,
            label: 'failed events',
          }),
        ],
        [
          props.outbox.metricApproximateAgeOfOldestMessage({
            period,
            statistic: 'Maximum',
            label: 'oldest outbox message (s)',
          }),
        ],
      ),
      graph(
        'Function errors',
        Object.entries(props.functions).map(([name, fn]) =>
          fn.metricErrors({ period, statistic: 'Sum', label: name }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph('Scheduled jobs', [
        search('ScheduledJobsRun', ['service'], 'runs'),
        search('SweepItemFailed', ['service'], 'items skipped'),
      ]),
      graph(
        'Function duration p99 (ms)',
        Object.entries(props.functions).map(([name, fn]) =>
          fn.metricDuration({ period, statistic: 'p99', label: name }),
        ),
      ),
    );
  }
}
