import { ulid } from 'ulid';
import {
  type AgendaItem,
  type AgendaItemInput,
  AgendaItemInputSchema,
  type AgendaItemPatch,
  AgendaItemPatchSchema,
  maxAgendaItems,
  ReorderInputSchema,
} from '../domain/agenda.js';
import type { AuditEntry } from '../domain/audit.js';
import { changedFields } from '../domain/audit.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { can, requirePermission } from '../domain/policy.js';
import type { Session } from '../domain/session.js';
import { isEditable } from '../domain/session-state.js';
import type { Change } from '../ports/conference-repository.js';
import { agendaChangeWrites } from './agenda-approval.js';
import {
  type Actor,
  auditEntry,
  type Created,
  createOnce,
  nextVersion,
  retryLostRaces,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import { requireVersion } from './versions.js';

/** The session whose agenda the caller wants to change, if the caller may manage it. */
const managedSession = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<Session> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  return session;
};

const requireEditable = (session: Session): Session => {
  if (!isEditable(session.state)) {
    throw new ConflictError(msg('agenda.locked', { state: session.state }), {
      state: session.state,
      allowed: [],
    });
  }
  return session;
};

const editableSession = async (deps: UseCaseDeps, actor: Actor, sessionId: string) =>
  requireEditable(await managedSession(deps, actor, sessionId));

const raceLost = msg('agenda.busy');

/** What an attempt returns when the item is no longer at the client's If-Match version. */
const stale = Symbol('stale');

/**
 * Runs a change of one TOP whose version the client pinned with If-Match. A
 * write that loses a race to another change of the agenda or of the
 * approval (the revision, the session) is decided again; once the TOP itself
 * is past the pinned version, the answer is 412 and nothing is retried.
 */
const pinnedToVersion = async <T>(attempt: () => Promise<T | typeof stale>): Promise<T> => {
  const result = await retryLostRaces(attempt, raceLost);
  if (result === stale) throw new PreconditionFailedError();
  return result;
};

/** The agenda of a session in order; confidential items only for those who may see them. */
export const listAgenda = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<AgendaItem[]> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:read', session.bodyId);
  const items = await deps.repo.listAgenda(sessionId);
  return can(actor.principal, 'agenda:read-confidential', session.bodyId)
    ? items
    : items.filter((i) => i.public);
};

/** One agenda item; a confidential one is 404 for those who may not see it. */
export const getAgendaItem = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  itemId: string,
): Promise<AgendaItem> => {
  const item = await deps.repo.getAgendaItem(sessionId, itemId);
  if (item === undefined) throw new NotFoundError('Agenda item', itemId);
  requirePermission(actor.principal, 'sessions:read', item.bodyId);
  if (!item.public && !can(actor.principal, 'agenda:read-confidential', item.bodyId)) {
    throw new NotFoundError('Agenda item', itemId);
  }
  return item;
};

/**
 * Adds an item (TOP) at the end of a session's agenda. The permission is
 * checked before a repeated Idempotency-Key could replay the stored item.
 */
export const addAgendaItem = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  input: AgendaItemInput,
  idempotencyKey?: string,
): Promise<Created<AgendaItem>> => {
  const valid = parseInput(AgendaItemInputSchema, input, 'body');
  // The permission is checked before a stored response is replayed.
  await managedSession(deps, actor, sessionId);
  const once = () =>
    createOnce(
      deps,
      actor,
      { key: idempotencyKey, operation: `addAgendaItem:${sessionId}`, request: valid },
      async () => {
        const session = await editableSession(deps, actor, sessionId);
        const items = await deps.repo.listAgenda(sessionId);
        if (items.length >= maxAgendaItems) {
          throw new UnprocessableError(msg('agenda.too-many-items', { max: maxAgendaItems }));
        }
        const now = deps.clock.now().toISOString();
        const item: AgendaItem = {
          id: ulid(),
          sessionId,
          bodyId: session.bodyId,
          position: Math.max(0, ...items.map((i) => i.position)) + 1,
          ...valid,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        const approval = agendaChangeWrites(deps, actor, session);
        return {
          changes: [{ type: 'agenda-item', op: 'create', item }, ...approval.changes],
          audit: [
            auditEntry(
              deps,
              actor,
              'agenda-item.create',
              'agenda-item',
              item.id,
              session.bodyId,
              undefined,
              item,
            ),
            ...approval.audit,
          ],
          value: item,
        };
      },
    );
  return retryLostRaces(once, raceLost);
};

/** Changes an agenda item's number, title, registering member, rapporteur, visibility or text. */
export const updateAgendaItem = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  itemId: string,
  patch: AgendaItemPatch,
  expectedVersion: number | undefined,
): Promise<AgendaItem> => {
  const version = requireVersion(expectedVersion);
  const valid = parseInput(AgendaItemPatchSchema, patch, 'body');
  return pinnedToVersion(async () => {
    const session = await editableSession(deps, actor, sessionId);
    const before = await deps.repo.getAgendaItem(sessionId, itemId);
    if (before === undefined) throw new NotFoundError('Agenda item', itemId);
    if (before.version !== version) return stale;
    const after = nextVersion(deps, { ...before, ...valid });
    // Saving a TOP unchanged leaves the chair's approval as it is.
    const approval =
      changedFields(before, after).length === 0
        ? { changes: [], audit: [] }
        : agendaChangeWrites(deps, actor, session);
    await deps.repo.commit(
      [
        { type: 'agenda-item', op: 'replace', item: after, expectedVersion: version },
        ...approval.changes,
      ],
      [
        auditEntry(
          deps,
          actor,
          'agenda-item.update',
          'agenda-item',
          itemId,
          session.bodyId,
          before,
          after,
        ),
        ...approval.audit,
      ],
    );
    return after;
  });
};

/** Removes an agenda item. */
export const removeAgendaItem = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  itemId: string,
  expectedVersion: number | undefined,
): Promise<void> => {
  const version = requireVersion(expectedVersion);
  await pinnedToVersion(async () => {
    const session = await editableSession(deps, actor, sessionId);
    const before = await deps.repo.getAgendaItem(sessionId, itemId);
    if (before === undefined) throw new NotFoundError('Agenda item', itemId);
    if (before.version !== version) return stale;
    const approval = agendaChangeWrites(deps, actor, session);
    await deps.repo.commit(
      [
        { type: 'agenda-item', op: 'delete', item: before, expectedVersion: version },
        ...approval.changes,
      ],
      [
        auditEntry(
          deps,
          actor,
          'agenda-item.delete',
          'agenda-item',
          itemId,
          session.bodyId,
          before,
          undefined,
        ),
        ...approval.audit,
      ],
    );
    return true;
  });
};

/**
 * Puts the agenda in a new order. The order must name every item once; all
 * positions are rewritten in one transaction, each guarded by the item's
 * version, so two reorders can never interleave into clashing positions.
 */
export const reorderAgenda = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  input: unknown,
): Promise<AgendaItem[]> => {
  const { order } = parseInput(ReorderInputSchema, input, 'body');
  return retryLostRaces(() => reorderOnce(deps, actor, sessionId, order), raceLost);
};

const reorderOnce = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  order: readonly string[],
): Promise<AgendaItem[]> => {
  const session = await editableSession(deps, actor, sessionId);
  const items = await deps.repo.listAgenda(sessionId);
  const byId = new Map(items.map((item) => [item.id, item]));
  if (
    new Set(order).size !== order.length ||
    order.length !== items.length ||
    !order.every((id) => byId.has(id))
  ) {
    throw new UnprocessableError(msg('agenda.order-incomplete'), {
      itemIds: items.map((item) => item.id),
    });
  }
  const changes: Change[] = [];
  const audit: AuditEntry[] = [];
  const result: AgendaItem[] = [];
  for (const [index, id] of order.entries()) {
    const before = byId.get(id) as AgendaItem;
    if (before.position === index + 1) {
      result.push(before);
      continue;
    }
    const after = nextVersion(deps, { ...before, position: index + 1 });
    changes.push({
      type: 'agenda-item',
      op: 'replace',
      item: after,
      expectedVersion: before.version,
    });
    audit.push(
      auditEntry(deps, actor, 'agenda-item.move', 'agenda-item', id, session.bodyId, before, after),
    );
    result.push(after);
  }
  if (changes.length > 0) {
    const approval = agendaChangeWrites(deps, actor, session);
    await deps.repo.commit([...changes, ...approval.changes], [...audit, ...approval.audit]);
  }
  return result;
};
