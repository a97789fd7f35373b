import type { Body } from '../domain/body.js';
import type { Session } from '../domain/session.js';

/** The grammatical case a session is named in: "die …", "der …" or "zur …". */
export type Case = 'nominative' | 'genitive' | 'dative';

/**
 * A session as running text names it, declined for its case and written per
 * kind rather than built from a nominative title: "die 221. Sitzung der
 * IMK", "zur konstituierenden Sitzung der IMK", "zur Sonderkonferenz der
 * IMK", "zur Videokonferenz der IMK". Only regular sessions carry their
 * running number.
 *
 * @example
 * ```ts
 * sessionPhrase({ kind: 'constitutive', number: 1 }, { shortName: 'IMK' }, 'dative');
 * // 'zur konstituierenden Sitzung der IMK'
 * ```
 */
export const sessionPhrase = (
  session: Pick<Session, 'kind' | 'number'>,
  body: Pick<Body, 'shortName'>,
  grammaticalCase: Case,
): string => {
  const article = { nominative: 'die', genitive: 'der', dative: 'zur' }[grammaticalCase];
  const adjective = grammaticalCase === 'nominative' ? 'konstituierende' : 'konstituierenden';
  const noun = {
    regular: `${session.number}. Sitzung`,
    constitutive: `${adjective} Sitzung`,
    extraordinary: 'Sonderkonferenz',
    video: 'Videokonferenz',
  }[session.kind];
  return `${article} ${noun} der ${body.shortName}`;
};
