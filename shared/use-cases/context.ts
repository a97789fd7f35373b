import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { type AuditEntry, type AuditObjectType, changedFields } from '../domain/audit.js';
import { ConflictError, isLostRace, UnprocessableError } from '../domain/errors.js';
import { type Message, msg } from '../domain/messages.js';
import type { Principal } from '../domain/roles.js';
import type { Clock } from '../ports/clock.js';
import {
  type Change,
  type ConferenceRepository,
  IdempotentReplay,
} from '../ports/conference-repository.js';

/** What every use case needs. */
export interface UseCaseDeps {
  repo: ConferenceRepository;
  clock: Clock;
}

/** Who acts: the verified principal of the request. */
export interface Actor {
  principal: Principal;
}

/** The actor of changes the system makes itself (the demo seed, scheduled jobs). */
export const systemActor: Actor = {
  principal: { subject: 'system', email: undefined, roles: ['admin'], bodies: [] },
};

/** How an actor is named in audit entries and records: the address, else the subject. */
export const actorName = (actor: Actor) => actor.principal.email ?? actor.principal.subject;

/**
 * Builds the audit entry of one change: who, when, what, which versions, which fields.
 *
 * @example
 * ```ts
 * auditEntry(deps, actor, 'session.update', 'session', session.id, session.bodyId, before, after);
 * ```
 */
export const auditEntry = (
  deps: UseCaseDeps,
  actor: Actor,
  action: string,
  objectType: AuditObjectType,
  objectId: string,
  bodyId: string,
  before: ({ version: number } & object) | undefined,
  after: ({ version: number } & object) | undefined,
): AuditEntry => ({
  id: ulid(),
  at: deps.clock.now().toISOString(),
  actor: actorName(actor),
  action,
  objectType,
  objectId,
  bodyId,
  versionBefore: before?.version ?? null,
  versionAfter: after?.version ?? null,
  changedFields: changedFields(
    before as Record<string, unknown> | undefined,
    after as Record<string, unknown> | undefined,
  ),
  ...(isExercise(before) || isExercise(after) ? { exercise: true as const } : {}),
});

/** True for an object of an exercise: a session, procedure, resolution, invitation or ballot. */
const isExercise = (object: object | undefined): boolean =>
  object !== undefined && 'exercise' in object && object.exercise === true;

/** The outcome of a create: the object, and whether it was replayed for a repeated key. */
export interface Created<T> {
  value: T;
  replayed: boolean;
}

export interface IdempotencyOptions {
  /** The client's `Idempotency-Key`, if it sent one. */
  key?: string | undefined;
  /** Names the operation and its target, so one key cannot be reused elsewhere. */
  operation: string;
  request: unknown;
}

const idempotencyTtlSeconds = 24 * 3600;

/**
 * Runs a create once per idempotency key: a repeated key returns the first
 * result and creates nothing; the same key with another request is a 422.
 * The stored response is written in the same transaction as the create.
 *
 * A replay returns the stored response without running `build`, so the
 * caller checks the actor's permission before it calls this, never inside
 * `build`: a key is per user, and a user may have lost the right since.
 */
export const createOnce = async <T>(
  deps: UseCaseDeps,
  actor: Actor,
  options: IdempotencyOptions,
  build: () => Promise<{ changes: Change[]; audit: AuditEntry[]; value: T }>,
): Promise<Created<T>> => {
  if (options.key === undefined) {
    const { changes, audit, value } = await build();
    await deps.repo.commit(changes, audit);
    return { value, replayed: false };
  }
  const scope = actor.principal.subject;
  const requestHash = createHash('sha256')
    .update(options.operation)
    .update('\n')
    .update(JSON.stringify(options.request))
    .digest('base64url');
  const replay = (stored: { requestHash: string; body: unknown }): Created<T> => {
    if (stored.requestHash !== requestHash) {
      throw new UnprocessableError(msg('request.idempotency-key-reused'));
    }
    return { value: stored.body as T, replayed: true };
  };

  const earlier = await deps.repo.readStoredResponse(scope, options.key);
  if (earlier !== undefined) return replay(earlier);
  const { changes, audit, value } = await build();
  try {
    await deps.repo.commit(changes, audit, {
      scope,
      key: options.key,
      requestHash,
      status: 201,
      body: value,
      expiresAt: Math.floor(deps.clock.now().getTime() / 1000) + idempotencyTtlSeconds,
    });
  } catch (error) {
    if (error instanceof IdempotentReplay) return replay(error.response);
    throw error;
  }
  return { value, replayed: false };
};

/** Increments a version and stamps the time. */
export const nextVersion = <T extends { version: number; updatedAt: string }>(
  deps: UseCaseDeps,
  value: T,
): T => ({
  ...value,
  version: value.version + 1,
  updatedAt: deps.clock.now().toISOString(),
});

/**
 * Runs `attempt` (a whole read, decide and write) again while its write loses
 * a race to a concurrent one (a stale version or a conflicting transaction),
 * with a growing random pause; gives up with a 409 after `times` tries.
 */
export const retryLostRaces = async <T>(
  attempt: () => Promise<T>,
  giveUp: Message,
  times = 25,
): Promise<T> => {
  for (let round = 0; round < times; round += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLostRace(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (round + 1)));
    }
  }
  throw new ConflictError(giveUp);
};
