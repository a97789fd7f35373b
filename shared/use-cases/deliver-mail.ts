import type { MailConfig } from '../config/mail-config.js';
import { invitationMail, replyAddress } from '../mail/invitation-mail.js';
import { MailRejectedError, type MailSender } from '../ports/mail-sender.js';
import type { UseCaseDeps } from './context.js';
import { answerToken } from './invitations.js';

export interface MailerDeps extends UseCaseDeps {
  mail: Pick<MailConfig, 'senderDomain' | 'secretariat' | 'publicBaseUrl'>;
  linkSecret: string;
  sender: MailSender;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'rejected' | 'retry';

/**
 * Sends the mail of one outbox entry at most once. The entry is claimed
 * (queued → sending) by a conditional write before anything is sent, so a
 * redelivered queue message or a second worker finds nothing to do. A crash
 * after the send and before the bookkeeping leaves the entry in `sending`:
 * it is never sent again by itself, and shows for review instead.
 */
export const deliverOutboxEntry = async (
  deps: MailerDeps,
  entryId: string,
): Promise<DeliveryOutcome> => {
  const now = () => deps.clock.now().toISOString();
  if (!(await deps.repo.claimOutboxEntry(entryId, now()))) return 'skipped';
  const entry = await deps.repo.getOutboxEntry(entryId);
  if (entry === undefined) return 'skipped';
  let messageId: string | undefined;
  try {
    const [session, invitation] = await Promise.all([
      deps.repo.getSession(entry.sessionId),
      deps.repo.getInvitation(entry.sessionId, entry.invitationId),
    ]);
    const body = session === undefined ? undefined : await deps.repo.getBody(session.bodyId);
    if (session === undefined || invitation === undefined || body === undefined) {
      await deps.repo.settleOutboxEntry(
        entryId,
        { state: 'failed', failure: 'session or invitation is gone' },
        now(),
      );
      return 'rejected';
    }
    const agenda = await deps.repo.listAgenda(session.id);
    const mail = await invitationMail({
      kind: entry.kind,
      session,
      body,
      invitation,
      agenda,
      answerUrl: `${deps.mail.publicBaseUrl}/links/invitations/${answerToken(deps, session, invitation)}`,
      replyTo: replyAddress(invitation.id, deps.linkSecret, deps.mail.senderDomain),
      secretariat: deps.mail.secretariat,
      senderDomain: deps.mail.senderDomain,
    });
    messageId = await deps.sender.send(mail);
  } catch (error) {
    if (error instanceof MailRejectedError) {
      await deps.repo.settleOutboxEntry(
        entryId,
        { state: 'failed', failure: error.message },
        now(),
      );
      return 'rejected';
    }
    // Not sent (throttled, network): give it back to the queue for a later attempt.
    await deps.repo.settleOutboxEntry(
      entryId,
      { state: 'queued', failure: error instanceof Error ? error.message : String(error) },
      now(),
    );
    return 'retry';
  }
  // Sent: from here on a failure must never give the entry back to the queue.
  await deps.repo.settleOutboxEntry(entryId, { state: 'sent', messageId }, now());
  return 'sent';
};
