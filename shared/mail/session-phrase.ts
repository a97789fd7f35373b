import type { Body } from '../domain/body.js';
import type { Session } from '../domain/session.js';

/** The grammatical case a session is named in: "die …", "der …" or "zur …". */
export type Case = 'nominative' | 'genitive' | 'dative';

type NamedSession = Pick<Session, 'kind' | 'format' | 'number' | 'numbering' | 'numberYear'>;

/** The noun of a session with its number, declined where an adjective needs it. */
const noun = (session: NamedSession, grammaticalCase: Case): string => {
  const constitutive = grammaticalCase === 'nominative' ? 'konstituierende' : 'konstituierenden';
  const running = session.numbering === 'running' ? `${session.number}. ` : '';
  switch (session.kind) {
    case 'regular':
      return `${running}Sitzung`;
    case 'constitutive':
      // "die 1. (konstituierende) Sitzung", as parliaments write it; unnumbered "die konstituierende Sitzung".
      return running === '' ? `${constitutive} Sitzung` : `${running}(${constitutive}) Sitzung`;
    case 'extraordinary':
      if (session.numbering === 'yearly') {
        return `${session.number}. Sonderkonferenz ${session.numberYear ?? ''}`.trimEnd();
      }
      return running === '' ? 'Sonderkonferenz' : `${running}Sitzung (Sonderkonferenz)`;
  }
};

/** How a session meets, as it follows the name in running text; nothing for a session in person. */
const formatSuffix: Record<Session['format'], string> = {
  in_person: '',
  video: ' als Videokonferenz',
  hybrid: ' in hybrider Form (vor Ort und per Video)',
};

/**
 * A session as running text names it, declined for its case and written per
 * kind and numbering rather than built from a nominative title: "die 221.
 * Sitzung der IMK", "zur 1. (konstituierenden) Sitzung der IMK", "zur 2.
 * Sonderkonferenz 2027 der IMK", "der Sonderkonferenz der IMK" (stored
 * before extraordinary sessions had their own series). With `withFormat`
 * a video or hybrid session says so: "zur 2. Sonderkonferenz 2027 der IMK
 * als Videokonferenz".
 *
 * @example
 * ```ts
 * sessionPhrase({ kind: 'constitutive', format: 'in_person', number: 1, numbering: 'running' }, { shortName: 'IMK' }, 'dative');
 * // 'zur 1. (konstituierenden) Sitzung der IMK'
 * ```
 */
export const sessionPhrase = (
  session: NamedSession,
  body: Pick<Body, 'shortName'>,
  grammaticalCase: Case,
  options: { withFormat?: boolean } = {},
): string => {
  const article = { nominative: 'die', genitive: 'der', dative: 'zur' }[grammaticalCase];
  const format = options.withFormat ? formatSuffix[session.format] : '';
  return `${article} ${noun(session, grammaticalCase)} der ${body.shortName}${format}`;
};

/** The format as a change names it: "Neues Format: Videokonferenz statt Sitzung vor Ort". */
export const formatName: Record<Session['format'], string> = {
  in_person: 'Sitzung vor Ort',
  video: 'Videokonferenz',
  hybrid: 'hybride Sitzung (vor Ort und per Video)',
};

/**
 * A session's name in its series, as a heading or a reference writes it:
 * "221. Sitzung", "1. (konstituierende) Sitzung", "2. Sonderkonferenz 2027",
 * "Sonderkonferenz".
 *
 * @example
 * ```ts
 * sessionName({ kind: 'extraordinary', format: 'video', number: 2, numbering: 'yearly', numberYear: 2027 });
 * // '2. Sonderkonferenz 2027'
 * ```
 */
export const sessionName = (session: NamedSession): string => noun(session, 'nominative');
