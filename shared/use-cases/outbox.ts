import { ConflictError, NotFoundError } from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { type OutboxEntry, queuedMail } from '../domain/outbox.js';
import { requirePermission } from '../domain/policy.js';
import type { Change } from '../ports/conference-repository.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import { type Actor, auditEntry, type UseCaseDeps } from './context.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';

/**
 * How long an entry may wait in `queued` or `sending` before the sweep looks
 * at it: longer than the queue's five deliveries with their visibility
 * timeouts, so an entry that is only being retried is left alone.
 */
export const outboxStaleAfterMinutes = 20;

/** How often a lost entry is sent again before it is given up as `failed`. */
export const maxRedrives = 3;

/** A fresh copy of an entry, queued, that takes the place of the lost or failed one. */
const copyOf = (entry: OutboxEntry, now: string): OutboxEntry => {
  const {
    id: _id,
    state: _state,
    attempts: _attempts,
    createdAt: _created,
    updatedAt: _updated,
    messageId: _messageId,
    failure: _failure,
    ...what
  } = entry;
  return {
    ...what,
    ...queuedMail(now),
    redriveOf: entry.id,
    redrives: (entry.redrives ?? 0) + 1,
  } as OutboxEntry;
};

/** The fresh copy of an entry, and the changes that put it in the old one's place, once. */
export const redrive = (
  entry: OutboxEntry,
  now: string,
): { copy: OutboxEntry; changes: Change[] } => {
  const copy = copyOf(entry, now);
  return {
    copy,
    changes: [
      {
        type: 'outbox',
        op: 'replace',
        entry: { ...entry, state: 'superseded', updatedAt: now },
        expectedState: entry.state,
      },
      { type: 'outbox', op: 'create', entry: copy },
    ],
  };
};

export interface OutboxSweepResult {
  /** Queued entries whose queue message was lost, sent again as a fresh copy. */
  redriven: number;
  /** Entries given up: queued too long after every re-drive. */
  failed: number;
  /** Entries claimed long ago and never settled: maybe sent, so never sent again by themselves. */
  unknown: number;
}

/**
 * The outbox sweep: no mail is stuck without anyone knowing. An entry still
 * `queued` long after it was written lost its queue message (the queue's
 * dead-letter queue took it, or the stream record expired): it is replaced
 * by a fresh copy, which the stream puts on the queue again, at most
 * `maxRedrives` times, then it becomes `failed`. An entry still `sending`
 * long after its claim may or may not have gone out (a crash between the
 * send and the bookkeeping): it becomes `unknown` and is shown, never sent
 * again by itself, so nothing goes out twice. Each entry on its own.
 */
export const sweepOutbox = async (
  deps: UseCaseDeps,
  failures: SweepFailure[] = [],
): Promise<OutboxSweepResult> => {
  const now = deps.clock.now();
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - outboxStaleAfterMinutes * 60_000).toISOString();
  const result: OutboxSweepResult = { redriven: 0, failed: 0, unknown: 0 };
  const stale = async (state: 'queued' | 'sending') =>
    (await deps.repo.listOutboxInState(state, { limit: 100, before: cutoff })).items.filter(
      (entry) => entry.updatedAt < cutoff,
    );
  await eachOnItsOwn(
    'outbox',
    await stale('queued'),
    (entry) => entry.id,
    async (entry) => {
      if ((entry.redrives ?? 0) >= maxRedrives) {
        await deps.repo.commit(
          [
            {
              type: 'outbox',
              op: 'replace',
              entry: {
                ...entry,
                state: 'failed',
                failure: `still queued after ${maxRedrives} re-drives`,
                updatedAt: at,
              },
              expectedState: 'queued',
            },
          ],
          [],
        );
        result.failed += 1;
        return;
      }
      await deps.repo.commit(redrive(entry, at).changes, []);
      result.redriven += 1;
    },
    failures,
  );
  await eachOnItsOwn(
    'outbox',
    await stale('sending'),
    (entry) => entry.id,
    async (entry) => {
      await deps.repo.commit(
        [
          {
            type: 'outbox',
            op: 'replace',
            entry: {
              ...entry,
              state: 'unknown',
              failure: 'claimed for sending and never settled: it may or may not have gone out',
              updatedAt: at,
            },
            expectedState: 'sending',
          },
        ],
        [],
      );
      result.unknown += 1;
    },
    failures,
  );
  return result;
};

/** Outbox entries in one state, for an admin who looks after the mail. */
export const listOutbox = (
  deps: UseCaseDeps,
  actor: Actor,
  state: 'queued' | 'failed' | 'unknown',
  page: PageRequest,
): Promise<Page<OutboxEntry>> => {
  requirePermission(actor.principal, 'outbox:manage');
  return deps.repo.listOutboxInState(state, page);
};

/**
 * An admin sends a `failed` or `unknown` entry again, as a fresh copy; for
 * an `unknown` one that is a decision that the mail may go out twice, which
 * the audit records.
 */
export const retryOutboxEntry = async (
  deps: UseCaseDeps,
  actor: Actor,
  entryId: string,
): Promise<OutboxEntry> => {
  requirePermission(actor.principal, 'outbox:manage');
  const entry = await deps.repo.getOutboxEntry(entryId);
  if (entry === undefined) throw new NotFoundError('Outbox entry', entryId);
  if (entry.state !== 'failed' && entry.state !== 'unknown') {
    throw new ConflictError(msg('outbox.not-resendable', { state: entry.state }), {
      state: entry.state,
    });
  }
  const at = deps.clock.now().toISOString();
  const { copy, changes } = redrive(entry, at);
  await deps.repo.commit(changes, [
    {
      ...auditEntry(deps, actor, 'outbox.retry', 'outbox', entry.id, '-', undefined, undefined),
      changedFields: [`${entry.state}->${copy.id}`],
    },
  ]);
  return copy;
};
