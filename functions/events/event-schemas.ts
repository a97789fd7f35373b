import * as z from 'zod/mini';

/*
 * The shapes of the events AWS hands the event functions, checked by the
 * Powertools parser middleware before a handler runs. They are written with
 * zod/mini like every other schema of the product (the parser takes any
 * Standard Schema), and they check the whole event, not each record through
 * an envelope: an envelope fails the whole batch for one bad record, which
 * would take the others down with it. Each record's payload is read by the
 * handler, one by one. Objects are loose: what AWS adds later passes through.
 */

/** The event source a record names (typed as AWS's own event types have it: a string). */
const source = (name: string) =>
  z.string().check(z.refine((value) => value === name, `not an ${name} record`));

/** A batch from an SQS queue (here fed by the EventBridge Pipe from the table's stream). */
export const SqsBatchSchema = z.object({
  Records: z.array(
    z.looseObject({
      messageId: z.string(),
      receiptHandle: z.string(),
      body: z.string(),
      eventSource: source('aws:sqs'),
      eventSourceARN: z.string(),
    }),
  ),
});

/** Notifications from an SNS topic, each a string message. */
export const SnsNotificationsSchema = z.object({
  Records: z.array(
    z.looseObject({
      EventSource: source('aws:sns'),
      Sns: z.looseObject({ MessageId: z.string(), Message: z.string() }),
    }),
  ),
});

/**
 * SES's receipt event for a Lambda action. Powertools' own SES schema asks
 * for `dmarcPolicy` and every common header, but SES leaves `dmarcPolicy`
 * out unless DMARC failed, and a header out that the message lacks, so it
 * would refuse ordinary mail; this one asks only for what the function
 * needs to find and route the message.
 */
export const SesReceiptEventSchema = z.object({
  Records: z.array(
    z.looseObject({
      eventSource: source('aws:ses'),
      ses: z.looseObject({
        mail: z.looseObject({ messageId: z.string(), source: z.string() }),
        // The verdicts pass through as they came: `sesVerdicts` reads each one
        // and leaves out a status it does not know.
        receipt: z.looseObject({ recipients: z.array(z.string()) }),
      }),
    }),
  ),
});

/** What GuardDuty Malware Protection for S3 says of one scanned object. */
export const scanResultStatuses = [
  'NO_THREATS_FOUND',
  'THREATS_FOUND',
  'UNSUPPORTED',
  'ACCESS_DENIED',
  'FAILED',
] as const;

/**
 * GuardDuty's scan result for one object, as EventBridge delivers it from
 * the default bus ("GuardDuty Malware Protection Object Scan Result"). Only
 * what the function needs is asked for; `threats` is null when none were found.
 */
export const MalwareScanResultEventSchema = z.looseObject({
  source: source('aws.guardduty'),
  'detail-type': z
    .string()
    .check(
      z.refine(
        (value) => value === 'GuardDuty Malware Protection Object Scan Result',
        'not a malware scan result',
      ),
    ),
  detail: z.looseObject({
    s3ObjectDetails: z.looseObject({
      bucketName: z.string(),
      objectKey: z.string().check(z.minLength(1)),
    }),
    scanResultDetails: z.looseObject({
      scanResultStatus: z.enum(scanResultStatuses),
      threats: z.optional(z.nullable(z.array(z.looseObject({ name: z.string() })))),
    }),
  }),
});
