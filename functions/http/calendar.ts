import type { Session } from '../../shared/domain/session.js';
import { exerciseTitle } from '../../shared/mail/exercise.js';

/**
 * Renders a session as an RFC 5545 calendar file (ical-generator). The UID
 * is stable per session, the SEQUENCE follows the session's version, and a
 * cancelled session is marked as such. Loaded on first use only.
 */
export const sessionCalendar = async (session: Session, bodyName: string): Promise<string> => {
  const { default: ical, ICalEventStatus } = await import('ical-generator');
  const calendar = ical({
    name: `${session.number}. Sitzung – ${bodyName}`,
    prodId: { company: 'conference-coordination', product: 'sessions', language: 'DE' },
  });
  const where = [session.place?.room, session.place?.building, session.place?.city]
    .filter(Boolean)
    .join(', ');
  calendar.createEvent({
    id: `session-${session.id}@conference-coordination`,
    sequence: session.version - 1,
    start: new Date(session.startsAt),
    end: new Date(session.endsAt),
    summary:
      session.exercise === true
        ? exerciseTitle(`${session.number}. Sitzung: ${session.title}`)
        : `${session.number}. Sitzung: ${session.title}`,
    description: [bodyName, session.videoLink ? `Videokonferenz: ${session.videoLink}` : undefined]
      .filter(Boolean)
      .join('\n'),
    ...(where || session.place?.address
      ? {
          location: {
            title: where || (session.place?.address ?? ''),
            address: session.place?.address ?? '',
          },
        }
      : {}),
    ...(session.videoLink === undefined ? {} : { url: session.videoLink }),
    status: session.state === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: new Date(session.updatedAt),
  });
  return calendar.toString();
};
