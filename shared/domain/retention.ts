/**
 * How long papers and protocols are kept, in one place for both sides: the
 * app tags every stored object with `retention` = one of these classes, and
 * the papers bucket has one lifecycle rule per class (infra/constructs/
 * papers-storage.ts) whose expiration is `lifecycleExpirationDays(class)`.
 *
 * The app's own retention sweep deletes a paper on time, counted from the
 * session's date (`retentionDeletionDate`), and audits the deletion. The
 * lifecycle rule is the backstop for what the sweep missed, and S3 counts
 * from the object's creation, which for a paper lies before the session.
 * So a paper's rule waits its months plus `uploadLeadDays`: a paper uploaded
 * up to that long before its session is never deleted by S3 before the
 * sweep's date. Protocols are written after the session, so their rule
 * needs no lead. `keep` has no rule, and `quarantine` (a paper with a threat
 * found) goes after 30 days.
 */

/** The retention classes, as the `retention` object tag carries them. */
export const retentionClasses = [
  'papers-6m',
  'papers-12m',
  'papers-24m',
  'papers-60m',
  'protocol-10y',
  'keep',
  'quarantine',
] as const;

export type RetentionClass = (typeof retentionClasses)[number];

/** The object tag that carries the class. */
export const retentionTagKey = 'retention';

/** The months a paper class keeps a paper after its session. */
export const paperRetentionMonths = {
  'papers-6m': 6,
  'papers-12m': 12,
  'papers-24m': 24,
  'papers-60m': 60,
} as const satisfies Partial<Record<RetentionClass, number>>;

/** Protocols: ten years after the session (the per-body default). */
export const protocolRetentionYears = 10;

/** How long before its session a paper may be uploaded and still never be deleted early by S3. */
export const uploadLeadDays = 366;

/** A quarantined object (a threat found) is kept this long for the record, then deleted. */
export const quarantineDays = 30;

/** Fresh uploads that were never attached to an agenda item go after this many days. */
export const unattachedUploadDays = 2;

/** Incomplete multipart uploads are aborted after this many days. */
export const incompleteUploadDays = 1;

/** Versions replaced or deleted (by the sweep, by a new upload) are kept this long, then gone. */
export const noncurrentVersionDays = 30;

/** The key prefixes of the papers bucket, shared by the app and the bucket's rules. */
export const objectPrefixes = {
  /** `uploads/{bodyId}/{uploadId}`: fresh uploads, before they are attached. */
  uploads: 'uploads/',
  /** `papers/{bodyId}/{sessionId}/{paperId}/{version}`: attached papers. */
  papers: 'papers/',
  /** `protocols/{bodyId}/{sessionId}/{n}.pdf`: approved protocols. */
  protocols: 'protocols/',
} as const;

/**
 * The days after an object's creation at which the bucket's lifecycle rule
 * of its class deletes it, or undefined for `keep` (no rule). A month counts
 * as 31 days and a year as 366, so S3 never deletes before the calendar does.
 *
 * @example
 * ```ts
 * lifecycleExpirationDays('papers-6m'); // 6 * 31 + 366 = 552
 * lifecycleExpirationDays('keep'); // undefined
 * ```
 */
export const lifecycleExpirationDays = (retention: RetentionClass): number | undefined => {
  switch (retention) {
    case 'keep':
      return undefined;
    case 'quarantine':
      return quarantineDays;
    case 'protocol-10y':
      return protocolRetentionYears * 366;
    default:
      return paperRetentionMonths[retention] * 31 + uploadLeadDays;
  }
};

/**
 * The paper class for a body's retention period in months: the shortest
 * class that keeps a paper at least that long, so that S3's backstop never
 * deletes before the body's own rule; `keep` beyond the longest class.
 *
 * @example
 * ```ts
 * paperRetentionClass(9); // 'papers-12m'
 * paperRetentionClass(120); // 'keep'
 * ```
 */
export const paperRetentionClass = (months: number): RetentionClass => {
  const classes = Object.entries(paperRetentionMonths) as [RetentionClass, number][];
  return classes.find(([, kept]) => kept >= months)?.[0] ?? 'keep';
};

/**
 * When the retention sweep deletes a paper: `months` calendar months after
 * the session's date (the last day of the month when the day does not exist
 * there, e.g. 31 August + 6 months = 28 or 29 February).
 *
 * @example
 * ```ts
 * retentionDeletionDate('2027-03-03T10:00:00+01:00', 6).toISOString(); // '2027-09-03T09:00:00.000Z'
 * ```
 */
export const retentionDeletionDate = (sessionDate: Date | string, months: number): Date => {
  if (!Number.isInteger(months) || months < 0) {
    throw new RangeError(`A retention period is a whole number of months, not ${months}.`);
  }
  const start = new Date(sessionDate);
  if (Number.isNaN(start.getTime())) {
    throw new RangeError(`'${String(sessionDate)}' is not a date.`);
  }
  const target = new Date(start);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
  return target;
};
