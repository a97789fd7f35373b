import type { AuditEntry } from '../domain/audit.js';
import {
  ConflictError,
  isLostRace,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { outdatedApproval, type Session } from '../domain/session.js';
import { isEditable } from '../domain/session-state.js';
import type { Change } from '../ports/conference-repository.js';
import { type Actor, actorName, auditEntry, nextVersion, type UseCaseDeps } from './context.js';
import { sessionToChange } from './sessions.js';
import { requireVersion } from './versions.js';

/**
 * What every change of the agenda writes besides its items, in the same
 * transaction. It raises the agenda's revision, on which the chair's approval
 * is conditioned. A standing approval is marked outdated: the session is
 * written under its version and the step is audited. Without one, the
 * session is checked to still have none, so an approval given between this
 * read and the write makes the write lose the race; it is then decided again
 * and outdates that approval.
 */
export const agendaChangeWrites = (
  deps: UseCaseDeps,
  actor: Actor,
  session: Session,
): { changes: Change[]; audit: AuditEntry[] } => {
  const approval = outdatedApproval(
    session.agendaApproval,
    actorName(actor),
    deps.clock.now().toISOString(),
  );
  const revision: Change = { type: 'agenda-revision', op: 'next', sessionId: session.id };
  if (approval === undefined) {
    return {
      changes: [revision, { type: 'session', op: 'no-standing-approval', sessionId: session.id }],
      audit: [],
    };
  }
  const after = nextVersion(deps, { ...session, agendaApproval: approval });
  return {
    changes: [
      revision,
      { type: 'session', op: 'replace', session: after, expectedVersion: session.version },
    ],
    audit: [
      auditEntry(
        deps,
        actor,
        'session.agenda-approval-outdated',
        'session',
        session.id,
        session.bodyId,
        session,
        after,
      ),
    ],
  };
};

/**
 * Records the chair's approval of the session's agenda as it stands, or
 * again after a change outdated it. Only the chair of the body (or an admin)
 * may approve; the session's `If-Match` guards against approving a session
 * that changed meanwhile, and the approval holds only if the agenda did
 * not change between reading it and recording the approval (its revision);
 * any later change marks the approval outdated (see `agendaChangeWrites`).
 */
export const approveAgenda = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
  expectedVersion: number | undefined,
): Promise<Session> => {
  const version = requireVersion(expectedVersion);
  const before = await sessionToChange(deps, actor, sessionId, version, 'agenda:approve');
  if (!isEditable(before.state)) {
    throw new ConflictError(msg('agenda.approval-locked', { state: before.state }), {
      state: before.state,
      allowed: [],
    });
  }
  // Read before the items: a change of the agenda after this read fails the approval's write.
  const revision = await deps.repo.getAgendaRevision(sessionId);
  const items = await deps.repo.listAgenda(sessionId);
  if (items.length === 0) throw new UnprocessableError(msg('agenda.empty'));
  const after = nextVersion(deps, {
    ...before,
    agendaApproval: {
      by: actorName(actor),
      at: deps.clock.now().toISOString(),
      itemCount: items.length,
      outdated: false,
    },
  });
  try {
    await deps.repo.commit(
      [
        { type: 'session', op: 'replace', session: after, expectedVersion: version },
        { type: 'agenda-revision', op: 'check', sessionId, revision },
      ],
      [
        auditEntry(
          deps,
          actor,
          'session.agenda-approved',
          'session',
          sessionId,
          before.bodyId,
          before,
          after,
        ),
      ],
    );
  } catch (error) {
    // Not retried: the chair approves what they read, so a changed agenda must be read again.
    if (!isLostRace(error)) throw error;
    throw new PreconditionFailedError(msg('agenda.changed-during-approval'), error);
  }
  return after;
};
