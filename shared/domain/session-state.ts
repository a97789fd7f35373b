import { ConflictError } from './errors.js';
import { msg } from './messages.js';
import type { SessionState } from './session.js';

/** The session life cycle: planned → invited → in_session → concluded, and cancelled before concluded. */
export const sessionTransitions: Readonly<Record<SessionState, readonly SessionState[]>> = {
  planned: ['invited', 'cancelled'],
  invited: ['in_session', 'cancelled'],
  in_session: ['concluded', 'cancelled'],
  concluded: [],
  cancelled: [],
};

/**
 * Checks a transition and returns the new state; a `ConflictError` naming
 * the allowed transitions otherwise.
 *
 * @example
 * ```ts
 * transition('planned', 'invited'); // 'invited'
 * ```
 */
export const transition = (from: SessionState, to: SessionState): SessionState => {
  const allowed = sessionTransitions[from];
  if (!allowed.includes(to)) {
    throw new ConflictError(msg('session.transition', { from, to }), {
      state: from,
      allowed,
    });
  }
  return to;
};

/** True while the session may still be changed (times, place, agenda). */
export const isEditable = (state: SessionState): boolean =>
  state !== 'concluded' && state !== 'cancelled';
