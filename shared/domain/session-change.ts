import * as z from 'zod/mini';
import { datesMoved, PlaceSchema, type Session, SessionFormatSchema } from './session.js';

/**
 * What invitees were told of a session before a change: kept on the notice
 * job and each update's outbox entry, so that the update mail can say what
 * changed ("Neuer Beginn: 10:30 Uhr statt 10:00 Uhr").
 */
export const SessionSnapshotSchema = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  format: SessionFormatSchema,
  place: z.optional(PlaceSchema),
  videoLink: z.optional(z.string()),
});
export type SessionSnapshot = z.infer<typeof SessionSnapshotSchema>;

/**
 * The parts of a session an invitation speaks of.
 *
 * @example
 * ```ts
 * snapshotOf(session); // { startsAt, endsAt, timeZone, format, place, videoLink }
 * ```
 */
export const snapshotOf = (session: SessionSnapshot): SessionSnapshot => ({
  startsAt: session.startsAt,
  endsAt: session.endsAt,
  timeZone: session.timeZone,
  format: session.format,
  ...(session.place ? { place: session.place } : {}),
  ...(session.videoLink ? { videoLink: session.videoLink } : {}),
});

/**
 * Whether answers given to the session as it was still stand after a
 * change. They do not when the session moves to other days, to another
 * city, or from a video conference to one only in person; a new hour on the
 * same days, another room or building in the same city, a new video link,
 * or a session that now also (or only) meets by video keeps them.
 *
 * @example
 * ```ts
 * answersStand(before, { ...before, place: { ...before.place, room: 'Kaisersaal' } }); // true
 * ```
 */
export const answersStand = (
  before: Pick<Session, 'startsAt' | 'endsAt' | 'timeZone' | 'format' | 'place'>,
  after: Pick<Session, 'startsAt' | 'endsAt' | 'timeZone' | 'format' | 'place'>,
): boolean => {
  if (datesMoved(before, after)) return false;
  // A hybrid session can still be joined by video; one only in person cannot.
  if (before.format === 'video' && after.format === 'in_person') return false;
  const cityBefore = before.place?.city.trim().toLowerCase();
  const cityAfter = after.place?.city.trim().toLowerCase();
  return cityBefore === undefined || cityAfter === undefined || cityBefore === cityAfter;
};
