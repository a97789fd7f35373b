import type { AgendaItem } from '../domain/agenda.js';
import type { BodyWithMembers, ChairPeriodRecord } from '../domain/body.js';
import { dateTimeFormat } from '../domain/date-format.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../domain/errors.js';
import { attendanceBoard, type Invitation } from '../domain/invitation.js';
import { msg } from '../domain/messages.js';
import { can, requirePermission } from '../domain/policy.js';
import {
  genitiveName,
  type ProtocolAttendance,
  type ProtocolContent,
  type ProtocolItem,
  type ProtocolRecord,
  type ProtocolResolution,
  type ProtocolView,
  protocolForReader,
} from '../domain/protocol.js';
import { paragraphs, type Resolution } from '../domain/resolution.js';
import type { Session } from '../domain/session.js';
import { germanDatePhrase, germanDateRange } from '../mail/dates.js';
import { sessionPhrase } from '../mail/session-phrase.js';
import { type Actor, actorName, auditEntry, type UseCaseDeps } from './context.js';

/** German alphabetical order, as the IMK lists the Länder; guests after the voting members. */
const german = new Intl.Collator('de');
const inListOrder = <T extends { voting: boolean; name?: string; member?: string }>(
  rows: readonly T[],
): T[] =>
  [...rows].sort(
    (a, b) =>
      Number(b.voting) - Number(a.voting) ||
      german.compare(a.name ?? a.member ?? '', b.name ?? b.member ?? ''),
  );

const dayOf = (at: string, timeZone: string) =>
  dateTimeFormat('en-CA', { timeZone }).format(new Date(at));

/** The member that chaired: the chair period of the session's first day, else the body's chair. */
const chairOf = (
  session: Session,
  body: BodyWithMembers,
  periods: readonly ChairPeriodRecord[],
): string | undefined => {
  const day = dayOf(session.startsAt, session.timeZone);
  const period = periods.find((p) => p.from <= day && day <= p.to);
  const memberId = period?.memberId ?? body.chairMemberId;
  return body.members.find((member) => member.memberId === memberId)?.name;
};

const venueOf = (session: Session): string => {
  const place = [session.place?.room, session.place?.building, session.place?.city]
    .filter(Boolean)
    .join(', ');
  if (session.format === 'video' || place === '') return 'Videokonferenz';
  return session.format === 'hybrid' ? `${place} und per Video` : place;
};

/** "in Hamburg", "als Videokonferenz", "in Hamburg und per Video". */
const wherePhrase = (session: Session): string => {
  const city = session.place?.city;
  if (session.format === 'video' || city === undefined) return 'als Videokonferenz';
  return session.format === 'hybrid' ? `in ${city} und per Video` : `in ${city}`;
};

/**
 * The attendance: every member's line of the attendance board, with the
 * minister a deputy stood in for and who answered, when not the invitee.
 */
const attendanceOf = (
  session: Session,
  body: BodyWithMembers,
  invitations: readonly Invitation[],
): ProtocolAttendance[] =>
  attendanceBoard(session.id, inListOrder(body.members), invitations).lines.map((line) => {
    const principal = body.members
      .find((member) => member.memberId === line.memberId)
      ?.people.find((person) => person.capacity === 'principal')?.name;
    const attendee = line.attendee?.replace(/^vertreten durch /, '');
    const answeredBy =
      line.answeredBy !== undefined && line.answeredBy.capacity !== 'principal'
        ? line.answeredBy.name
        : undefined;
    return {
      memberId: line.memberId,
      member: line.name,
      voting: line.voting,
      status: line.status,
      ...(attendee === undefined ? {} : { attendee }),
      ...(line.status === 'represented' && principal !== undefined ? { deputyFor: principal } : {}),
      ...(line.channel === undefined ? {} : { channel: line.channel }),
      ...(answeredBy === undefined || answeredBy === attendee ? {} : { answeredBy }),
    };
  });

const resolutionOf = (resolution: Resolution, body: BodyWithMembers): ProtocolResolution => {
  const memberName = (id: string) =>
    body.members.find((member) => member.memberId === id)?.name ?? id;
  return {
    id: resolution.id,
    title: resolution.title,
    paragraphs: paragraphs(resolution.text),
    state: resolution.state,
    ...(resolution.outcome === undefined ? {} : { outcome: resolution.outcome }),
    ...(resolution.decidedAt === undefined ? {} : { decidedAt: resolution.decidedAt }),
    rule: body.decisionRule.kind,
    ...(resolution.tally === undefined ? {} : { tally: resolution.tally }),
    votes: inListOrder(body.members)
      .filter((member) => member.voting)
      .map((member) => {
        const cast = resolution.votes[member.memberId];
        return {
          memberId: member.memberId,
          member: member.name,
          vote: cast?.vote,
          ...(cast?.deputy === undefined ? {} : { deputy: cast.deputy }),
          ...(cast === undefined ? {} : { channel: cast.channel }),
        };
      }),
    statements: resolution.statements.map((statement) => ({
      members: statement.memberIds.map(memberName),
      text: statement.text,
    })),
    reports: resolution.reports.map((report) => ({
      title: report.title,
      ...(report.released === undefined ? {} : { released: report.released }),
    })),
    ...(resolution.release === undefined
      ? {}
      : {
          release: {
            proposedAt: resolution.release.proposedAt,
            objectionDeadline: resolution.release.objectionDeadline,
            ...(resolution.release.settledAt === undefined
              ? {}
              : { settledAt: resolution.release.settledAt }),
          },
        }),
  };
};

/** Each TOP in agenda order with its resolutions, oldest first. */
const itemsOf = (
  agenda: readonly AgendaItem[],
  resolutions: readonly Resolution[],
  body: BodyWithMembers,
): ProtocolItem[] =>
  [...agenda]
    .sort((a, b) => a.position - b.position)
    .map((item) => ({
      id: item.id,
      number: item.number,
      title: item.title,
      confidential: !item.public,
      resolutions: resolutions
        .filter((resolution) => resolution.itemId === item.id)
        .map((resolution) => resolutionOf(resolution, body)),
    }));

/**
 * Collects everything the protocol of a session shows, in one pass: the
 * session and its chair, the attendance, and each TOP with its resolutions,
 * votes, statements and release state. Pure reading, no permission check:
 * callers check who may read (see `getProtocol`).
 *
 * @example
 * ```ts
 * const content = await collectProtocol(deps, session);
 * ```
 */
export const collectProtocol = async (
  deps: UseCaseDeps,
  session: Session,
): Promise<ProtocolContent> => {
  const [body, periods, invitations, agenda, resolutions] = await Promise.all([
    deps.repo.getBodyWithMembers(session.bodyId),
    deps.repo.listChairPeriods(session.bodyId),
    deps.repo.listInvitations(session.id),
    deps.repo.listAgenda(session.id),
    deps.repo.listResolutionsOfSession(session.id),
  ]);
  if (body === undefined) throw new NotFoundError('Body', session.bodyId);
  const chair = chairOf(session, body, periods);
  const named = sessionPhrase(session, { shortName: genitiveName(body) }, 'nominative');
  return {
    body: { id: body.id, name: body.name, shortName: body.shortName },
    session: {
      id: session.id,
      number: session.number,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
      exercise: session.exercise === true,
    },
    heading: `Ergebnisniederschrift über ${named} ${germanDatePhrase(session.startsAt, session.endsAt, session.timeZone)} ${wherePhrase(session)}`,
    dates: germanDateRange(session.startsAt, session.endsAt, session.timeZone),
    venue: venueOf(session),
    ...(chair === undefined ? {} : { chair }),
    attendance: attendanceOf(session, body, invitations),
    items: itemsOf(agenda, resolutions, body),
  };
};

const readableSession = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<Session> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  requirePermission(actor.principal, 'resolutions:read', session.bodyId);
  return session;
};

/**
 * The protocol of a session as the actor may read it: the approved version
 * once the chair approved it (frozen, whatever changed since), a draft
 * collected now before. The body's registered people (the `member` grant)
 * and its secretariat, chair and admins read it; confidential TOPs only
 * those who may read them, the others are told how many were left out.
 *
 * @example
 * ```ts
 * const { content, approval } = await getProtocol(deps, actor, sessionId);
 * ```
 */
export const getProtocol = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<ProtocolView> => {
  const session = await readableSession(deps, actor, sessionId);
  const approved = await deps.repo.getProtocol(sessionId);
  const content = approved?.content ?? (await collectProtocol(deps, session));
  const view = protocolForReader(
    content,
    can(actor.principal, 'agenda:read-confidential', session.bodyId),
  );
  return approved === undefined
    ? view
    : {
        ...view,
        approval: {
          number: approved.number,
          approvedBy: approved.approvedBy,
          approvedAt: approved.approvedAt,
        },
      };
};

/**
 * The chair approves the protocol of a concluded session: its content as
 * collected now is frozen under number 1 with who and when, and audited
 * (`protocol.approve`). A session not yet concluded is refused (422); a
 * protocol approved before stays as it is (409), also when two approvals
 * meet, since the record is created only where none exists.
 *
 * @example
 * ```ts
 * const record = await approveProtocol(deps, chair, sessionId);
 * ```
 */
export const approveProtocol = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<ProtocolRecord> => {
  const session = await readableSession(deps, actor, sessionId);
  requirePermission(actor.principal, 'protocol:approve', session.bodyId);
  const earlier = await deps.repo.getProtocol(sessionId);
  if (earlier !== undefined) {
    throw new ConflictError(msg('protocol.already-approved', { approvedAt: earlier.approvedAt }));
  }
  if (session.state !== 'concluded') {
    throw new UnprocessableError(msg('protocol.not-concluded', { state: session.state }));
  }
  const at = deps.clock.now().toISOString();
  const record: ProtocolRecord = {
    sessionId,
    bodyId: session.bodyId,
    number: 1,
    ...(session.exercise === true ? { exercise: true } : {}),
    approvedBy: actorName(actor),
    approvedAt: at,
    content: await collectProtocol(deps, session),
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const approved: { version: number } & Pick<ProtocolRecord, 'number' | 'approvedBy' | 'exercise'> =
    {
      version: record.version,
      number: record.number,
      approvedBy: record.approvedBy,
      ...(session.exercise === true ? { exercise: true } : {}),
    };
  const audit = auditEntry(
    deps,
    actor,
    'protocol.approve',
    'session',
    sessionId,
    session.bodyId,
    undefined,
    approved,
  );
  try {
    await deps.repo.commit([{ type: 'protocol', op: 'create', protocol: record }], [audit]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Another approval was recorded first: that one stands.
    const winner = await deps.repo.getProtocol(sessionId);
    if (winner === undefined) throw error;
    throw new ConflictError(
      msg('protocol.already-approved', { approvedAt: winner.approvedAt }),
      {},
      error,
    );
  }
  return record;
};
