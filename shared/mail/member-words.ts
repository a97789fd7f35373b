import { type BodyWithMembers, isOrganisationId } from '../domain/body.js';

/** How a mail speaks of a body's voting members: Länder, or members in general. */
export interface MemberWords {
  /** "kein Land" / "kein Mitglied" */
  none: string;
  /** "ein Land" / "ein Mitglied" */
  one: string;
  /** "den Ländern" / "den Mitgliedern" */
  toAll: string;
  /** "die Stimme Ihres Landes" / "Ihre Stimme" */
  yourVote: string;
}

/**
 * The words for a body's voting members: the IMK's Länder, or, as soon as
 * an organisation votes (a ministry of a crisis staff), its members.
 *
 * @example
 * ```ts
 * memberWords(imas).none; // 'kein Mitglied'
 * ```
 */
export const memberWords = (body: Pick<BodyWithMembers, 'members'>): MemberWords =>
  body.members.some((member) => member.voting && isOrganisationId(member.memberId))
    ? {
        none: 'kein Mitglied',
        one: 'ein Mitglied',
        toAll: 'den Mitgliedern',
        yourVote: 'Ihre Stimme',
      }
    : {
        none: 'kein Land',
        one: 'ein Land',
        toAll: 'den Ländern',
        yourVote: 'die Stimme Ihres Landes',
      };
