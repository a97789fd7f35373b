import type { Session } from '../domain/session.js';

/** Storage of sessions. */
export interface SessionRepository {
  /** The next running number of the body's sessions ("221. Sitzung"). */
  nextSessionNumber(bodyId: string): Promise<number>;
  createSession(session: Session): Promise<void>;
  getSession(sessionId: string): Promise<Session | undefined>;
  listSessionsOfBody(bodyId: string, range: { from: string; to: string }): Promise<Session[]>;
}
