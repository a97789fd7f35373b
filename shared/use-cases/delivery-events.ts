import { PreconditionFailedError } from '../domain/errors.js';
import { isBallotEntry, isPressEntry, isReleaseEntry } from '../domain/outbox.js';
import { auditEntry, nextVersion, systemActor, type UseCaseDeps } from './context.js';
import { removeSubscriber } from './press-list.js';

/** A bounce or complaint that SES reported for a mail it sent. */
export interface DeliveryEvent {
  sesMessageId: string;
  kind: 'bounce' | 'complaint';
  /** Only permanent bounces mark an address; transient ones are retried by SES. */
  permanent: boolean;
  detail?: string;
}

/**
 * Marks the invitation whose mail bounced for good or drew a complaint, so
 * that the board shows the address needs checking, and takes such a
 * journalist off the press list. Unknown messages (other mail of the
 * account) and transient bounces change nothing. Safe to repeat.
 */
export const recordDeliveryEvent = async (
  deps: UseCaseDeps,
  event: DeliveryEvent,
): Promise<'marked' | 'unchanged' | 'unknown'> => {
  if (event.kind === 'bounce' && !event.permanent) return 'unchanged';
  const entry = await deps.repo.findOutboxBySesMessage(event.sesMessageId);
  // A written procedure counts a silent Land by its rule, and a release one
  // that does not object: their mails are not marked.
  if (
    entry === undefined ||
    isBallotEntry(entry) ||
    isReleaseEntry(entry) ||
    entry.kind === 'paper-quarantined'
  )
    return 'unknown';
  const problem: 'bounced' | 'complained' = event.kind === 'bounce' ? 'bounced' : 'complained';
  // A journalist whose mail bounced for good or who complained leaves the press list.
  if (isPressEntry(entry)) {
    return (await removeSubscriber(deps, entry.subscriberId, problem)) ? 'marked' : 'unchanged';
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = await deps.repo.getInvitation(entry.sessionId, entry.invitationId);
    if (before === undefined) return 'unknown';
    if (before.delivery?.problem === problem) return 'unchanged';
    const after = nextVersion(deps, {
      ...before,
      delivery: {
        problem,
        at: deps.clock.now().toISOString(),
        ...(event.detail ? { detail: event.detail } : {}),
      },
    });
    try {
      await deps.repo.commit(
        [{ type: 'invitation', op: 'replace', invitation: after, expectedVersion: before.version }],
        [
          {
            ...auditEntry(
              deps,
              systemActor,
              `invitation.${problem}`,
              'session',
              entry.sessionId,
              before.bodyId,
              before,
              after,
            ),
            changedFields: [`${before.memberId}:${before.email}`],
          },
        ],
      );
      return 'marked';
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
  return 'unchanged';
};
