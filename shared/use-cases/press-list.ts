import { clientKey, pressListQuota, quotaWindow } from '../domain/client-quota.js';
import {
  ConflictError,
  isLostRace,
  NotFoundError,
  PreconditionFailedError,
  TooManyRequestsError,
} from '../domain/errors.js';
import { LinkRefusedError, signLink, verifyLink } from '../domain/link-token.js';
import { msg } from '../domain/messages.js';
import { type PressOutboxEntry, queuedMail } from '../domain/outbox.js';
import { requirePermission } from '../domain/policy.js';
import {
  confirmationDue,
  confirmationLinkHolds,
  isSuppressed,
  type SubscribeInput,
  SubscribeInputSchema,
  type Subscriber,
  subscriberId,
} from '../domain/press-list.js';
import type { PressJob, PressRelease } from '../domain/press-release.js';
import type { Change } from '../ports/conference-repository.js';
import {
  type Actor,
  auditEntry,
  nextVersion,
  retryLostRaces,
  systemActor,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';

/** How long a confirmation link opens; its issue time is its expiry less this. */
const confirmationSeconds = 7 * 86_400;
/** Unsubscribe links in mails keep working for years. */
const unsubscribeSeconds = 10 * 365 * 86_400;

/** Mails written per transaction when a release goes to the press list. */
export const pressBatchSize = 40;

const subscriberActor = (email: string) => ({
  principal: { subject: email, email, roles: [], bodies: [] },
});

export const confirmationToken = (linkSecret: string, subscriber: Subscriber, now: Date) =>
  signLink(linkSecret, {
    subject: subscriber.id,
    purpose: 'press-confirm',
    expiresAt: Math.floor(now.getTime() / 1000) + confirmationSeconds,
  });

export const unsubscribeToken = (linkSecret: string, subscriber: Subscriber, now: Date) =>
  signLink(linkSecret, {
    subject: subscriber.id,
    purpose: 'press-unsubscribe',
    expiresAt: Math.floor(now.getTime() / 1000) + unsubscribeSeconds,
  });

const pressEntry = (
  subscriber: Subscriber,
  now: string,
  kind: PressOutboxEntry['kind'],
  release?: { id: string; mailing: NonNullable<PressOutboxEntry['mailing']> },
): PressOutboxEntry => ({
  ...queuedMail(now),
  kind,
  subscriberId: subscriber.id,
  ...(release ? { releaseId: release.id, mailing: release.mailing } : {}),
});

/**
 * A journalist asks to join the press list, from `client` (the network
 * address the platform reports). A client may ask ten times an hour
 * (`pressListQuota`), whatever the addresses; then 429. The request is only
 * recorded, as a queued confirmation mail: the answer reads nothing about
 * the address and writes the same for every address, so neither what it
 * says nor how long it takes tells whether the address is new, pending,
 * confirmed or removed. Whether the mail goes out is decided when the mailer
 * takes it (`admitSubscription`), at most one an address every ten minutes.
 *
 * @example
 * ```ts
 * await subscribe(deps, { email: 'redaktion@zeitung.example.org' }, '203.0.113.7');
 * ```
 */
export const subscribe = async (
  deps: UseCaseDeps,
  input: SubscribeInput,
  client: string | undefined,
): Promise<void> => {
  const valid = parseInput(SubscribeInputSchema, input, 'body');
  const now = deps.clock.now();
  const window = quotaWindow(pressListQuota, clientKey(client), now);
  if (!(await deps.repo.takeQuota(window))) {
    throw new TooManyRequestsError(
      msg('press-list.too-many-sign-ups'),
      Math.max(1, window.expiresAt - Math.floor(now.getTime() / 1000)),
    );
  }
  const at = now.toISOString();
  const entry: PressOutboxEntry = {
    ...queuedMail(at),
    kind: 'press-confirm',
    subscriberId: subscriberId(valid.email),
    request: { email: valid.email, ...(valid.name ? { name: valid.name } : {}) },
  };
  await deps.repo.commit([{ type: 'outbox', op: 'create', entry }], []);
};

/**
 * Decides, as the mailer takes a subscription request, whether its
 * confirmation mail goes out (`confirmationDue`: not to a confirmed or
 * removed address, at most one every ten minutes) and records the pending
 * subscription. The subscriber, or undefined when no mail goes. A retried
 * send of the same request goes ahead; a race with another request for the
 * address is decided again.
 */
export const admitSubscription = (
  deps: UseCaseDeps,
  entry: PressOutboxEntry,
): Promise<Subscriber | undefined> =>
  retryLostRaces(async () => {
    const before = await deps.repo.getSubscriber(entry.subscriberId);
    const pending = before?.state === 'pending' && !isSuppressed(before) ? before : undefined;
    // Queued before requests were recorded as such: the subscriber was written with it.
    if (entry.request === undefined) return pending;
    if (before !== undefined && before.confirmationEntryId === entry.id) return pending;
    const now = deps.clock.now();
    if (!confirmationDue(before, now)) return undefined;
    const at = now.toISOString();
    const after: Subscriber =
      before === undefined
        ? {
            id: entry.subscriberId,
            email: entry.request.email,
            ...(entry.request.name ? { name: entry.request.name } : {}),
            state: 'pending',
            confirmationSentAt: at,
            confirmationEntryId: entry.id,
            version: 1,
            createdAt: at,
            updatedAt: at,
          }
        : nextVersion(deps, {
            ...before,
            state: 'pending',
            confirmationSentAt: at,
            confirmationEntryId: entry.id,
          });
    const audit = auditEntry(
      deps,
      subscriberActor(after.email),
      'subscriber.subscribe',
      'subscriber',
      after.id,
      '-',
      before,
      after,
    );
    if (before !== undefined) {
      await deps.repo.commit(
        [{ type: 'subscriber', op: 'replace', subscriber: after, expectedVersion: before.version }],
        [audit],
      );
      return after;
    }
    try {
      await deps.repo.commit([{ type: 'subscriber', op: 'create', subscriber: after }], [audit]);
    } catch (error) {
      // Another request created the address meanwhile: a lost race, decided again.
      if (error instanceof ConflictError && !isLostRace(error)) {
        throw new PreconditionFailedError(msg('press-list.created-meanwhile'), error);
      }
      throw error;
    }
    return after;
  }, msg('press-list.admission-busy'));

/**
 * The subscriber a confirmation or unsubscribe link names; refused links
 * throw. A confirmation link holds only while its subscription is pending
 * (or confirmed by it): after the address left the list it is `superseded`.
 */
export const openPressListLink = async (
  deps: UseCaseDeps & { linkSecret: string },
  token: string,
  purpose: 'press-confirm' | 'press-unsubscribe',
): Promise<Subscriber> => {
  const claims = verifyLink(deps.linkSecret, token, purpose, deps.clock.now());
  const subscriber = await deps.repo.getSubscriber(claims.subject);
  if (subscriber === undefined) throw new NotFoundError('Subscriber', claims.subject);
  const issuedAt = claims.expiresAt - confirmationSeconds;
  if (purpose === 'press-confirm' && !confirmationLinkHolds(subscriber, issuedAt)) {
    throw new LinkRefusedError('superseded');
  }
  return subscriber;
};

const move = async (
  deps: UseCaseDeps,
  subscriber: Subscriber,
  state: 'confirmed' | 'unsubscribed',
  removedFor?: Subscriber['removedFor'],
): Promise<Subscriber> => {
  if (subscriber.state === state) return subscriber;
  const at = deps.clock.now().toISOString();
  const after = nextVersion(deps, {
    ...subscriber,
    state,
    ...(state === 'confirmed' ? { confirmedAt: at } : { unsubscribedAt: at }),
    ...(removedFor ? { removedFor } : {}),
  });
  await deps.repo.commit(
    [{ type: 'subscriber', op: 'replace', subscriber: after, expectedVersion: subscriber.version }],
    [
      auditEntry(
        deps,
        subscriberActor(subscriber.email),
        `subscriber.${state}`,
        'subscriber',
        subscriber.id,
        '-',
        subscriber,
        after,
      ),
    ],
  );
  return after;
};

/** Confirms a subscription from the link in the confirmation mail (double opt-in). */
export const confirmSubscription = async (
  deps: UseCaseDeps & { linkSecret: string },
  token: string,
) => move(deps, await openPressListLink(deps, token, 'press-confirm'), 'confirmed');

/** Ends a subscription from the link in any press mail (one click, no questions). */
export const unsubscribe = async (deps: UseCaseDeps & { linkSecret: string }, token: string) =>
  move(deps, await openPressListLink(deps, token, 'press-unsubscribe'), 'unsubscribed');

/**
 * Takes an address off the press list because its mail bounced for good or
 * drew a complaint: SES must not be asked to send there again.
 */
export const removeSubscriber = async (
  deps: UseCaseDeps,
  subscriberId: string,
  reason: 'bounced' | 'complained',
): Promise<boolean> => {
  const subscriber = await deps.repo.getSubscriber(subscriberId);
  if (subscriber === undefined || subscriber.state === 'unsubscribed') return false;
  await move(deps, subscriber, 'unsubscribed', reason);
  return true;
};

export interface PressJobsResult {
  published: number;
  mailed: number;
}

/**
 * Runs the due press jobs: publishes scheduled releases whose embargo has
 * come (and queues their mailing), and mails the press list in batches of
 * `pressBatchSize`, at most `maxBatches` a run, so the outbox fills no faster
 * than SES sends. Each batch is written with the job's next cursor under the
 * job's version, so a repeated or concurrent run mails nobody twice.
 */
export const runPressJobs = async (
  deps: UseCaseDeps,
  maxBatches = 10,
  failures: SweepFailure[] = [],
): Promise<PressJobsResult> => {
  const result: PressJobsResult = { published: 0, mailed: 0 };
  // Another run took this job meanwhile (a lost race, or the job is gone):
  // the next run picks up what is left. Anything else is reported for that job alone.
  const tolerateGone = (work: (job: PressJob) => Promise<void>) => async (job: PressJob) => {
    try {
      await work(job);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  };
  const jobId = (job: PressJob) => `${job.kind}:${job.releaseId}`;
  // Publications first, so that their mailings start in the same run.
  const due = await deps.repo.listDuePressJobs(deps.clock.now());
  await eachOnItsOwn(
    'press',
    due.filter((job) => job.kind === 'publish'),
    jobId,
    tolerateGone(async (job) => {
      if (await publishDue(deps, job)) result.published += 1;
    }),
    failures,
  );
  let batches = 0;
  const mailings = (await deps.repo.listDuePressJobs(deps.clock.now())).filter(
    (job) => job.kind === 'mail',
  );
  await eachOnItsOwn(
    'press',
    mailings,
    jobId,
    tolerateGone(async (job) => {
      let current: PressJob | undefined = job;
      while (current !== undefined && batches < maxBatches) {
        batches += 1;
        const batch = await mailBatch(deps, current);
        result.mailed += batch.mailed;
        current = batch.next;
      }
    }),
    failures,
  );
  return result;
};

const publishDue = async (deps: UseCaseDeps, job: PressJob): Promise<boolean> => {
  const release = await deps.repo.getPressRelease(job.releaseId);
  const changes: Change[] = [
    { type: 'press-job', op: 'delete', job, expectedVersion: job.version },
  ];
  if (release === undefined || release.state !== 'scheduled') {
    await deps.repo.commit(changes, []);
    return false;
  }
  const now = deps.clock.now().toISOString();
  const after: PressRelease = nextVersion(deps, { ...release, state: 'published' });
  changes.push({
    type: 'press-release',
    op: 'replace',
    release: after,
    expectedVersion: release.version,
  });
  if (!release.preSend) {
    changes.push({
      type: 'press-job',
      op: 'create',
      job: {
        releaseId: release.id,
        kind: 'mail',
        mailing: 'publication',
        dueAt: now,
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
    });
  }
  await deps.repo.commit(changes, [
    auditEntry(
      deps,
      systemActor,
      'press-release.published',
      'press-release',
      release.id,
      release.bodyId,
      release,
      after,
    ),
  ]);
  return true;
};

const mailBatch = async (
  deps: UseCaseDeps,
  job: PressJob,
): Promise<{ mailed: number; next?: PressJob }> => {
  const release = await deps.repo.getPressRelease(job.releaseId);
  const page = await deps.repo.listConfirmedSubscribers({
    limit: pressBatchSize,
    next: job.cursor,
  });
  const now = deps.clock.now().toISOString();
  const withdrawn = release === undefined || release.state === 'withdrawn';
  const recipients = withdrawn ? [] : page.items.filter((subscriber) => !isSuppressed(subscriber));
  const done = withdrawn || page.next === undefined;
  const next = done ? undefined : nextVersion(deps, { ...job, cursor: page.next });
  const changes: Change[] = [
    ...recipients.map(
      (subscriber): Change => ({
        type: 'outbox',
        op: 'create',
        entry: pressEntry(subscriber, now, 'press-release', {
          id: job.releaseId,
          mailing: job.mailing ?? 'publication',
        }),
      }),
    ),
    next === undefined
      ? { type: 'press-job', op: 'delete', job, expectedVersion: job.version }
      : { type: 'press-job', op: 'replace', job: next, expectedVersion: job.version },
  ];
  await deps.repo.commit(changes, []);
  return { mailed: recipients.length, ...(next ? { next } : {}) };
};

/** What staff see of the press list: how many, never who. */
export interface PressListFigures {
  confirmed: number;
  pending: number;
  unsubscribed: number;
  /** When the list was last sent a release (publication, advance copy or correction). */
  lastSentAt?: string;
}

/** The moments a release went (or goes) to the press list, up to `now`. */
const sendings = (release: PressRelease, now: string): string[] =>
  [
    release.state !== 'draft' && release.state !== 'submitted' && release.state !== 'approved'
      ? release.publishAt
      : undefined,
    release.preSend ? release.approvedAt : undefined,
    release.correctedAt,
  ].filter((at): at is string => at !== undefined && at <= now);

/**
 * The press list's figures for staff who read press releases: confirmed,
 * pending and unsubscribed addresses, and the last sending. No address is
 * read or returned, so the press office sees the list's size, not its members.
 *
 * @example
 * ```ts
 * const { confirmed, lastSentAt } = await pressListFigures(deps, actor);
 * ```
 */
export const pressListFigures = async (
  deps: UseCaseDeps,
  actor: Actor,
): Promise<PressListFigures> => {
  requirePermission(actor.principal, 'press:read');
  const now = deps.clock.now().toISOString();
  const [counts, recent] = await Promise.all([
    deps.repo.countSubscribers(),
    deps.repo.listPressReleases({ limit: 50 }),
  ]);
  const lastSentAt = recent.items
    .flatMap((release) => sendings(release, now))
    .sort()
    .at(-1);
  return { ...counts, ...(lastSentAt === undefined ? {} : { lastSentAt }) };
};
