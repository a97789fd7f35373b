import { ulid } from 'ulid';
import { NotFoundError } from '../domain/errors.js';
import { type Session, type SessionInput, SessionInputSchema } from '../domain/session.js';
import type { BodyRepository } from '../ports/body-repository.js';
import type { Clock } from '../ports/clock.js';
import type { SessionRepository } from '../ports/session-repository.js';
import { parseInput } from './parse-input.js';

export interface SessionUseCaseDeps {
  bodies: BodyRepository;
  sessions: SessionRepository;
  clock: Clock;
}

/**
 * Plans a session of a body. It gets the body's next running number and
 * starts in state `planned`.
 *
 * @example
 * ```ts
 * await planSession(deps, 'imk', { kind: 'regular', title: 'Frühjahrskonferenz', ... });
 * ```
 */
export const planSession = async (
  deps: SessionUseCaseDeps,
  bodyId: string,
  input: SessionInput,
): Promise<Session> => {
  const valid = parseInput(SessionInputSchema, input, 'body');
  const body = await deps.bodies.getBodyWithMembers(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  const number = await deps.sessions.nextSessionNumber(bodyId);
  const now = deps.clock.now().toISOString();
  const session: Session = {
    id: ulid(),
    bodyId,
    number,
    ...valid,
    state: 'planned',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.sessions.createSession(session);
  return session;
};
