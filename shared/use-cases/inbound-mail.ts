import { timingSafeEqual } from 'node:crypto';
import { trustsAddress } from '../domain/body.js';
import { decideInbound, type InboundDecision, type InboundMail } from '../domain/inbound-mail.js';
import type { InboundRecord } from '../domain/inbound-record.js';
import type { AnsweredBy, Invitation } from '../domain/invitation.js';
import { votesForProposals } from '../domain/reply-answer.js';
import type { Ballot } from '../domain/written-procedure.js';
import { type ReplyKind, replyMac, sessionUid } from '../mail/invitation-mail.js';
import type { UseCaseDeps } from './context.js';
import { AnswerClosedError, recordAnswer } from './invitations.js';
import { ProcedureClosedError, recordBallot } from './written-procedures.js';

export interface InboundDeps extends UseCaseDeps {
  linkSecret: string;
  senderDomain: string;
}

/**
 * How long an attempt holds its claim on a message. Longer than the inbound
 * function may run (30 s), shorter than the minute before SES's invocation
 * is retried, so a retry takes over from an attempt that died unsettled while
 * a duplicate delivery racing a live attempt is still turned away.
 */
const inboundClaimMs = 45_000;

/** The invitation or ballot a reply address leads to. */
type Target = { kind: 'invitation'; invitation: Invitation } | { kind: 'ballot'; ballot: Ballot };

/** Whether the MAC in a reply address is the one we signed for this id. */
const signedByUs = (deps: InboundDeps, kind: ReplyKind, id: string, mac: string) => {
  const expected = Buffer.from(replyMac(id, deps.linkSecret, kind));
  const given = Buffer.from(mac.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
};

/** The invitation or ballot behind a decided mail's reply address; ignored mail is not looked up. */
const locate = async (
  deps: InboundDeps,
  decision: InboundDecision,
): Promise<Target | undefined> => {
  if (decision.kind === 'ignore') return undefined;
  if (decision.kind === 'vote' || decision.kind === 'ballot-review') {
    const { ballotId, mac } = decision.route;
    const ballot = signedByUs(deps, 'umlauf', ballotId, mac)
      ? await deps.repo.getBallotById(ballotId)
      : undefined;
    return ballot === undefined ? undefined : { kind: 'ballot', ballot };
  }
  const route = decision.kind === 'answer' ? decision : decision.route;
  const invitation =
    route !== undefined && signedByUs(deps, 'antwort', route.invitationId, route.mac)
      ? await deps.repo.getInvitationById(route.invitationId)
      : undefined;
  return invitation === undefined ? undefined : { kind: 'invitation', invitation };
};

/** The session or procedure a record is listed under, so that it shows in that review list. */
const aboutOf = (target: Target | undefined): Partial<InboundRecord> => {
  if (target === undefined) return {};
  if (target.kind === 'invitation') {
    return { sessionId: target.invitation.sessionId, invitationId: target.invitation.id };
  }
  return { procedureId: target.ballot.procedureId, ballotId: target.ballot.id, channel: 'mail' };
};

/** A record's size stays far below DynamoDB's item limit whatever a hostile mail carries. */
const bounded = (record: InboundRecord): InboundRecord => ({
  ...record,
  from: record.from.slice(0, 320),
  ...(record.reason === undefined ? {} : { reason: record.reason.slice(0, 1000) }),
});

/**
 * Why a Sender header does not speak for the member, or `undefined` when it
 * may: there is none, it is the author, or it is a registered person of the
 * same member (an office sending for its minister).
 */
const senderProblem = async (
  deps: InboundDeps,
  mail: InboundMail,
  member: { bodyId: string; memberId: string },
): Promise<string | undefined> => {
  if (mail.senders.length > 1) return 'more than one Sender mailbox';
  const [sender] = mail.senders;
  if (sender === undefined || sender === mail.from) return undefined;
  const people = await deps.repo.findPeopleByEmail(sender);
  return people.some(
    (person) => person.bodyId === member.bodyId && person.memberId === member.memberId,
  )
    ? undefined
    : `the Sender ${sender} is not a registered person of ${member.memberId}`;
};

/**
 * Processes one inbound mail once (keyed on its Message-ID): ignores
 * auto-replies and bounces, records an answer sent by the invitee to their
 * personal reply address (a calendar REPLY, or a plain reply whose own words
 * accept or decline),
 * and sends everything doubtful to the secretariat's review, changing
 * nothing: unknown or forged addresses, a message the parser could not read
 * or that is not authenticated (no DMARC pass and no aligned DKIM pass), a
 * sender who is neither the invitee nor a registered office contact of the
 * member (an unknown address of the member's mail domain keeps the answer it
 * carries, for the secretariat to apply with one click), a Sender who does
 * not belong to the member, a calendar reply for another ATTENDEE or to a
 * SEQUENCE other than the one sent, a guest's vote. A failure after the claim ends in review
 * too, with its reason; an attempt that dies before it settles its record is
 * taken over by the next delivery once its claim has lapsed.
 *
 * @example
 * ```ts
 * const mail = await parseInboundMail(raw, { verdicts: sesVerdicts(receipt), delivery: 'ses' });
 * const record = await processInboundMail(deps, mail);
 * ```
 */
export const processInboundMail = async (
  deps: InboundDeps,
  mail: InboundMail,
): Promise<InboundRecord> => {
  const now = deps.clock.now();
  const base = bounded({
    messageId: mail.messageId,
    receivedAt: now.toISOString(),
    from: mail.from,
    subject: mail.subject.slice(0, 300),
    state: 'processing',
    ...(mail.verdicts === undefined ? {} : { verdicts: mail.verdicts }),
    ...(mail.delivery === undefined ? {} : { delivery: mail.delivery }),
  });
  const lapsedBefore = new Date(now.getTime() - inboundClaimMs).toISOString();
  if (!(await deps.repo.claimInboundMessage(base, lapsedBefore))) {
    return { ...base, state: 'unchanged', reason: 'this message was processed before' };
  }
  const record = bounded(await outcome(deps, mail, base));
  await deps.repo.settleInboundMessage(record);
  return record;
};

/**
 * What becomes of a claimed mail. Whatever fails on the way sends it to
 * review with the failure as its reason, listed under the session or
 * procedure if it was found by then.
 */
const outcome = async (
  deps: InboundDeps,
  mail: InboundMail,
  base: InboundRecord,
): Promise<InboundRecord> => {
  let found = base;
  try {
    const decision = decideInbound(mail, deps.senderDomain);
    const target = await locate(deps, decision);
    found = { ...base, ...aboutOf(target) };
    if (decision.kind === 'ignore') return { ...found, state: 'ignored', reason: decision.reason };
    if (decision.kind === 'vote' || decision.kind === 'ballot-review') {
      return target?.kind === 'ballot'
        ? await applyVote(deps, mail, found, decision, target.ballot)
        : { ...found, state: 'review', reason: 'the reply address is not one of ours' };
    }
    if (decision.kind === 'review') return { ...found, state: 'review', reason: decision.reason };
    return target?.kind === 'invitation'
      ? await applyAnswer(deps, mail, found, decision, target.invitation)
      : { ...found, state: 'review', reason: 'the reply address is not one of ours' };
  } catch (error) {
    const failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ...found, state: 'review', reason: `processing failed (${failure})` };
  }
};

/**
 * A reply to a written procedure: routed by its `umlauf+` address (MAC
 * checked), from the minister's own address, with one vote for every
 * proposal ("Zustimmung") or one for each, numbered as in the mail
 * ("Zustimmung zu Vorschlag 1, Ablehnung zu Vorschlag 2"). Votes that leave
 * a proposal out or name one the procedure lacks go to review. A guest has
 * no vote.
 */
const applyVote = async (
  deps: InboundDeps,
  mail: InboundMail,
  record: InboundRecord,
  decision: Extract<InboundDecision, { kind: 'vote' | 'ballot-review' }>,
  ballot: Ballot,
): Promise<InboundRecord> => {
  const review = (reason: string): InboundRecord => ({ ...record, state: 'review', reason });
  if (decision.kind === 'ballot-review') return review(decision.reason);
  if (mail.from !== ballot.email) return review(`the sender ${mail.from} is not the minister`);
  const sender = await senderProblem(deps, mail, ballot);
  if (sender !== undefined) return review(sender);
  if (!ballot.voting) return review(`${ballot.memberId} is a guest and has no vote`);
  const procedure = await deps.repo.getProcedure(ballot.procedureId);
  if (procedure === undefined) return review('the written procedure is gone');
  const fitted = votesForProposals(decision.votes, procedure.resolutionIds.length);
  if ('unclear' in fitted) return review(fitted.unclear);
  try {
    const { changed } = await recordBallot(
      deps,
      { procedureId: ballot.procedureId, ballotId: ballot.id },
      {
        votes: Object.fromEntries(
          procedure.resolutionIds.map((id, index) => [id, fitted.votes[index] ?? 'abstain']),
        ),
      },
      'mail',
      mail.from,
    );
    return { ...record, state: changed ? 'applied' : 'unchanged' };
  } catch (error) {
    if (error instanceof ProcedureClosedError) return review('the written procedure is closed');
    throw error;
  }
};

/** Who wrote a reply that is not from the invitee's own address. */
type ForeignSender =
  | { kind: 'office'; by: AnsweredBy }
  | { kind: 'member-domain' }
  | { kind: 'unknown' };

/**
 * An office answers for its minister: a registered office contact of the
 * same member counts, named as the one who answered. An unknown address in
 * one of the member's mail domains is probably the office too, but only the
 * secretariat can tell.
 */
const foreignSender = async (
  deps: InboundDeps,
  sender: string,
  invitation: Invitation,
): Promise<ForeignSender> => {
  const body = await deps.repo.getBodyWithMembers(invitation.bodyId);
  const member = body?.members.find((candidate) => candidate.memberId === invitation.memberId);
  if (member === undefined) return { kind: 'unknown' };
  const office = member.people.find(
    (person) => person.capacity === 'office_contact' && person.email.toLowerCase() === sender,
  );
  if (office !== undefined) {
    return {
      kind: 'office',
      by: { name: office.name, email: office.email, capacity: 'office_contact' },
    };
  }
  const registered = member.people.some((person) => person.email.toLowerCase() === sender);
  return !registered && trustsAddress(member, sender)
    ? { kind: 'member-domain' }
    : { kind: 'unknown' };
};

/**
 * An answer to an invitation, from the invitee or from an office contact of
 * the same member (see `foreignSender`); a calendar reply must answer for the
 * invitee, to this session's UID and the SEQUENCE last sent.
 */
const applyAnswer = async (
  deps: InboundDeps,
  mail: InboundMail,
  record: InboundRecord,
  decision: Extract<InboundDecision, { kind: 'answer' }>,
  invitation: Invitation,
): Promise<InboundRecord> => {
  const review = (reason: string): InboundRecord => ({
    ...record,
    state: 'review',
    reason,
    channel: decision.channel,
  });
  const foreign =
    mail.from === invitation.email ? undefined : await foreignSender(deps, mail.from, invitation);
  if (foreign?.kind === 'unknown') return review(`the sender ${mail.from} is not the invitee`);
  if (foreign?.kind === 'member-domain') {
    return {
      ...review(
        `the sender ${mail.from} is not a registered person of ${invitation.memberId}, but writes from its mail domain`,
      ),
      ...(decision.status === 'represented'
        ? {}
        : { proposal: { status: decision.status, sender: mail.from } }),
    };
  }
  const sender = await senderProblem(deps, mail, invitation);
  if (sender !== undefined) return review(sender);
  if (decision.calendar !== undefined) {
    const { uid, sequence, attendee } = decision.calendar;
    if (attendee !== invitation.email)
      return review(`the calendar reply answers for ${attendee}, not for the invitee`);
    const session = await deps.repo.getSession(invitation.sessionId);
    if (session === undefined) return review('the session is gone');
    if (uid !== sessionUid(session.id)) return review('a calendar reply to another event');
    const current = session.sequence ?? 0;
    if (sequence < current) {
      return review(`answers an outdated invitation (SEQUENCE ${sequence}, now ${current})`);
    }
    if (sequence > current) {
      return review(
        `answers a SEQUENCE that was never sent (SEQUENCE ${sequence}, sent ${current})`,
      );
    }
  }
  try {
    const { changed } = await recordAnswer(
      deps,
      { sessionId: invitation.sessionId, invitationId: invitation.id },
      { status: decision.status },
      decision.channel,
      mail.from,
      undefined,
      foreign?.kind === 'office' ? foreign.by : undefined,
    );
    return { ...record, state: changed ? 'applied' : 'unchanged', channel: decision.channel };
  } catch (error) {
    if (error instanceof AnswerClosedError) return review('the answer deadline has passed');
    throw error;
  }
};
