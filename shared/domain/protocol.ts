import type { AnswerChannel, BoardLine } from './invitation.js';
import type { ResolutionState, Tally, VoteChannel, VoteValue } from './resolution.js';

/**
 * The result protocol (Ergebnisniederschrift) of a session: what it records,
 * collected once from the session, its attendance and its resolutions. A
 * draft is collected anew on every request; the chair's approval freezes
 * one collection, and every later request renders that one.
 */

/** One member's line of the attendance. */
export interface ProtocolAttendance {
  memberId: string;
  member: string;
  voting: boolean;
  status: BoardLine['status'];
  /** Who attended: the minister, or the deputy in the minister's place. */
  attendee?: string;
  /** For a deputy: the minister they stood in for. */
  deputyFor?: string;
  channel?: AnswerChannel;
  /** Set when an office or another sender answered for the minister. */
  answeredBy?: string;
}

/** One voting member's vote on a resolution; `undefined` when none was recorded. */
export interface ProtocolVote {
  memberId: string;
  member: string;
  vote: VoteValue | undefined;
  deputy?: string;
  channel?: VoteChannel;
}

export interface ProtocolResolution {
  id: string;
  title: string;
  paragraphs: string[];
  state: ResolutionState;
  outcome?: 'passed' | 'rejected';
  decidedAt?: string;
  rule: 'unanimity' | 'majority';
  tally?: Tally;
  votes: ProtocolVote[];
  statements: { members: string[]; text: string }[];
  reports: { title: string; released?: boolean }[];
  /** The release for publication: proposed (with its deadline) and, once settled, when. */
  release?: { proposedAt: string; objectionDeadline: string; settledAt?: string };
}

export interface ProtocolItem {
  id: string;
  number: string;
  title: string;
  /** A confidential item: only the secretariat, the chair and admins read it. */
  confidential: boolean;
  resolutions: ProtocolResolution[];
}

/** Everything the protocol shows, in the order it shows it. */
export interface ProtocolContent {
  body: { id: string; name: string; shortName: string };
  session: {
    id: string;
    number: number;
    title: string;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    exercise: boolean;
  };
  /** "Ergebnisniederschrift über die 221. Sitzung der Ständigen Konferenz … am 3. März 2027 in Hamburg". */
  heading: string;
  /** "3.–6. März 2027" or "10. Mai 2027, 18:00–19:00 Uhr". */
  dates: string;
  /** "Ratsstube, Hamburger Rathaus, Hamburg", "Videokonferenz" or both. */
  venue: string;
  /** The member that chaired the session ("Hamburg"), when known. */
  chair?: string;
  attendance: ProtocolAttendance[];
  items: ProtocolItem[];
}

/** The chair's approval of a protocol: the frozen content, numbered and signed. */
export interface ProtocolRecord {
  sessionId: string;
  bodyId: string;
  /** The protocol's number in its session: 1 for the first approved version. */
  number: number;
  exercise?: boolean;
  approvedBy: string;
  approvedAt: string;
  content: ProtocolContent;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A body's name as it follows "der" in the genitive: "Ständigen Konferenz der
 * Innenminister und -senatoren der Länder" for "Ständige Konferenz …". A
 * name this cannot decline (other than a feminine noun, possibly after one
 * adjective) stands as its short name ("IMAS"), which needs no declension.
 *
 * @example
 * ```ts
 * genitiveName({ name: 'Ständige Konferenz der Innenminister und -senatoren der Länder', shortName: 'IMK' });
 * // 'Ständigen Konferenz der Innenminister und -senatoren der Länder'
 * ```
 */
export const genitiveName = (body: { name: string; shortName: string }): string => {
  const feminine = /^(?:(\p{Lu}\p{Ll}+e) )?(Konferenz|Kommission|Runde|Arbeitsgruppe|Gruppe)\b/u;
  const match = feminine.exec(body.name);
  if (match === null) return body.shortName;
  return match[1] === undefined ? body.name : body.name.replace(match[1], `${match[1]}n`);
};

/** What a reader gets: the content they may read, and whether it is a draft or approved. */
export interface ProtocolView {
  content: ProtocolContent;
  /** Confidential items left out for this reader. */
  withheldItems: number;
  approval?: { number: number; approvedBy: string; approvedAt: string };
}

/**
 * The protocol as one reader may read it: without the confidential items
 * for those who may not read them, saying how many were left out.
 *
 * @example
 * ```ts
 * protocolForReader(content, can(principal, 'agenda:read-confidential', bodyId));
 * ```
 */
export const protocolForReader = (
  content: ProtocolContent,
  readsConfidential: boolean,
): { content: ProtocolContent; withheldItems: number } => {
  if (readsConfidential) return { content, withheldItems: 0 };
  const items = content.items.filter((item) => !item.confidential);
  return { content: { ...content, items }, withheldItems: content.items.length - items.length };
};

/** How the protocol names a vote. */
export const protocolVoteNames: Record<VoteValue, string> = {
  yes: 'Ja',
  no: 'Nein',
  abstain: 'Enthaltung',
  absent: 'nicht teilgenommen',
};

/** How a vote reached the secretariat, as the protocol says it. */
export const protocolVoteChannels: Record<VoteChannel, string> = {
  secretariat: 'in der Sitzung',
  link: 'per Link',
  mail: 'per E-Mail',
  silence: 'durch Schweigen',
};

/** How an answer to the invitation reached the secretariat. */
export const protocolAnswerChannels: Record<AnswerChannel, string> = {
  link: 'per Link',
  calendar: 'über den Kalender',
  mail: 'per E-Mail',
  secretariat: 'über die Geschäftsstelle',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The tally as the protocol writes it; absences only when there are any.
 *
 * @example
 * ```ts
 * tallyText({ yes: 15, no: 0, abstain: 1, absent: 0 }); // '15 Ja, 0 Nein, 1 Enthaltung'
 * ```
 */
export const tallyText = (tally: Tally): string =>
  [
    `${tally.yes} Ja`,
    `${tally.no} Nein`,
    plural(tally.abstain, 'Enthaltung', 'Enthaltungen'),
    ...(tally.absent > 0 ? [`${tally.absent} nicht teilgenommen`] : []),
  ].join(', ');

/**
 * The outcome of a resolution in one sentence: "Einstimmig beschlossen.",
 * "Beschlossen bei 1 Enthaltung (15 Ja, 0 Nein, 1 Enthaltung).", "Mit
 * Mehrheit beschlossen (…).", "Abgelehnt (…).", or for a draft "Noch nicht
 * beschlossen."
 *
 * @example
 * ```ts
 * outcomeText({ state: 'decided', outcome: 'passed', rule: 'unanimity', tally: { yes: 16, no: 0, abstain: 0, absent: 0 } });
 * // 'Einstimmig beschlossen (16 Ja, 0 Nein, 0 Enthaltungen).'
 * ```
 */
export const outcomeText = (
  resolution: Pick<ProtocolResolution, 'state' | 'outcome' | 'rule' | 'tally'>,
): string => {
  const { tally, outcome } = resolution;
  if (resolution.state === 'draft' || outcome === undefined || tally === undefined) {
    return 'Noch nicht beschlossen.';
  }
  const counts = `(${tallyText(tally)})`;
  if (outcome === 'rejected') return `Abgelehnt ${counts}.`;
  if (resolution.rule === 'majority') return `Mit Mehrheit beschlossen ${counts}.`;
  if (tally.abstain > 0) {
    return `Beschlossen bei ${plural(tally.abstain, 'Enthaltung', 'Enthaltungen')} ${counts}.`;
  }
  return `Einstimmig beschlossen ${counts}.`;
};

/**
 * Where a resolution's release for publication stands, as the protocol
 * says it; `format` writes a date in the session's zone.
 *
 * @example
 * ```ts
 * releaseText({ state: 'internal' }, format);
 * // 'Nicht zur Veröffentlichung freigegeben: ein Land hat widersprochen (intern).'
 * ```
 */
export const releaseText = (
  resolution: Pick<ProtocolResolution, 'state' | 'outcome' | 'release'>,
  format: (at: string) => string,
): string => {
  switch (resolution.state) {
    case 'draft':
      return 'Nicht zur Veröffentlichung freigegeben (Entwurf).';
    case 'released':
      return `Zur Veröffentlichung freigegeben am ${format(resolution.release?.settledAt ?? '')}.`;
    case 'internal':
      return 'Nicht zur Veröffentlichung freigegeben: ein Land hat widersprochen (intern).';
    case 'decided':
      if (resolution.release !== undefined) {
        return `Freigabe zur Veröffentlichung vorgeschlagen; Widerspruchsfrist bis ${format(resolution.release.objectionDeadline)}.`;
      }
      return resolution.outcome === 'rejected'
        ? 'Abgelehnt; keine Veröffentlichung.'
        : 'Freigabe zur Veröffentlichung noch nicht vorgeschlagen.';
  }
};

/**
 * A member's attendance in one line: "Dr. A. Muster (Zusage per Link)",
 * "vertreten durch B. Beispiel für Dr. A. Muster (Rückmeldung per E-Mail)".
 *
 * @example
 * ```ts
 * attendanceText({ memberId: 'DE-HH', member: 'Hamburg', voting: true, status: 'accepted', attendee: 'A. Senatorin', channel: 'link' });
 * // 'A. Senatorin (Zusage per Link)'
 * ```
 */
export const attendanceText = (line: ProtocolAttendance): string => {
  const via = line.channel === undefined ? '' : ` ${protocolAnswerChannels[line.channel]}`;
  const by = line.answeredBy === undefined ? '' : `, durch ${line.answeredBy}`;
  switch (line.status) {
    case 'accepted':
      return `${line.attendee ?? line.member} (Zusage${via}${by})`;
    case 'tentative':
      return `${line.attendee ?? line.member} (Zusage unter Vorbehalt${via}${by})`;
    case 'represented': {
      const deputy = line.attendee ?? 'vertreten';
      const forWhom = line.deputyFor === undefined ? '' : ` für ${line.deputyFor}`;
      return `${deputy}${forWhom} (Rückmeldung${via}${by})`;
    }
    case 'declined':
      return `entschuldigt (Absage${via}${by})`;
    case 'pending':
      return 'ohne Rückmeldung';
    case 'not_invited':
      return 'nicht eingeladen';
  }
};

/**
 * One Land's vote as the protocol lists it: "Bayern: Ja", "Sachsen: Nein
 * (vertreten durch B. Beispiel, per Link)", "Berlin: keine Stimme erfasst".
 *
 * @example
 * ```ts
 * voteLine({ memberId: 'DE-BY', member: 'Bayern', vote: 'yes', channel: 'secretariat' }); // 'Bayern: Ja'
 * ```
 */
export const voteLine = (vote: ProtocolVote): string => {
  if (vote.vote === undefined) return `${vote.member}: keine Stimme erfasst`;
  const details = [
    ...(vote.deputy === undefined ? [] : [`vertreten durch ${vote.deputy}`]),
    ...(vote.channel === undefined || vote.channel === 'secretariat'
      ? []
      : [protocolVoteChannels[vote.channel]]),
  ];
  const more = details.length === 0 ? '' : ` (${details.join(', ')})`;
  return `${vote.member}: ${protocolVoteNames[vote.vote]}${more}`;
};

/**
 * The protocol's closing line: who approved it and when, or that it is a
 * draft; `format` writes a time in the session's zone.
 *
 * @example
 * ```ts
 * approvalLine(view, (at) => germanDateTime(at, 'Europe/Berlin'));
 * // 'Freigegeben durch den Vorsitz (vorsitz@de-hh.example.org) am 8. März 2027, 10:30 Uhr; Fassung 1.'
 * ```
 */
export const approvalLine = (view: ProtocolView, format: (at: string) => string): string =>
  view.approval === undefined
    ? 'Entwurf – noch nicht vom Vorsitz freigegeben.'
    : `Freigegeben durch den Vorsitz (${view.approval.approvedBy}) am ${format(view.approval.approvedAt)}; Fassung ${view.approval.number}.`;

/** The mark of a protocol not yet approved, on every page. */
export const draftMark = 'Entwurf – nicht freigegeben';
