import * as z from 'zod/mini';
import { MemberIdSchema } from './body.js';
import { dateTimeFormat } from './date-format.js';
import { singleLine } from './single-line.js';

/**
 * What a session is: a regular session (Frühjahrs-/Herbstkonferenz), the
 * constitutive one, or an extraordinary one (Sonderkonferenz). How it meets
 * is its `format`.
 */
export const SessionKindSchema = z.enum(['regular', 'constitutive', 'extraordinary']);
export type SessionKind = z.infer<typeof SessionKindSchema>;

/**
 * The kinds a request may name. `video` is what clients of the first API
 * version sent for a video conference, when kind and format were one field;
 * it is read as an extraordinary session in the video format (see `normalizedKind`).
 */
export const SessionKindInputSchema = z.enum(['regular', 'constitutive', 'extraordinary', 'video']);
export type SessionKindInput = z.infer<typeof SessionKindInputSchema>;

/** How a session meets: in person, by video, or both (hybrid). */
export const SessionFormatSchema = z.enum(['in_person', 'video', 'hybrid']);
export type SessionFormat = z.infer<typeof SessionFormatSchema>;

/**
 * The series a session's `number` counts in: `running`, the body's running
 * number ("221. Sitzung"); `yearly`, the extraordinary sessions of one
 * calendar year (`numberYear`: "2. Sonderkonferenz 2027"); `none` for an
 * extraordinary session stored before the series existed, whose number was
 * drawn from the running one and is not shown.
 */
export const SessionNumberingSchema = z.enum(['running', 'yearly', 'none']);
export type SessionNumbering = z.infer<typeof SessionNumberingSchema>;

export const SessionStateSchema = z.enum([
  'planned',
  'invited',
  'in_session',
  'concluded',
  'cancelled',
]);
export type SessionState = z.infer<typeof SessionStateSchema>;

/** IANA zone names are checked against the runtime's own zone database. */
export const TimeZoneSchema = z.string().check(
  z.refine((zone) => {
    try {
      dateTimeFormat('de-DE', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/Berlin'),
);

export const PlaceSchema = z.strictObject({
  city: singleLine(120),
  building: z.optional(singleLine(160)),
  room: z.optional(singleLine(160)),
  address: z.optional(singleLine(300)),
});
export type Place = z.infer<typeof PlaceSchema>;

const sessionFields = {
  kind: SessionKindInputSchema,
  /** Derived from place and video link when not given: both make a hybrid session. */
  format: z.optional(SessionFormatSchema),
  title: singleLine(200),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  timeZone: TimeZoneSchema,
  place: z.optional(PlaceSchema),
  videoLink: z.optional(z.url({ protocol: /^https$/ }).check(z.maxLength(500))),
  hostMemberId: z.optional(MemberIdSchema),
  answerDeadline: z.optional(z.iso.datetime({ offset: true })),
  /** The preparatory conference (Vorkonferenz) of this session, if any. */
  preparatorySessionId: z.optional(
    z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a session id')),
  ),
};

interface SessionShape {
  format?: SessionFormat | undefined;
  startsAt: string;
  endsAt: string;
  place?: unknown;
  videoLink?: string | undefined;
  answerDeadline?: string | undefined;
}

/** Checks that hold for a whole session, created or patched. */
export const sessionRules = [
  z.refine<SessionShape>((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  }),
  z.refine<SessionShape>((s) => s.place !== undefined || s.videoLink !== undefined, {
    message: 'a session needs a place, a video link, or both',
    path: ['place'],
  }),
  z.refine<SessionShape>((s) => s.format !== 'video' || s.videoLink !== undefined, {
    message: 'a video conference needs a video link',
    path: ['videoLink'],
  }),
  z.refine<SessionShape>((s) => s.format !== 'in_person' || s.place !== undefined, {
    message: 'a session in person needs a place',
    path: ['place'],
  }),
  z.refine<SessionShape>(
    (s) => s.format !== 'hybrid' || (s.place !== undefined && s.videoLink !== undefined),
    { message: 'a hybrid session needs a place and a video link', path: ['format'] },
  ),
  z.refine<SessionShape>(
    (s) => s.answerDeadline === undefined || Date.parse(s.answerDeadline) <= Date.parse(s.startsAt),
    {
      message: 'answerDeadline must not be after startsAt',
      path: ['answerDeadline'],
    },
  ),
] as const;

export const SessionInputSchema = z
  .strictObject({
    ...sessionFields,
    timeZone: z._default(TimeZoneSchema, 'Europe/Berlin'),
    /** Crisis fast path: invite everyone as soon as the session exists. */
    sendInvitations: z.optional(z.boolean()),
    /** An exercise (Übung): every mail and page says so, and nothing of it is ever public. */
    exercise: z.optional(z.boolean()),
  })
  .check(...sessionRules);
export type SessionInput = z.input<typeof SessionInputSchema>;

/**
 * A PATCH of a session: any of the fields, and only those sent (the time
 * zone's default is for new sessions); the rules are checked on the merged result.
 */
export const SessionPatchSchema = z.partial(z.strictObject(sessionFields));
export type SessionPatch = z.input<typeof SessionPatchSchema>;

/** The merged session after a PATCH must still satisfy the rules. */
export const SessionShapeSchema = z.object(sessionFields).check(...sessionRules);

/**
 * The chair's approval of a session's agenda. A TOP added, changed, removed
 * or moved afterwards makes it `outdated` (with who and when), and the chair
 * approves again; the audit keeps every step.
 */
export const AgendaApprovalSchema = z.object({
  by: z.string(),
  at: z.string(),
  itemCount: z.number(),
  outdated: z.boolean(),
  outdatedAt: z.optional(z.string()),
  outdatedBy: z.optional(z.string()),
});
export type AgendaApproval = z.infer<typeof AgendaApprovalSchema>;

/**
 * The approval after the agenda changed: outdated, or `undefined` when there
 * is no standing approval to outdate (none given, or already outdated).
 *
 * @example
 * ```ts
 * outdatedApproval(session.agendaApproval, 'gs@imk.example.org', now); // { …, outdated: true, … }
 * ```
 */
export const outdatedApproval = (
  approval: AgendaApproval | undefined,
  by: string,
  at: string,
): AgendaApproval | undefined =>
  approval === undefined || approval.outdated
    ? undefined
    : { ...approval, outdated: true, outdatedAt: at, outdatedBy: by };

export const SessionSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  /** The session's number in its series (`numbering`). */
  number: z.number(),
  numbering: SessionNumberingSchema,
  /** The year whose extraordinary sessions a `yearly` number counts. */
  numberYear: z.optional(z.number()),
  kind: SessionKindSchema,
  format: SessionFormatSchema,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  place: z.optional(PlaceSchema),
  videoLink: z.optional(z.string()),
  hostMemberId: z.optional(z.string()),
  answerDeadline: z.optional(z.string()),
  preparatorySessionId: z.optional(z.string()),
  reminderOffsetsHours: z.optional(z.array(z.number())),
  /** The reminder offsets already sent for the current deadline. */
  remindersSent: z.optional(z.array(z.number())),
  /** The escalation steps taken, each once per member (see `dueEscalations`). */
  escalations: z.optional(
    z.array(
      z.object({
        memberId: z.string(),
        step: z.enum(['deputies', 'officeContacts']),
        at: z.string(),
      }),
    ),
  ),
  /** When the first invitations went out; no reminder is due before it. */
  invitedAt: z.optional(z.string()),
  /** An exercise (Übung): every mail and page says so, and nothing of it is ever public. */
  exercise: z.optional(z.boolean()),
  /** The iCalendar SEQUENCE: raised by every change invitees must hear about (time, place, cancellation). */
  sequence: z.optional(z.number()),
  /** The chair's approval of the agenda as it stood then; outdated by any later change of the agenda. */
  agendaApproval: z.optional(AgendaApprovalSchema),
  state: SessionStateSchema,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

/** Fields whose change invitees are told about with an updated calendar invitation. */
export const invitationRelevantFields = [
  'startsAt',
  'endsAt',
  'timeZone',
  'format',
  'place',
  'videoLink',
] as const;

/** True when a change moves the session to other days, so that earlier answers no longer hold. */
export const datesMoved = (
  before: Pick<Session, 'startsAt' | 'endsAt' | 'timeZone'>,
  after: Pick<Session, 'startsAt' | 'endsAt' | 'timeZone'>,
): boolean => {
  const day = (at: string, zone: string) =>
    dateTimeFormat('en-CA', { timeZone: zone }).format(new Date(at));
  return (
    day(before.startsAt, before.timeZone) !== day(after.startsAt, after.timeZone) ||
    day(before.endsAt, before.timeZone) !== day(after.endsAt, after.timeZone)
  );
};

/** Reminders go out 7 days and 1 day before the answer deadline unless a session says otherwise. */
export const defaultReminderOffsetsHours = [168, 24] as const;

/**
 * The reminder offsets that are due at `now` and not yet sent: due once the
 * deadline is that near, and only while the deadline has not passed. An
 * offset whose moment lay before the invitation went out (`invitedAt`) is
 * never sent: a session at short notice is reminded at most once instead,
 * half-way from the invitation to the deadline, when less than a day was
 * left. The half-way reminder is recorded as its offset in hours. A session
 * without an answer deadline is reminded only when its body asks for it
 * (`remindWithoutDeadline`); the offsets then count back from its start.
 *
 * @example
 * ```ts
 * dueReminderOffsets(session, new Date(), body.remindWithoutDeadline === true);
 * ```
 */
export const dueReminderOffsets = (
  session: Pick<
    Session,
    'answerDeadline' | 'startsAt' | 'reminderOffsetsHours' | 'remindersSent' | 'invitedAt'
  >,
  now: Date,
  remindWithoutDeadline = false,
): number[] => {
  // Without an answer deadline there is nothing to remind of, unless the body
  // asks for reminders before its sessions (they then count back from the start).
  if (session.answerDeadline === undefined && !remindWithoutDeadline) return [];
  const deadline = Date.parse(session.answerDeadline ?? session.startsAt);
  if (now.getTime() >= deadline) return [];
  const sent = new Set(session.remindersSent ?? []);
  const invitedAt =
    session.invitedAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(session.invitedAt);
  const configured = (session.reminderOffsetsHours ?? [...defaultReminderOffsetsHours]).filter(
    (hours) => deadline - hours * 3_600_000 > invitedAt,
  );
  const shortNotice = deadline - invitedAt < 24 * 3_600_000;
  const offsets =
    configured.length === 0 && shortNotice
      ? [Math.round(((deadline - invitedAt) / 2 / 3_600_000) * 100) / 100]
      : configured;
  return offsets.filter(
    (hours) => !sent.has(hours) && deadline - hours * 3_600_000 <= now.getTime(),
  );
};

/**
 * The format a session's place and video link imply: both make it hybrid,
 * a video link alone a video conference, a place alone a session in person.
 *
 * @example
 * ```ts
 * formatOf({ place: { city: 'Hamburg' }, videoLink: 'https://video.example.org/imk' }); // 'hybrid'
 * ```
 */
export const formatOf = (session: {
  place?: unknown;
  videoLink?: string | undefined;
}): SessionFormat => {
  if (session.videoLink === undefined) return 'in_person';
  return session.place === undefined ? 'video' : 'hybrid';
};

/**
 * Kind and format of a request: the first API version's `video` kind is an
 * extraordinary session in the video format, as it was always named
 * ("Videokonferenz der IMK", without the running number).
 *
 * @example
 * ```ts
 * normalizedKind({ kind: 'video', videoLink: 'https://video.example.org/imk' });
 * // { kind: 'extraordinary', format: 'video' }
 * ```
 */
export const normalizedKind = (input: {
  kind: SessionKindInput;
  format?: SessionFormat | undefined;
  place?: unknown;
  videoLink?: string | undefined;
}): { kind: SessionKind; format: SessionFormat } => ({
  kind: input.kind === 'video' ? 'extraordinary' : input.kind,
  format: input.format ?? formatOf(input),
});

/** A session as stored: items written before kind and format were separate lack `format` and `numbering`. */
export type StoredSession = Omit<Session, 'kind' | 'format' | 'numbering'> & {
  kind: SessionKindInput;
  format?: SessionFormat | undefined;
  numbering?: SessionNumbering | undefined;
};

/**
 * A stored session in today's shape. Sessions stored before kind and format
 * were separate are mapped when read, never rewritten in place: the kind
 * `video` becomes an extraordinary session, the format follows from place and
 * video link, and the number of such an extraordinary session (drawn from
 * the running number, which then counted every session) is not shown
 * (`numbering: 'none'`); regular and constitutive sessions keep theirs. The
 * mapped shape is stored with the session's next change.
 *
 * @example
 * ```ts
 * fromStoredSession({ ...stored, kind: 'video' }); // { ..., kind: 'extraordinary', format: 'video', numbering: 'none' }
 * ```
 */
export const fromStoredSession = (stored: StoredSession): Session => {
  const { kind, format } = normalizedKind(stored);
  const numbering = stored.numbering ?? (kind === 'extraordinary' ? 'none' : 'running');
  return { ...stored, kind, format, numbering };
};
