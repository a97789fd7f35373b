import type { Member } from './body.js';
import type { AnswerChannel, Invitation } from './invitation.js';

/** How long one invitee took: from their mail leaving to their answer. */
export interface ReachabilityPerson {
  memberId: string;
  name: string;
  capacity: Invitation['capacity'];
  /** When the mail left (the mailer's send, recorded for exercises), or else when it was queued. */
  sentAt: string;
  answeredAt?: string;
  channel?: AnswerChannel;
  /** Seconds from the mail to the answer; absent without an answer. */
  seconds?: number;
  /** Answered within the report's minutes. */
  reached: boolean;
}

/** How long one member took: from its first mail to the first answer of any of its people. */
export interface ReachabilityMember {
  memberId: string;
  name: string;
  voting: boolean;
  firstSentAt: string;
  answeredAt?: string;
  /** Who answered first for the member, and how. */
  answeredBy?: { name: string; capacity: Invitation['capacity'] };
  channel?: AnswerChannel;
  seconds?: number;
  reached: boolean;
}

/** The figures of one drill, to compare drills of a body. */
export interface ReachabilitySummary {
  /** Members invited. */
  invited: number;
  /** Members who answered at all. */
  answered: number;
  /** Median seconds of the members who answered. */
  medianSeconds?: number;
  /** The member that answered last, and its seconds. */
  slowest?: { memberId: string; name: string; seconds: number };
  /** Members without an answer within the minutes. */
  notReached: { memberId: string; name: string }[];
  /** Per channel of the first answers: how many, and their median seconds. */
  byChannel: Partial<Record<AnswerChannel, { count: number; medianSeconds: number }>>;
}

export interface Reachability {
  withinMinutes: number;
  members: ReachabilityMember[];
  people: ReachabilityPerson[];
  summary: ReachabilitySummary;
}

const secondsBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * The median of some numbers (the mean of the middle two for an even count).
 *
 * @example
 * ```ts
 * median([60, 240, 120]); // 120
 * ```
 */
export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
};

/** When an invitee's mail left: the recorded send, else the time it was queued. */
export const sentAtOf = (invitation: Invitation): string =>
  invitation.mailedAt ?? invitation.createdAt;

/**
 * Measures a session's reachability: per person and per member the time
 * from the mail leaving to the answer, by channel; the median and the
 * slowest member; and who was not reached within `withinMinutes`. Only
 * invitations that stand or stood count (a deputy awaiting the secretariat
 * had no mail).
 *
 * @example
 * ```ts
 * const report = reachability(members, invitations, 15);
 * report.summary.notReached; // [{ memberId: 'th-tmdi', name: 'Ministerium für Digitales und Infrastruktur' }]
 * ```
 */
export const reachability = (
  members: readonly Member[],
  invitations: readonly Invitation[],
  withinMinutes: number,
): Reachability => {
  const limit = withinMinutes * 60;
  const mailed = invitations.filter((invitation) => invitation.state !== 'pending');
  const people = mailed.map((invitation): ReachabilityPerson => {
    const sentAt = sentAtOf(invitation);
    const answer = invitation.answer;
    const seconds = answer === undefined ? undefined : secondsBetween(sentAt, answer.at);
    return {
      memberId: invitation.memberId,
      name: invitation.name,
      capacity: invitation.capacity,
      sentAt,
      ...(answer === undefined ? {} : { answeredAt: answer.at, channel: answer.channel, seconds }),
      reached: seconds !== undefined && seconds <= limit,
    };
  });
  const lines = members.flatMap((member): ReachabilityMember[] => {
    const own = mailed.filter((invitation) => invitation.memberId === member.memberId);
    if (own.length === 0) return [];
    const firstSentAt = own.map(sentAtOf).sort()[0] ?? '';
    const first = own
      .filter((invitation) => invitation.answer !== undefined)
      .sort((a, b) => (a.answer?.at ?? '').localeCompare(b.answer?.at ?? ''))[0];
    const base = { memberId: member.memberId, name: member.name, voting: member.voting };
    if (first?.answer === undefined) return [{ ...base, firstSentAt, reached: false }];
    const seconds = secondsBetween(firstSentAt, first.answer.at);
    return [
      {
        ...base,
        firstSentAt,
        answeredAt: first.answer.at,
        answeredBy: { name: first.name, capacity: first.capacity },
        channel: first.answer.channel,
        seconds,
        reached: seconds <= limit,
      },
    ];
  });
  return { withinMinutes, members: lines, people, summary: summarise(lines) };
};

/** The figures of a drill from its member lines. */
const summarise = (lines: readonly ReachabilityMember[]): ReachabilitySummary => {
  const answered = lines.filter((line) => line.seconds !== undefined);
  const slowest = [...answered].sort((a, b) => (b.seconds ?? 0) - (a.seconds ?? 0))[0];
  const byChannel: ReachabilitySummary['byChannel'] = {};
  for (const channel of new Set(answered.map((line) => line.channel))) {
    if (channel === undefined) continue;
    const seconds = answered
      .filter((line) => line.channel === channel)
      .map((line) => line.seconds ?? 0);
    byChannel[channel] = { count: seconds.length, medianSeconds: median(seconds) ?? 0 };
  }
  const medianSeconds = median(answered.map((line) => line.seconds ?? 0));
  return {
    invited: lines.length,
    answered: answered.length,
    ...(medianSeconds === undefined ? {} : { medianSeconds }),
    ...(slowest?.seconds === undefined
      ? {}
      : { slowest: { memberId: slowest.memberId, name: slowest.name, seconds: slowest.seconds } }),
    notReached: lines
      .filter((line) => !line.reached)
      .map((line) => ({ memberId: line.memberId, name: line.name })),
    byChannel,
  };
};

/**
 * Seconds the German way, as a drill report shows them: "45 s", "4 min 05 s", "1 h 02 min".
 *
 * @example
 * ```ts
 * germanDuration(245); // '4 min 05 s'
 * ```
 */
export const germanDuration = (seconds: number): string => {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};
