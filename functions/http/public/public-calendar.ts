import type { PublicSession } from '../../../shared/use-cases/public-sessions.js';

/**
 * A body's public sessions as an RFC 5545 calendar to subscribe to
 * (ical-generator): one event per session with a stable UID, its SEQUENCE,
 * cancelled sessions marked as such, the public page as the event's URL.
 * No video link and nothing else that is not public. Loaded on first use.
 *
 * @example
 * ```ts
 * await publicSessionsCalendar(body, sessions, 'https://konferenz.example.org');
 * ```
 */
export const publicSessionsCalendar = async (
  body: { id: string; name: string; shortName: string },
  sessions: readonly PublicSession[],
  origin: string,
): Promise<string> => {
  const { default: ical, ICalEventStatus } = await import('ical-generator');
  const calendar = ical({
    name: `Sitzungen der ${body.shortName}`,
    description: body.name,
    prodId: { company: 'conference-coordination', product: 'public-sessions', language: 'DE' },
  });
  for (const session of sessions) {
    const page = `${origin}/public/sessions/${session.id}`;
    calendar.createEvent({
      id: `public-session-${session.id}@conference-coordination`,
      sequence: session.sequence,
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      summary: `${session.name} der ${body.shortName}: ${session.title}`,
      description: `${body.name}\n${page}`,
      location:
        session.address === undefined
          ? session.venue
          : { title: session.venue, address: session.address },
      url: page,
      status: session.state === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: new Date(session.updatedAt),
    });
  }
  return calendar.toString();
};
