import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { InboundRecord } from '../domain/inbound-record.js';
import type { AnswerChannel } from '../domain/invitation.js';
import type { DeliveryOutcome } from '../use-cases/deliver-mail.js';
import type { DeliveryEvent } from '../use-cases/delivery-events.js';
import { metricsNamespace } from './sweep-report.js';

/**
 * Makes the EMF metrics of a function, in the product's namespace. The
 * service name is the `service` dimension the alarms select on, so it is
 * fixed here rather than taken from `POWERTOOLS_SERVICE_NAME`.
 *
 * @example
 * ```ts
 * const metrics = createMetrics('mailer');
 * ```
 */
export const createMetrics = (serviceName: string): Metrics =>
  new Metrics({ namespace: metricsNamespace, serviceName });

/** The metric each delivery outcome counts in; a skipped entry was someone else's. */
const deliveryMetric: Record<DeliveryOutcome, string | undefined> = {
  sent: 'MailSent',
  rejected: 'MailFailed',
  retry: 'MailDeferred',
  skipped: undefined,
};

/**
 * Counts what became of one outbox entry: `MailSent`, `MailFailed` (refused
 * for good) or `MailDeferred` (not sent now, back to the queue). The caller
 * publishes the stored metrics (`logMetrics` does at the end of the run).
 *
 * @example
 * ```ts
 * countDelivery(metrics, await deliverOutboxEntry(deps, outboxId));
 * ```
 */
export const countDelivery = (metrics: Metrics, outcome: DeliveryOutcome): void => {
  const name = deliveryMetric[outcome];
  if (name !== undefined) metrics.addMetric(name, MetricUnit.Count, 1);
};

/**
 * Counts one SES request that SES throttled (`MailThrottled`); the SDK
 * retries it with backoff, so the count is of throttled attempts, not of
 * mails lost.
 *
 * @example
 * ```ts
 * new SesMailSender({ region, onThrottled: () => countThrottled(metrics) });
 * ```
 */
export const countThrottled = (metrics: Metrics): void => {
  metrics.addMetric('MailThrottled', MetricUnit.Count, 1);
};

/**
 * Counts one bounce (`MailBounced`, with `permanent` as dimension) or
 * complaint (`MailComplained`) that SES reported.
 *
 * @example
 * ```ts
 * countDeliveryEvent(metrics, { sesMessageId, kind: 'bounce', permanent: true });
 * ```
 */
export const countDeliveryEvent = (
  metrics: Metrics,
  event: Pick<DeliveryEvent, 'kind' | 'permanent'>,
): void => {
  if (event.kind === 'complaint') {
    metrics.addMetric('MailComplained', MetricUnit.Count, 1);
    return;
  }
  const metric = metrics.singleMetric();
  metric.addDimension('permanent', String(event.permanent));
  metric.addMetric('MailBounced', MetricUnit.Count, 1);
};

/**
 * Counts one recorded answer (`AnswerRecorded`) under its channel: `link`,
 * `mail`, `calendar` or `secretariat`.
 *
 * @example
 * ```ts
 * countAnswer(metrics, 'calendar');
 * ```
 */
export const countAnswer = (metrics: Metrics, channel: AnswerChannel): void => {
  const metric = metrics.singleMetric();
  metric.addDimension('channel', channel);
  metric.addMetric('AnswerRecorded', MetricUnit.Count, 1);
};

/**
 * Counts what became of one inbound mail (`InboundOutcome` by `state`), and
 * an answer or vote it applied (`AnswerRecorded` by its channel).
 *
 * @example
 * ```ts
 * countInbound(metrics, await processInboundMail(deps, mail));
 * ```
 */
export const countInbound = (
  metrics: Metrics,
  record: Pick<InboundRecord, 'state' | 'channel'>,
): void => {
  const metric = metrics.singleMetric();
  metric.addDimension('state', record.state);
  metric.addMetric('InboundOutcome', MetricUnit.Count, 1);
  if (record.state === 'applied' && record.channel !== undefined)
    countAnswer(metrics, record.channel);
};
