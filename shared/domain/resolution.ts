import * as z from 'zod/mini';
import { type DecisionRule, MemberIdSchema } from './body.js';
import { singleLine } from './single-line.js';

/** Most resolutions one session or one written procedure may carry in a transaction. */
export const maxResolutionsPerProcedure = 10;

/**
 * Caps that keep a resolution item far below DynamoDB's 400 KB item limit
 * whatever its members, links and staff do (see `worstCaseResolutionBytes`):
 * a member has at most one protocol statement, earlier wordings live in the
 * audit rather than in the item, and every list is bounded.
 */
export const resolutionLimits = {
  titleLength: 300,
  textLength: 20_000,
  reports: 20,
  /**
   * Resolutions proposed for release in one call: they, their audit and one
   * mail per Land are written in one transaction, which DynamoDB caps at
   * 4 MB (and a resolution may come near 300 KB).
   */
  releaseBatch: 12,
  reportTitleLength: 300,
  /** One statement per member, each at most this long. */
  statementLength: 2_000,
  objectionReasonLength: 500,
  deputyLength: 160,
  /** Corrections after the decision, each kept as a visible trace. */
  corrections: 10,
  /** Draft edits whose trace (who, when) stays on the resolution; all are in the audit. */
  revisionTraces: 10,
  noteLength: 500,
} as const;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const VoteValueSchema = z.enum(['yes', 'no', 'abstain', 'absent']);
export type VoteValue = z.infer<typeof VoteValueSchema>;

/** How a vote reached the product. `silence`: no answer by a written procedure's deadline. */
export const VoteChannelSchema = z.enum(['secretariat', 'link', 'mail', 'silence']);
export type VoteChannel = z.infer<typeof VoteChannelSchema>;

export const CastVoteSchema = z.object({
  vote: VoteValueSchema,
  channel: VoteChannelSchema,
  at: z.string(),
  /** Who recorded or sent it: the secretariat's address, or the minister's. */
  by: z.string(),
  /** The deputy who voted in the member's place. */
  deputy: z.optional(z.string()),
});
export type CastVote = z.infer<typeof CastVoteSchema>;

export const ResolutionStateSchema = z.enum(['draft', 'decided', 'released', 'internal']);
export type ResolutionState = z.infer<typeof ResolutionStateSchema>;

export const ReportInputSchema = z.strictObject({
  title: singleLine(resolutionLimits.reportTitleLength),
});

export const ReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Set when the release is settled: shown as "(freigegeben)" or "(nicht freigegeben)". */
  released: z.optional(z.boolean()),
});
export type Report = z.infer<typeof ReportSchema>;

export const StatementSchema = z.object({
  id: z.string(),
  /** The Länder that make the statement together. */
  memberIds: z.array(z.string()),
  text: z.string(),
  at: z.string(),
});
export type Statement = z.infer<typeof StatementSchema>;

export const RevisionSchema = z.object({
  /** `revision`: an edit of the draft; `correction`: a visible correction after the decision. */
  kind: z.enum(['revision', 'correction']),
  /**
   * The title and text as they were before this change, on revisions made
   * before earlier wordings moved to the audit; newer ones keep the wording
   * in the change's audit entry (`previous`).
   */
  title: z.optional(z.string()),
  text: z.optional(z.string()),
  at: z.string(),
  by: z.string(),
  note: z.optional(z.string()),
});
export type Revision = z.infer<typeof RevisionSchema>;

export const ReleaseSchema = z.object({
  proposedAt: z.string(),
  proposedBy: z.string(),
  /** Until then any voting Land may object; without objection the resolution is released. */
  objectionDeadline: z.string(),
  consents: z.array(z.string()),
  objections: z.array(
    z.object({
      memberId: z.string(),
      /** Objects only to these reports; absent: to the resolution as a whole. */
      reportIds: z.optional(z.array(z.string())),
      reason: z.optional(z.string()),
      at: z.string(),
    }),
  ),
  settledAt: z.optional(z.string()),
  /** Set when the chair proposed it with other resolutions of the session, answered on one page. */
  batchId: z.optional(z.string()),
});
export type Release = z.infer<typeof ReleaseSchema>;

export const TallySchema = z.object({
  yes: z.number(),
  no: z.number(),
  abstain: z.number(),
  absent: z.number(),
});
export type Tally = z.infer<typeof TallySchema>;

export const ResolutionSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  /** Set for a resolution taken in a session, on one of its agenda items. */
  sessionId: z.optional(z.string()),
  itemId: z.optional(z.string()),
  /** Set for a resolution put to the members by written procedure. */
  procedureId: z.optional(z.string()),
  /** Taken in an exercise session or procedure: never public, whatever its state. */
  exercise: z.optional(z.boolean()),
  title: z.string(),
  /** Paragraphs separated by a blank line; they are numbered when published. */
  text: z.string(),
  state: ResolutionStateSchema,
  outcome: z.optional(z.enum(['passed', 'rejected'])),
  decidedAt: z.optional(z.string()),
  tally: z.optional(TallySchema),
  votes: z.record(z.string(), CastVoteSchema),
  statements: z.array(StatementSchema),
  reports: z.array(ReportSchema),
  revisions: z.array(RevisionSchema),
  release: z.optional(ReleaseSchema),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Resolution = z.infer<typeof ResolutionSchema>;

export const ResolutionInputSchema = z.strictObject({
  title: singleLine(resolutionLimits.titleLength),
  text: text(resolutionLimits.textLength),
  reports: z._default(z.array(ReportInputSchema).check(z.maxLength(resolutionLimits.reports)), []),
});
export type ResolutionInput = z.input<typeof ResolutionInputSchema>;

export const ResolutionPatchSchema = z.strictObject({
  title: z.optional(singleLine(resolutionLimits.titleLength)),
  text: z.optional(text(resolutionLimits.textLength)),
  reports: z.optional(z.array(ReportInputSchema).check(z.maxLength(resolutionLimits.reports))),
});
export type ResolutionPatch = z.input<typeof ResolutionPatchSchema>;

export const VoteInputSchema = z.strictObject({
  vote: VoteValueSchema,
  /** The deputy voting in the member's place; taken from the attendance answer when omitted. */
  deputy: z.optional(singleLine(resolutionLimits.deputyLength)),
});

export const VotesInputSchema = z.strictObject({
  votes: z
    .array(z.strictObject({ memberId: MemberIdSchema, ...VoteInputSchema.shape }))
    .check(z.minLength(1), z.maxLength(40)),
});
export type VotesInput = z.input<typeof VotesInputSchema>;

/** The most resolutions one vote grid may name: each takes up to three items of one transaction. */
export const voteGridRows = 30;

/**
 * The votes of a session in one call: one row per resolution, each with the
 * votes of its members (members × resolutions) and, with `decide`, the
 * decision right after them.
 */
export const VoteGridInputSchema = z.strictObject({
  rows: z
    .array(
      z.strictObject({
        resolutionId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id (ULID)')),
        votes: z._default(
          z
            .array(z.strictObject({ memberId: MemberIdSchema, ...VoteInputSchema.shape }))
            .check(z.maxLength(40)),
          [],
        ),
        decide: z._default(z.boolean(), false),
      }),
    )
    .check(z.minLength(1), z.maxLength(voteGridRows)),
});
export type VoteGridInput = z.input<typeof VoteGridInputSchema>;

export const StatementInputSchema = z.strictObject({
  memberIds: z.array(MemberIdSchema).check(z.minLength(1), z.maxLength(17)),
  text: text(resolutionLimits.statementLength),
});
export type StatementInput = z.input<typeof StatementInputSchema>;

export const CorrectionInputSchema = z
  .strictObject({
    title: z.optional(singleLine(resolutionLimits.titleLength)),
    text: z.optional(text(resolutionLimits.textLength)),
    /** Why, shown with the correction wherever the resolution is published. */
    note: text(resolutionLimits.noteLength),
  })
  .check(
    z.refine((c) => c.title !== undefined || c.text !== undefined, {
      message: 'name the corrected title or text',
      path: ['text'],
    }),
  );
export type CorrectionInput = z.input<typeof CorrectionInputSchema>;

export const ReleaseProposalInputSchema = z.strictObject({
  /**
   * How long the Länder have to object, in hours (default 72); at least the
   * body's `minObjectionHours` (24 by default), unless every voting Land
   * has already consented (`consentedBy`), when it may be 0.
   */
  objectionHours: z._default(z.int().check(z.minimum(0), z.maximum(24 * 60)), 72),
  /** Länder that already consented to the release, e.g. in the session itself. */
  consentedBy: z.optional(z.array(MemberIdSchema).check(z.maxLength(17))),
});
export type ReleaseProposalInput = z.input<typeof ReleaseProposalInputSchema>;

/** The chair's proposal to release several resolutions of one session, answered on one page per Land. */
export const SessionReleaseProposalInputSchema = z.strictObject({
  /** Passed resolutions of the session; those proposed before are left as they are. */
  resolutionIds: z
    .array(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a resolution id (ULID)')))
    .check(z.minLength(1), z.maxLength(resolutionLimits.releaseBatch)),
  ...ReleaseProposalInputSchema.shape,
});
export type SessionReleaseProposalInput = z.input<typeof SessionReleaseProposalInputSchema>;

export const ReleaseAnswerInputSchema = z.strictObject({
  memberId: MemberIdSchema,
  answer: z.enum(['consent', 'object']),
  /** With `object`: the reports objected to; without, the resolution as a whole. */
  reportIds: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20))),
  reason: z.optional(text(resolutionLimits.objectionReasonLength)),
});
export type ReleaseAnswerInput = z.input<typeof ReleaseAnswerInputSchema>;

/** Who may vote: a voting member of the body. */
export interface Voter {
  memberId: string;
  voting: boolean;
}

export interface Decision {
  outcome: 'passed' | 'rejected';
  tally: Tally;
  /** Why, in one sentence. */
  reason: string;
}

/**
 * The result of a vote under the body's rule; a pure function of the rule,
 * the members and the votes. Guests are never counted; a voting member
 * without a vote counts as absent.
 *
 * - `unanimity` (the IMK): passed when at least one voting member agrees and
 *   none of those counted is against.
 * - `majority`: passed when more agree than are against.
 *
 * An abstention or an absence is left out of the count unless the rule says
 * it counts `against`; a `quorum` needs that many voting members taking part.
 *
 * @example
 * ```ts
 * decide({ kind: 'unanimity' }, members, { 'DE-HH': 'yes', 'DE-BY': 'abstain' });
 * // → { outcome: 'passed', tally: { yes: 1, no: 0, abstain: 1, absent: … }, … }
 * ```
 */
export const decide = (
  rule: DecisionRule,
  members: readonly Voter[],
  votes: Readonly<Record<string, VoteValue | undefined>>,
): Decision => {
  const tally: Tally = { yes: 0, no: 0, abstain: 0, absent: 0 };
  for (const member of members) {
    if (!member.voting) continue;
    tally[votes[member.memberId] ?? 'absent'] += 1;
  }
  const taking = tally.yes + tally.no + tally.abstain;
  const against =
    tally.no +
    (rule.abstention === 'against' ? tally.abstain : 0) +
    (rule.absence === 'against' ? tally.absent : 0);
  const result = (passed: boolean, reason: string): Decision => ({
    outcome: passed ? 'passed' : 'rejected',
    tally,
    reason,
  });
  if (rule.quorum !== undefined && taking < rule.quorum) {
    return result(false, `Only ${taking} voting members took part; the quorum is ${rule.quorum}.`);
  }
  if (rule.kind === 'unanimity') {
    if (tally.yes === 0) return result(false, 'No voting member agreed.');
    if (against > 0) return result(false, `${against} of the counted votes are against.`);
    return result(true, `Unanimous: ${tally.yes} in favour, none against.`);
  }
  return tally.yes > against
    ? result(true, `Majority: ${tally.yes} in favour, ${against} against.`)
    : result(false, `No majority: ${tally.yes} in favour, ${against} against.`);
};

/** The vote that a written-procedure silence counts as, by the body's rule. */
export const silenceVote = (rule: DecisionRule): VoteValue =>
  rule.silence === 'agreed' ? 'yes' : rule.silence === 'abstain' ? 'abstain' : 'no';

/** The text's paragraphs, without any numbering the author typed (they are numbered when shown). */
export const paragraphs = (value: string): string[] =>
  value
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.replace(/^\s*\d+\.\s+/, '').trim())
    .filter((paragraph) => paragraph.length > 0);

/**
 * Where a release proposal stands: released when no voting Land objected to
 * the resolution and the period is over or all voting Länder consented;
 * internal as soon as one objects; otherwise still pending.
 */
export const releaseOutcome = (
  release: Release,
  votingMemberIds: readonly string[],
  now: Date,
): 'released' | 'internal' | 'pending' => {
  if (release.objections.some((objection) => objection.reportIds === undefined)) return 'internal';
  const everyoneConsented = votingMemberIds.every((id) => release.consents.includes(id));
  if (everyoneConsented || now.getTime() >= Date.parse(release.objectionDeadline))
    return 'released';
  return 'pending';
};

/** The reports with their release tag set: released unless a Land objected to that report. */
export const settleReports = (reports: readonly Report[], release: Release): Report[] =>
  reports.map((report) => ({
    ...report,
    released: !release.objections.some((objection) => objection.reportIds?.includes(report.id)),
  }));

/**
 * A member's protocol statement, replacing any earlier one of the same
 * members: each member has at most one statement per resolution. A joint
 * statement that named one of them keeps the others. Returns the new list and
 * the texts replaced, for the audit.
 *
 * @example
 * ```ts
 * withStatement(statements, { id, memberIds: ['DE-BY'], text: 'Neu.', at });
 * // → { statements: [..., { memberIds: ['DE-BY'], text: 'Neu.' }], replaced: ['Alt.'] }
 * ```
 */
export const withStatement = (
  statements: readonly Statement[],
  statement: Statement,
): { statements: Statement[]; replaced: Statement[] } => {
  const named = new Set(statement.memberIds);
  const replaced = statements.filter((s) => s.memberIds.some((id) => named.has(id)));
  const kept = statements.flatMap((s) => {
    const others = s.memberIds.filter((id) => !named.has(id));
    if (others.length === s.memberIds.length) return [s];
    return others.length === 0 ? [] : [{ ...s, memberIds: others }];
  });
  return { statements: [...kept, statement], replaced };
};

/** True when the members already stand behind exactly this statement, alone. */
export const hasStatement = (
  statements: readonly Statement[],
  memberIds: readonly string[],
  text: string,
): boolean =>
  statements.some(
    (s) => s.text === text && [...s.memberIds].sort().join() === [...memberIds].sort().join(),
  );

/**
 * The revision traces after one more: corrections are all kept (there are at
 * most `resolutionLimits.corrections`), draft edits only the latest few;
 * every earlier wording stays in the audit.
 */
export const withRevision = (revisions: readonly Revision[], revision: Revision): Revision[] => {
  const all = [...revisions, revision];
  const drafts = all.filter((r) => r.kind === 'revision');
  const dropped = new Set(
    drafts.slice(0, Math.max(0, drafts.length - resolutionLimits.revisionTraces)),
  );
  return all.filter((r) => !dropped.has(r));
};
