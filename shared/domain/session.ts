import * as z from 'zod/mini';
import { MemberIdSchema } from './body.js';
import { singleLine } from './single-line.js';

export const SessionKindSchema = z.enum(['regular', 'constitutive', 'extraordinary', 'video']);
export type SessionKind = z.infer<typeof SessionKindSchema>;

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
      new Intl.DateTimeFormat('de-DE', { timeZone: zone });
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
  kind: SessionKindSchema,
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
  number: z.number(),
  kind: SessionKindSchema,
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
  /** When the first invitations went out; no reminder is due before it. */
  invitedAt: z.optional(z.string()),
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
  'place',
  'videoLink',
] as const;

/** True when a change moves the session to other days, so that earlier answers no longer hold. */
export const datesMoved = (
  before: Pick<Session, 'startsAt' | 'endsAt' | 'timeZone'>,
  after: Pick<Session, 'startsAt' | 'endsAt' | 'timeZone'>,
): boolean => {
  const day = (at: string, zone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(at));
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
 * left. The half-way reminder is recorded as its offset in hours.
 */
export const dueReminderOffsets = (
  session: Pick<
    Session,
    'answerDeadline' | 'startsAt' | 'reminderOffsetsHours' | 'remindersSent' | 'invitedAt'
  >,
  now: Date,
): number[] => {
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
