import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { Invitation } from '../domain/invitation.js';
import { msg } from '../domain/messages.js';
import type { InvitationOutboxEntry, OutboxEntry, PapersOutboxEntry } from '../domain/outbox.js';
import { requirePermission } from '../domain/policy.js';
import type { Session } from '../domain/session.js';
import { type Actor, auditEntry, type UseCaseDeps } from './context.js';
import { redrive } from './outbox.js';

/**
 * Where the mail to one invitee stands, as the secretariat sees it:
 * `queued` or `sending` on its way, `sent` handed to SES, `bounced` or
 * `complained` as SES reported, `failed` given up, `unknown` claimed and
 * never settled (it may or may not have gone out), `none` for a deputy the
 * secretariat has not confirmed yet (no mail goes out), `revoked` withdrawn.
 */
export type MailState =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'bounced'
  | 'complained'
  | 'failed'
  | 'unknown'
  | 'none'
  | 'revoked';

/** One invitee's mail: the invitation, where its latest mail stands, and the entry to send again. */
export interface InviteeMail {
  invitation: Invitation;
  state: MailState;
  /** The kind of the mail that is not yet out (invitation, update, reminder …). */
  kind?: InvitationOutboxEntry['kind'] | PapersOutboxEntry['kind'];
  /** Why it failed, as the mailer recorded it. */
  failure?: string;
  /** The outbox entry that failed or is unknown: the secretariat may send it again. */
  retryId?: string;
}

/** Pages of each state read at most (the lists that need a look are short). */
const maxPages = 10;

const openEntries = async (
  deps: UseCaseDeps,
  sessionId: string,
): Promise<(InvitationOutboxEntry | PapersOutboxEntry)[]> => {
  const found: (InvitationOutboxEntry | PapersOutboxEntry)[] = [];
  for (const state of ['queued', 'sending', 'failed', 'unknown'] as const) {
    let next: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const result = await deps.repo.listOutboxInState(state, {
        limit: 100,
        ...(next === undefined ? {} : { next }),
      });
      for (const entry of result.items) {
        if ('invitationId' in entry && entry.sessionId === sessionId) found.push(entry);
      }
      next = result.next;
      if (next === undefined) break;
    }
  }
  return found;
};

/** The session the secretariat manages; 404 when missing, 403 without the permission. */
const managed = async (deps: UseCaseDeps, actor: Actor, sessionId: string): Promise<Session> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  return session;
};

const rank: Record<string, number> = { failed: 4, unknown: 3, sending: 2, queued: 1 };

/**
 * The mail of every invitee of a session and where it stands, in the order
 * of the invitations; for the secretariat of the session's body. A mail
 * that waits, failed or is unknown is named with its entry; otherwise the
 * invitee's mails went out, unless SES reported a bounce or a complaint.
 *
 * @example
 * ```ts
 * const mails = await listSessionMail(deps, actor, sessionId);
 * ```
 */
export const listSessionMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<InviteeMail[]> => {
  await managed(deps, actor, sessionId);
  const [invitations, entries] = await Promise.all([
    deps.repo.listInvitations(sessionId),
    openEntries(deps, sessionId),
  ]);
  return invitations.map((invitation): InviteeMail => {
    if (invitation.state === 'revoked') return { invitation, state: 'revoked' };
    if (invitation.state === 'pending') return { invitation, state: 'none' };
    const own = entries
      .filter((entry) => entry.invitationId === invitation.id)
      .sort((a, b) => (rank[b.state] ?? 0) - (rank[a.state] ?? 0));
    const worst = own[0];
    if (worst !== undefined) {
      const state = worst.state as MailState;
      return {
        invitation,
        state,
        kind: worst.kind,
        ...(worst.failure === undefined ? {} : { failure: worst.failure }),
        ...(state === 'failed' || state === 'unknown' ? { retryId: worst.id } : {}),
      };
    }
    if (invitation.delivery !== undefined) {
      return {
        invitation,
        state: invitation.delivery.problem,
        ...(invitation.delivery.detail === undefined
          ? {}
          : { failure: invitation.delivery.detail }),
      };
    }
    return { invitation, state: 'sent' };
  });
};

/**
 * The secretariat sends a session's failed or unknown mail again, as a
 * fresh copy of its outbox entry (for an unknown one that is the decision
 * that it may arrive twice); audited on the session.
 *
 * @example
 * ```ts
 * await retrySessionMail(deps, actor, sessionId, outboxId);
 * ```
 */
export const retrySessionMail = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  entryId: string,
): Promise<OutboxEntry> => {
  const session = await managed(deps, actor, sessionId);
  const entry = await deps.repo.getOutboxEntry(entryId);
  if (entry === undefined || !('invitationId' in entry) || entry.sessionId !== sessionId) {
    throw new NotFoundError('Outbox entry', entryId);
  }
  if (entry.state !== 'failed' && entry.state !== 'unknown') {
    throw new ConflictError(msg('outbox.not-resendable', { state: entry.state }), {
      state: entry.state,
    });
  }
  const { copy, changes } = redrive(entry, deps.clock.now().toISOString());
  await deps.repo.commit(changes, [
    {
      ...auditEntry(
        deps,
        actor,
        'session.mail-retried',
        'session',
        sessionId,
        session.bodyId,
        undefined,
        undefined,
      ),
      changedFields: [`${entry.invitationId}:${entry.state}->${copy.id}`],
    },
  ]);
  return copy;
};

/**
 * The invitations of a session with the people's addresses, for the
 * secretariat of its body (the board's phone form and the confirmation
 * before sending).
 *
 * @example
 * ```ts
 * const invitations = await listSessionInvitations(deps, actor, sessionId);
 * ```
 */
export const listSessionInvitations = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<Invitation[]> => {
  await managed(deps, actor, sessionId);
  return deps.repo.listInvitations(sessionId);
};
