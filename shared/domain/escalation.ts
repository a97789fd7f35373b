import type { Escalation, Member, Person } from './body.js';
import { type Invitation, isActive } from './invitation.js';
import type { Session } from './session.js';

export type EscalationStep = Escalation['steps'][number];

/** An escalation step due for one member: the people to invite now. */
export interface DueEscalation {
  member: Member;
  step: EscalationStep;
  people: Person[];
}

/** Sessions called at most this long before they begin count as short notice. */
const shortNoticeMs = 24 * 3_600_000;

/**
 * True when a session is one the escalation chain serves: an exercise, or
 * a session invited at most 24 hours before it begins.
 *
 * @example
 * ```ts
 * escalates({ ...session, invitedAt: '2027-05-10T18:00:00Z', startsAt: '2027-05-10T19:00:00Z' }); // true
 * ```
 */
export const escalates = (
  session: Pick<Session, 'exercise' | 'invitedAt' | 'startsAt' | 'state'>,
): boolean =>
  (session.state === 'invited' || session.state === 'in_session') &&
  session.invitedAt !== undefined &&
  (session.exercise === true ||
    Date.parse(session.startsAt) - Date.parse(session.invitedAt) <= shortNoticeMs);

const capacityOf: Record<EscalationStep, Person['capacity']> = {
  deputies: 'deputy',
  officeContacts: 'office_contact',
};

/**
 * The escalation steps due now: for each member whose people have not
 * answered, the n-th step of the chain once `n × afterMinutes` have passed
 * since its first invitation went out, unless the session already took that
 * step for the member. A step names the member's registered people of its
 * kind who are not invited yet (none: the step is still taken, so it is
 * recorded once and not tried again).
 *
 * @example
 * ```ts
 * dueEscalations(session, members, invitations, { afterMinutes: 10, steps: ['deputies'] }, now);
 * // → [{ member: tmik, step: 'deputies', people: [krisenstab] }]
 * ```
 */
export const dueEscalations = (
  session: Session,
  members: readonly Member[],
  invitations: readonly Invitation[],
  escalation: Escalation,
  now: Date,
): DueEscalation[] => {
  if (!escalates(session)) return [];
  const taken = new Set((session.escalations ?? []).map((e) => `${e.memberId}:${e.step}`));
  return members.flatMap((member) => {
    const own = invitations.filter(
      (invitation) => invitation.memberId === member.memberId && isActive(invitation),
    );
    if (own.length === 0 || own.some((invitation) => invitation.answer !== undefined)) return [];
    const first = Math.min(
      ...own.map((invitation) => Date.parse(invitation.mailedAt ?? invitation.createdAt)),
    );
    const invited = new Set(own.map((invitation) => invitation.personId));
    return escalation.steps.flatMap((step, index): DueEscalation[] => {
      const dueAt = first + (index + 1) * escalation.afterMinutes * 60_000;
      if (now.getTime() < dueAt || taken.has(`${member.memberId}:${step}`)) return [];
      const people = member.people.filter(
        (person) => person.capacity === capacityOf[step] && !invited.has(person.id),
      );
      return [{ member, step, people }];
    });
  });
};
