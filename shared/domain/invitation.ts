import * as z from 'zod/mini';
import type { GrammaticalGender, Member, OrganisationKind } from './body.js';
import { federationId } from './lands.js';
import { SessionSnapshotSchema } from './session-change.js';
import { singleLine } from './single-line.js';

export const AnswerStatusSchema = z.enum(['accepted', 'declined', 'tentative', 'represented']);
export type AnswerStatus = z.infer<typeof AnswerStatusSchema>;

/** How an answer reached the secretariat. */
export const AnswerChannelSchema = z.enum(['link', 'calendar', 'mail', 'secretariat']);
export type AnswerChannel = z.infer<typeof AnswerChannelSchema>;

/**
 * Who answered for the member: the invitee, an office contact of the same
 * member writing for the minister, or (`other`) an address of the member's
 * mail domain whose answer the secretariat applied.
 */
export const AnsweredBySchema = z.object({
  name: z.string(),
  email: z.optional(z.string()),
  capacity: z.enum(['principal', 'office_contact', 'deputy', 'other']),
});
export type AnsweredBy = z.infer<typeof AnsweredBySchema>;

export const AnswerSchema = z.object({
  status: AnswerStatusSchema,
  channel: AnswerChannelSchema,
  at: z.string(),
  /** Set when someone other than the invitee answered (an office contact, a sender the secretariat named). */
  by: z.optional(AnsweredBySchema),
  comment: z.optional(z.string()),
  /** For `represented`: who attends in the member's place. */
  deputy: z.optional(z.object({ name: z.string(), email: z.optional(z.string()) })),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const InvitationSchema = z.object({
  id: z.string(),
  /** Copied from its session, so that the audit of an answer says it was an exercise. */
  exercise: z.optional(z.boolean()),
  sessionId: z.string(),
  bodyId: z.string(),
  memberId: z.string(),
  personId: z.string(),
  name: z.string(),
  /** The person's form of address, for the mail's greeting ("Frau Senatorin"). */
  salutation: z.optional(z.string()),
  email: z.string(),
  /** The minister (principal), an office contact in copy, or a deputy invited in the minister's place. */
  capacity: z.enum(['principal', 'office_contact', 'deputy']),
  /**
   * Absent while the invitation stands. `pending`: a deputy named by link
   * whose address the secretariat must confirm before any mail goes out;
   * `revoked`: withdrawn, its links no longer work.
   */
  state: z.optional(z.enum(['pending', 'revoked'])),
  /** For a deputy named in an answer: the invitation of the person they represent. */
  invitedBy: z.optional(z.string()),
  /**
   * For a minister: the invitation of the deputy they named (active or
   * awaiting the secretariat), so that the minister's version guards it.
   */
  deputyId: z.optional(z.string()),
  /** For a minister: how many deputies with an address they have named (see `maxDeputyNamings`). */
  deputyNamings: z.optional(z.number()),
  revokedAt: z.optional(z.string()),
  /** When the mailer sent the first invitation mail of an exercise, for the reachability report. */
  mailedAt: z.optional(z.string()),
  /** When the last "Unterlagen nachgereicht" mail to this invitee was queued. */
  papersMailedAt: z.optional(z.string()),
  answer: z.optional(AnswerSchema),
  /** Set when SES reported a permanent bounce or a complaint for this invitee's mail. */
  delivery: z.optional(
    z.object({
      problem: z.enum(['bounced', 'complained']),
      at: z.string(),
      detail: z.optional(z.string()),
    }),
  ),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

/**
 * How many deputies one invitation may name by link; more changes go through
 * the secretariat, so that one link cannot mail address after address.
 */
export const maxDeputyNamings = 3;

/** True while an invitation stands: not waiting for the secretariat, not revoked. */
export const isActive = (invitation: Invitation): boolean => invitation.state === undefined;

/**
 * Pending notices of a session change (an update or the cancellation) that
 * go to every invitee in batches; `after` is the last invitation already
 * told, so a run that stops part-way goes on where it stopped.
 */
export const NoticeJobSchema = z.object({
  sessionId: z.string(),
  kind: z.enum(['update', 'cancel']),
  /** Earlier answers no longer stand (see `answersStand`): they are cleared as the notices go out. */
  clearAnswers: z.boolean(),
  /** The session as invitees knew it before the change, for the update mail to say what changed. */
  previous: z.optional(SessionSnapshotSchema),
  after: z.optional(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NoticeJob = z.infer<typeof NoticeJobSchema>;

export const SendInvitationsInputSchema = z.strictObject({
  /** Also send a copy to each member's office contacts. */
  includeOfficeContacts: z._default(z.boolean(), false),
  /** Invite only these people (ids from the body's members); everyone's minister when omitted. */
  personIds: z.optional(
    z
      .array(z.string().check(z.minLength(1), z.maxLength(40)))
      .check(z.minLength(1), z.maxLength(2000)),
  ),
});
export type SendInvitationsInput = z.input<typeof SendInvitationsInputSchema>;

export const AnswerInputSchema = z.strictObject({
  status: AnswerStatusSchema,
  comment: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  deputyName: z.optional(singleLine(160)),
  deputyEmail: z.optional(z.email().check(z.maxLength(254), z.toLowerCase())),
});
export type AnswerInput = z.input<typeof AnswerInputSchema>;

/** One member's line on the attendance board. */
export interface BoardLine {
  memberId: string;
  name: string;
  voting: boolean;
  status: AnswerStatus | 'pending' | 'not_invited';
  /** Who attends: the minister, or the deputy who represents them. */
  attendee?: string;
  channel?: AnswerChannel;
  answeredAt?: string;
  /** Who gave the answer that counts: the invitee, or the office that wrote for the minister. */
  answeredBy?: AnsweredBy;
  /** A mail to this member bounced or drew a complaint: the address needs checking. */
  deliveryProblem?: { email?: string; problem: 'bounced' | 'complained' };
  /** A deputy named by link from an address the secretariat must confirm first. */
  pendingDeputy?: { invitationId: string; name: string; email?: string };
  /** The escalation steps the session took for this member, in order. */
  escalations?: { step: 'deputies' | 'officeContacts'; at: string }[];
  /** A member that is an organisation of the body (not a Land or the Bund): how it is named and listed. */
  organisation?: { kind: OrganisationKind; gender: GrammaticalGender; order?: number };
}

export interface AttendanceBoard {
  sessionId: string;
  lines: BoardLine[];
  counts: Record<BoardLine['status'], number>;
  /** The sentence a press officer quotes. */
  pressSentence: string;
}

/** "A, B und C" the German way. */
export const germanList = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} und ${names.at(-1)}`;

/** German alphabetical order, as the IMK lists the Länder: Baden-Württemberg, Bayern, Berlin, … */
const german = new Intl.Collator('de');

/** How a body names those who confirmed; the IMK's words unless it says otherwise. */
export interface PressSentenceWording {
  /** Before several Länder: "die Ministerinnen und Minister aus". */
  many?: string | undefined;
  /** Before one Land: "die Ministerin bzw. der Minister aus". */
  one?: string | undefined;
  /** The Bund, last: "der Bundesinnenminister". */
  federation?: string | undefined;
}

/** The IMK's wording of the press sentence. */
export const imkPressWording = {
  many: 'die Ministerinnen und Minister aus',
  one: 'die Ministerin bzw. der Minister aus',
  federation: 'der Bundesinnenminister',
} as const;

/** How a body writes its press sentence. */
export interface PressSentenceOptions {
  /** Name the deputy of a represented Land: "Sachsen, vertreten durch Staatssekretärin Dr. Jana Richter". */
  namesDeputies?: boolean | undefined;
  /** Its own words for those who confirmed (a crisis staff: "die Vertreterinnen und Vertreter aus"). */
  wording?: PressSentenceWording | undefined;
}

/** The nominative article and the possessive of an organisation's name. */
const articles: Record<GrammaticalGender, { article: string; possessive: string }> = {
  feminine: { article: 'die', possessive: 'ihre' },
  masculine: { article: 'der', possessive: 'seine' },
  neuter: { article: 'das', possessive: 'seine' },
  plural: { article: 'die', possessive: 'ihre' },
};

/**
 * "A, B und C" where an item may be set off by commas on both sides
 * ("Sachsen, vertreten durch …,"): such an item keeps its closing comma
 * before "und" and at the end, and drops it before the list's own comma.
 */
const listWithSetOffs = (items: readonly string[]): string =>
  items
    .map((item, index) => {
      if (index === items.length - 1) return item;
      return index === items.length - 2 ? `${item} und ` : `${item.replace(/,$/, '')}, `;
    })
    .join('');

/** Organisations in the body's order, those without one after, by name. */
const byBodyOrder = (a: BoardLine, b: BoardLine) =>
  (a.organisation?.order ?? Number.MAX_SAFE_INTEGER) -
    (b.organisation?.order ?? Number.MAX_SAFE_INTEGER) || german.compare(a.name, b.name);

/**
 * The sentence the press quotes, e.g. "Bisher bestätigten die Ministerinnen
 * und Minister aus Baden-Württemberg, Bayern und Berlin sowie der
 * Bundesinnenminister ihre Teilnahme." The Länder in German alphabetical
 * order, then organisations of the body with their article in the body's
 * order ("die Thüringer Staatskanzlei, das Ministerium für Inneres und
 * Kommunales"), the federal minister last; represented members count as
 * confirmed, named with their deputy where the body wants that.
 *
 * @example
 * ```ts
 * pressSentence(lines); // 'Bisher bestätigten die Thüringer Staatskanzlei und das Finanzministerium ihre Teilnahme.'
 * ```
 */
export const pressSentence = (
  lines: readonly BoardLine[],
  options: PressSentenceOptions = {},
): string => {
  const confirmed = lines.filter(
    (line) => line.status === 'accepted' || line.status === 'represented',
  );
  const named = (line: BoardLine, name: string) => {
    const deputy =
      options.namesDeputies && line.status === 'represented' ? line.attendee : undefined;
    return deputy === undefined ? name : `${name}, ${deputy},`;
  };
  const lands = confirmed
    .filter((line) => line.memberId !== federationId && line.organisation === undefined)
    .sort((a, b) => german.compare(a.name, b.name))
    .map((line) => named(line, line.name));
  const organisations = confirmed
    .filter((line) => line.organisation !== undefined)
    .sort(byBodyOrder);
  const federation = confirmed.some((line) => line.memberId === federationId);
  const words = {
    many: options.wording?.many ?? imkPressWording.many,
    one: options.wording?.one ?? imkPressWording.one,
    federation: options.wording?.federation ?? imkPressWording.federation,
  };
  if (lands.length === 0 && organisations.length === 0 && !federation) {
    return 'Bisher hat noch niemand die Teilnahme bestätigt.';
  }
  if (lands.length === 0 && organisations.length === 0) {
    // "seine" fits the IMK's minister; a body's own words get the neutral article.
    const whose = words.federation === imkPressWording.federation ? 'seine' : 'die';
    return `Bisher bestätigte ${words.federation} ${whose} Teilnahme.`;
  }
  const items = [
    ...(lands.length === 0
      ? []
      : [`${lands.length === 1 ? words.one : words.many} ${listWithSetOffs(lands)}`]),
    ...organisations.map((line) =>
      named(line, `${articles[line.organisation?.gender ?? 'feminine'].article} ${line.name}`),
    ),
  ];
  const only = organisations.length === 1 && lands.length === 0 ? organisations[0] : undefined;
  const single =
    lands.length + organisations.length === 1 &&
    !federation &&
    only?.organisation?.gender !== 'plural';
  const possessive =
    only === undefined ? 'ihre' : articles[only.organisation?.gender ?? 'feminine'].possessive;
  const verb = single ? 'bestätigte' : 'bestätigten';
  const whose = single ? possessive : 'ihre';
  return `Bisher ${verb} ${listWithSetOffs(items)}${federation ? ` sowie ${words.federation}` : ''} ${whose} Teilnahme.`;
};

const rank: Record<Invitation['capacity'], number> = { principal: 0, deputy: 1, office_contact: 2 };

const latest = (invitations: readonly Invitation[]) =>
  invitations
    .filter((invitation) => invitation.answer !== undefined)
    .sort((a, b) => (a.answer?.at ?? '').localeCompare(b.answer?.at ?? ''))
    .at(-1);

/** The organisation part of a board line, for a member that is an organisation. */
const organisationLine = (member: Member): Pick<BoardLine, 'organisation'> =>
  member.kind === undefined
    ? {}
    : {
        organisation: {
          kind: member.kind,
          gender: member.gender ?? 'feminine',
          ...(member.order === undefined ? {} : { order: member.order }),
        },
      };

/**
 * The attendance board: one line per member, telling who actually attends.
 * The minister's own answer takes precedence; a represented member is shown
 * with the deputy who attends ("vertreten durch …"), or as declined once
 * that deputy declined. Without the minister's answer, the latest answer of
 * the office or of a registered deputy counts. Invitations waiting for the
 * secretariat or revoked count for nothing. Each answered line names who
 * answered (`answeredBy`): the invitee, or the office that wrote for them.
 */
export const attendanceBoard = (
  sessionId: string,
  members: readonly Member[],
  invitations: readonly Invitation[],
  options: PressSentenceOptions = {},
): AttendanceBoard => {
  const lines = members.map((member): BoardLine => {
    const all = invitations.filter((invitation) => invitation.memberId === member.memberId);
    const own = all.filter(isActive).sort((a, b) => rank[a.capacity] - rank[b.capacity]);
    const pending = all.find((invitation) => invitation.state === 'pending');
    const waiting =
      pending === undefined
        ? {}
        : {
            pendingDeputy: { invitationId: pending.id, name: pending.name, email: pending.email },
          };
    const base = {
      memberId: member.memberId,
      name: member.name,
      voting: member.voting,
      ...organisationLine(member),
    };
    if (own.length === 0) return { ...base, status: 'not_invited', ...waiting };
    const troubled = own.find((invitation) => invitation.delivery !== undefined);
    const problem =
      troubled?.delivery === undefined
        ? {}
        : { deliveryProblem: { email: troubled.email, problem: troubled.delivery.problem } };
    const principal = own.find((invitation) => invitation.capacity === 'principal');
    const answered =
      principal?.answer !== undefined
        ? principal
        : latest(own.filter((invitation) => invitation.invitedBy === undefined));
    if (answered?.answer === undefined) {
      return { ...base, status: 'pending', ...problem, ...waiting };
    }
    const { answer } = answered;
    // An answer taken by the secretariat names no one unless it named the sender.
    const answeredBy: AnsweredBy | undefined =
      answer.by ??
      (answer.channel === 'secretariat'
        ? undefined
        : { name: answered.name, email: answered.email, capacity: answered.capacity });
    const line = {
      ...base,
      channel: answer.channel,
      answeredAt: answer.at,
      ...(answeredBy === undefined ? {} : { answeredBy }),
      ...problem,
      ...waiting,
    };
    if (answered.capacity === 'deputy' && answer.status === 'accepted') {
      return { ...line, status: 'represented', attendee: `vertreten durch ${answered.name}` };
    }
    if (answer.status === 'represented') {
      // A deputy with an address attends only once invited: not while the
      // secretariat has yet to confirm them, nor once revoked. Their own
      // answer tells whether anyone attends for the member.
      const deputy = own.find(
        (invitation) => invitation.invitedBy === answered.id && invitation.capacity === 'deputy',
      );
      if (answer.deputy?.email !== undefined && deputy === undefined) {
        return { ...line, status: 'pending' };
      }
      if (deputy?.answer?.status === 'declined') return { ...line, status: 'declined' };
      const name = deputy?.name ?? answer.deputy?.name;
      return {
        ...line,
        status: 'represented',
        ...(name ? { attendee: `vertreten durch ${name}` } : {}),
      };
    }
    const attendeeName = principal?.name ?? answered.name;
    return {
      ...line,
      status: answer.status,
      ...(answer.status === 'accepted' || answer.status === 'tentative'
        ? { attendee: attendeeName }
        : {}),
    };
  });
  const counts = {
    accepted: 0,
    declined: 0,
    tentative: 0,
    represented: 0,
    pending: 0,
    not_invited: 0,
  };
  for (const line of lines) counts[line.status] += 1;
  return { sessionId, lines, counts, pressSentence: pressSentence(lines, options) };
};
