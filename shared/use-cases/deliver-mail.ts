import type { MailConfig } from '../config/mail-config.js';
import type { AgendaItem } from '../domain/agenda.js';
import { type BodyWithMembers, isRegisteredPerson } from '../domain/body.js';
import { ConflictError, PreconditionFailedError } from '../domain/errors.js';
import type { Invitation } from '../domain/invitation.js';
import { isActive } from '../domain/invitation.js';
import type {
  BallotOutboxEntry,
  InvitationOutboxEntry,
  OutboxEntry,
  PapersOutboxEntry,
  PressOutboxEntry,
  QuarantineOutboxEntry,
  ReleaseOutboxEntry,
  SessionReleaseOutboxEntry,
} from '../domain/outbox.js';
import { isBallotEntry, isPressEntry, isReleaseEntry } from '../domain/outbox.js';
import type { Paper } from '../domain/paper.js';
import { isSuppressed } from '../domain/press-list.js';
import { markedAsExercise } from '../mail/exercise.js';
import {
  agendaFor,
  invitationMail,
  type OutgoingMail,
  replyAddress,
} from '../mail/invitation-mail.js';
import { type ListedPaper, papersAddedMail, quarantineMail } from '../mail/papers-mail.js';
import { confirmationMail, pressReleaseMail } from '../mail/press-mail.js';
import { procedureMail } from '../mail/procedure-mail.js';
import { releaseMail } from '../mail/release-mail.js';
import { sessionReleaseMail } from '../mail/session-release-mail.js';
import { MailRejectedError, type MailSender } from '../ports/mail-sender.js';
import type { UseCaseDeps } from './context.js';
import { answerToken } from './invitations.js';
import { paperToken, readerOf, visiblePapers } from './papers.js';
import { admitSubscription, confirmationToken, unsubscribeToken } from './press-list.js';
import { releaseToken } from './resolutions.js';
import { releaseBatch, sessionReleaseToken } from './session-release.js';
import { ballotToken, inProcedureOrder } from './written-procedures.js';

export interface MailerDeps extends UseCaseDeps {
  mail: Pick<MailConfig, 'senderDomain' | 'secretariat' | 'publicBaseUrl'>;
  linkSecret: string;
  sender: MailSender;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'rejected' | 'retry';

/** The invitation mail of an entry, or undefined when its session or invitation is gone. */
const composeInvitationMail = async (
  deps: MailerDeps,
  entry: InvitationOutboxEntry,
): Promise<OutgoingMail | undefined> => {
  // Everything keyed by the session at once; then its body (the first mail of a crisis
  // invitation waits for these round trips).
  const [session, invitation, fullAgenda, papers] = await Promise.all([
    deps.repo.getSession(entry.sessionId),
    deps.repo.getInvitation(entry.sessionId, entry.invitationId),
    deps.repo.listAgenda(entry.sessionId),
    deps.repo.listPapers(entry.sessionId),
  ]);
  const body =
    session === undefined ? undefined : await deps.repo.getBodyWithMembers(session.bodyId);
  if (session === undefined || invitation === undefined || body === undefined) return undefined;
  // A revoked or unconfirmed invitation gets no mail but the notice of its revocation.
  if (entry.kind === 'revoked' ? invitation.state !== 'revoked' : !isActive(invitation))
    return undefined;
  const registeredRecipient = isRegisteredPerson(body.members, invitation.email);
  const agenda = agendaFor(fullAgenda, registeredRecipient);
  const mail = await invitationMail({
    kind: entry.kind,
    session,
    body,
    invitation,
    agenda,
    registeredRecipient,
    answerUrl: `${deps.mail.publicBaseUrl}/links/invitations/${answerToken(deps, session, invitation)}`,
    replyTo: replyAddress(invitation.id, deps.linkSecret, deps.mail.senderDomain),
    secretariat: deps.mail.secretariat,
    senderDomain: deps.mail.senderDomain,
    previous: entry.previous,
    answerCleared: entry.answerCleared,
    papers: listedPapers(deps, body, invitation, papers, fullAgenda),
  });
  return markedAsExercise(mail, session.exercise);
};

/** The papers an invitee may see, with personal links; `shared` picks versions by their sharing time. */
const listedPapers = (
  deps: MailerDeps,
  body: BodyWithMembers,
  invitation: Invitation,
  papers: readonly Paper[],
  agenda: readonly AgendaItem[],
  shared: (at: string) => boolean = () => true,
): ListedPaper[] =>
  visiblePapers(papers, agenda, readerOf(body, invitation.email))
    .filter(({ version }) => shared(version.sharedAt ?? ''))
    .map(({ paper, version, item }) => ({
      itemNumber: item.number,
      title: paper.title,
      kind: paper.kind,
      classification: paper.classification,
      format: version.format,
      bytes: version.bytes,
      version: version.number,
      unchecked: version.scan === 'unchecked',
      url: `${deps.mail.publicBaseUrl}/links/papers/${paperToken(deps.linkSecret, paper, invitation)}`,
    }));

/** "Unterlagen nachgereicht" to one invitee, or undefined when nothing is left to name. */
const composePapersMail = async (
  deps: MailerDeps,
  entry: PapersOutboxEntry,
): Promise<OutgoingMail | undefined> => {
  const [session, invitation, papers, agenda] = await Promise.all([
    deps.repo.getSession(entry.sessionId),
    deps.repo.getInvitation(entry.sessionId, entry.invitationId),
    deps.repo.listPapers(entry.sessionId),
    deps.repo.listAgenda(entry.sessionId),
  ]);
  const body =
    session === undefined ? undefined : await deps.repo.getBodyWithMembers(session.bodyId);
  if (session === undefined || invitation === undefined || body === undefined) return undefined;
  if (!isActive(invitation) || session.state === 'cancelled') return undefined;
  const listed = listedPapers(
    deps,
    body,
    invitation,
    papers,
    agenda,
    (at) => at > entry.since && at <= entry.upTo,
  );
  if (listed.length === 0) return undefined;
  const mail = await papersAddedMail({
    session,
    body,
    invitation,
    papers: listed,
    replyTo: deps.mail.secretariat.email,
    secretariat: deps.mail.secretariat,
    senderDomain: deps.mail.senderDomain,
    entryId: entry.id,
  });
  return markedAsExercise(mail, session.exercise);
};

/** The notice of a quarantined paper, to its uploader or the secretariat. */
const composeQuarantineMail = async (
  deps: MailerDeps,
  entry: QuarantineOutboxEntry,
): Promise<OutgoingMail | undefined> => {
  const [session, paper] = await Promise.all([
    deps.repo.getSession(entry.sessionId),
    deps.repo.getPaper(entry.sessionId, entry.paperId),
  ]);
  const version = paper?.versions.find((candidate) => candidate.number === entry.version);
  if (session === undefined || paper === undefined || version === undefined) return undefined;
  const [body, item] = await Promise.all([
    deps.repo.getBody(session.bodyId),
    deps.repo.getAgendaItem(session.id, paper.agendaItemId),
  ]);
  if (body === undefined) return undefined;
  const mail = await quarantineMail({
    session,
    body,
    paperTitle: paper.title,
    itemNumber: item?.number ?? '–',
    fileName: version.fileName,
    threats: version.threats ?? [],
    uploadedBy: version.uploadedBy,
    to:
      entry.to === 'secretariat'
        ? { name: deps.mail.secretariat.name, address: deps.mail.secretariat.email }
        : { name: entry.to, address: entry.to },
    secretariat: deps.mail.secretariat,
    senderDomain: deps.mail.senderDomain,
    entryId: entry.id,
  });
  return markedAsExercise(mail, session.exercise);
};

/** The written-procedure mail of an entry, or undefined when its procedure or ballot is gone. */
const composeProcedureMail = async (
  deps: MailerDeps,
  entry: BallotOutboxEntry,
): Promise<OutgoingMail | undefined> => {
  const [procedure, ballot, resolutions] = await Promise.all([
    deps.repo.getProcedure(entry.procedureId),
    deps.repo.getBallot(entry.procedureId, entry.ballotId),
    deps.repo.listResolutionsOfProcedure(entry.procedureId),
  ]);
  const body =
    procedure === undefined ? undefined : await deps.repo.getBodyWithMembers(procedure.bodyId);
  if (procedure === undefined || ballot === undefined || body === undefined) return undefined;
  const mail = await procedureMail({
    kind: entry.kind,
    procedure,
    body,
    ballot,
    resolutions: inProcedureOrder(procedure, resolutions),
    ballotUrl: `${deps.mail.publicBaseUrl}/links/ballots/${ballotToken(deps.linkSecret, procedure, ballot)}`,
    // The result asks nothing: replies to it go to the secretariat, not to the vote reader.
    replyTo:
      entry.kind === 'procedure-result'
        ? deps.mail.secretariat.email
        : replyAddress(ballot.id, deps.linkSecret, deps.mail.senderDomain, 'umlauf'),
    secretariat: deps.mail.secretariat,
    senderDomain: deps.mail.senderDomain,
    entryId: entry.id,
  });
  return markedAsExercise(mail, procedure.exercise);
};

/**
 * A press list mail, or undefined when it must not go: a confirmation the
 * subscription request does not call for (`admitSubscription`), or a release
 * to a subscriber who left the list (or never confirmed), whose address
 * bounced for good or complained, or whose release is gone or was withdrawn.
 */
const composePressMail = async (
  deps: MailerDeps,
  entry: PressOutboxEntry,
): Promise<OutgoingMail | undefined> => {
  const now = deps.clock.now();
  const context = {
    senderDomain: deps.mail.senderDomain,
    secretariat: deps.mail.secretariat,
    entryId: entry.id,
  };
  const base = deps.mail.publicBaseUrl;
  if (entry.kind === 'press-confirm') {
    const subscriber = await admitSubscription(deps, entry);
    if (subscriber === undefined) return undefined;
    return confirmationMail({
      ...context,
      subscriber,
      confirmUrl: `${base}/links/press-list/confirm/${confirmationToken(deps.linkSecret, subscriber, now)}`,
    });
  }
  const subscriber = await deps.repo.getSubscriber(entry.subscriberId);
  if (subscriber === undefined || isSuppressed(subscriber)) return undefined;
  const release =
    entry.releaseId === undefined ? undefined : await deps.repo.getPressRelease(entry.releaseId);
  if (subscriber.state !== 'confirmed' || release === undefined || release.state === 'withdrawn')
    return undefined;
  return pressReleaseMail({
    ...context,
    release,
    subscriber,
    mailing: entry.mailing ?? 'publication',
    releaseUrl: `${base}/public/press-releases/${release.id}`,
    unsubscribeUrl: `${base}/links/press-list/unsubscribe/${unsubscribeToken(deps.linkSecret, subscriber, now)}`,
  });
};

/** A release proposal to one Land, or undefined when the release is settled or the Land is gone. */
const composeReleaseMail = async (
  deps: MailerDeps,
  entry: ReleaseOutboxEntry,
): Promise<OutgoingMail | undefined> => {
  const resolution = await deps.repo.getResolution(entry.resolutionId);
  if (resolution?.release === undefined || resolution.release.settledAt !== undefined)
    return undefined;
  const body = await deps.repo.getBodyWithMembers(resolution.bodyId);
  const minister = body?.members
    .find((member) => member.memberId === entry.memberId)
    ?.people.find((person) => person.capacity === 'principal');
  if (body === undefined || minister === undefined) return undefined;
  const mail = await releaseMail({
    resolution,
    body,
    minister,
    answerUrl: `${deps.mail.publicBaseUrl}/links/releases/${releaseToken(deps.linkSecret, resolution, entry.memberId)}`,
    secretariat: deps.mail.secretariat,
    senderDomain: deps.mail.senderDomain,
    entryId: entry.id,
  });
  return markedAsExercise(mail, resolution.exercise);
};

/** A session-wide release proposal to one Land, or undefined when all of it is settled or the Land is gone. */
const composeSessionReleaseMail = async (
  deps: MailerDeps,
  entry: SessionReleaseOutboxEntry,
): Promise<OutgoingMail | undefined> => {
  const [session, resolutions] = await Promise.all([
    deps.repo.getSession(entry.sessionId),
    releaseBatch(deps, entry.sessionId, entry.batchId),
  ]);
  if (session === undefined || resolutions.every((r) => r.release?.settledAt !== undefined))
    return undefined;
  const body = await deps.repo.getBodyWithMembers(session.bodyId);
  const minister = body?.members
    .find((member) => member.memberId === entry.memberId)
    ?.people.find((person) => person.capacity === 'principal');
  if (body === undefined || minister === undefined) return undefined;
  const token = sessionReleaseToken(deps.linkSecret, session.id, resolutions, entry.memberId);
  const mail = await sessionReleaseMail({
    session,
    resolutions,
    body,
    minister,
    answerUrl: `${deps.mail.publicBaseUrl}/links/session-releases/${token}`,
    secretariat: deps.mail.secretariat,
    senderDomain: deps.mail.senderDomain,
    entryId: entry.id,
  });
  return markedAsExercise(mail, session.exercise);
};

/** Why an entry's mail was not sent, for whoever reviews the outbox. */
const notSent = (entry: OutboxEntry) =>
  entry.kind === 'press-confirm'
    ? 'no confirmation due: the address is confirmed, removed, or had one in the last ten minutes'
    : 'what the mail is about is gone';

const compose = (deps: MailerDeps, entry: OutboxEntry) =>
  isBallotEntry(entry)
    ? composeProcedureMail(deps, entry)
    : isPressEntry(entry)
      ? composePressMail(deps, entry)
      : isReleaseEntry(entry)
        ? entry.kind === 'session-release-proposal'
          ? composeSessionReleaseMail(deps, entry)
          : composeReleaseMail(deps, entry)
        : entry.kind === 'papers-added'
          ? composePapersMail(deps, entry)
          : entry.kind === 'paper-quarantined'
            ? composeQuarantineMail(deps, entry)
            : composeInvitationMail(deps, entry);

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
  const entry = await deps.repo.claimOutboxEntry(entryId, now());
  if (entry === undefined) return 'skipped';
  let messageId: string | undefined;
  try {
    const mail = await compose(deps, entry);
    if (mail === undefined) {
      await deps.repo.settleOutboxEntry(
        entryId,
        { state: 'failed', failure: notSent(entry) },
        now(),
      );
      return 'rejected';
    }
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
  if (entry.kind === 'invitation') await recordMailed(deps, entry, now());
  return 'sent';
};

/**
 * Notes on an exercise's invitation when its first mail left, for the
 * reachability report of the drill; other invitations are measured from
 * the moment their mail was queued, which spares every ordinary mail a
 * second write. The invitation keeps its version: the note changes nothing
 * anyone holds an ETag for, and a concurrent answer wins (the report then
 * counts from the queueing). A lost race loses only the note.
 */
const recordMailed = async (deps: MailerDeps, entry: InvitationOutboxEntry, at: string) => {
  const before = await deps.repo.getInvitation(entry.sessionId, entry.invitationId);
  if (before?.exercise !== true || before.mailedAt !== undefined) return;
  try {
    await deps.repo.commit(
      [
        {
          type: 'invitation',
          op: 'replace',
          invitation: { ...before, mailedAt: at },
          expectedVersion: before.version,
        },
      ],
      [],
    );
  } catch (error) {
    if (!(error instanceof PreconditionFailedError || error instanceof ConflictError)) throw error;
  }
};
