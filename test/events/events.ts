import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type {
  Context,
  GuardDutyScanResultNotificationEvent,
  SESEvent,
  SNSEvent,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';

/**
 * The recorded events in this folder are shaped exactly as AWS hands them to
 * Lambda; these read a fresh copy of one, so that a test can vary it.
 */
const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as T;

/** A batch from the outbox queue, fed by the EventBridge Pipe: two outbox messages. */
export const sqsPipeBatch = (): SQSEvent => read('sqs-pipe-batch.json');

/** One record of that batch with another body (and its MD5, as SQS computes it). */
export const sqsRecord = (messageId: string, body: string): SQSRecord => {
  const [record] = sqsPipeBatch().Records;
  if (record === undefined) throw new Error('sqs-pipe-batch.json has no record');
  return { ...record, messageId, body, md5OfBody: createHash('md5').update(body).digest('hex') };
};

/** SES's receipt event for the Lambda action: one mail, all verdicts PASS, no `dmarcPolicy`. */
export const sesReceipt = (): SESEvent => read('ses-receipt.json');

/** SNS notifications carrying SES events of the configuration set. */
export const snsSesBounce = (): SNSEvent => read('sns-ses-bounce.json');
export const snsSesComplaint = (): SNSEvent => read('sns-ses-complaint.json');
export const snsSesDelivery = (): SNSEvent => read('sns-ses-delivery.json');

/** GuardDuty's malware scan result of one uploaded paper, from the default event bus: clean. */
export const guardDutyScanResult = (): GuardDutyScanResultNotificationEvent =>
  read('guardduty-scan-result.json');

/** What EventBridge Scheduler's templated Lambda target delivers. */
export const schedulerInvocation = (): Record<string, unknown> => read('scheduler-invocation.json');

/** A Lambda context as the runtime passes it. */
export const lambdaContext = (functionName: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2026/12/01/[$LATEST]2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
