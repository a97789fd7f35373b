import * as z from 'zod/mini';
import {
  maxResolutionsPerProcedure,
  ResolutionInputSchema,
  VoteValueSchema,
} from './resolution.js';
import { singleLine } from './single-line.js';

export const WrittenProcedureInputSchema = z.strictObject({
  /** What the procedure is about, used as the mails' subject. */
  title: singleLine(300),
  resolutions: z
    .array(ResolutionInputSchema)
    .check(z.minLength(1), z.maxLength(maxResolutionsPerProcedure)),
  /** The answer deadline, with offset: `2027-03-20T12:00:00+01:00`. */
  deadline: z.iso.datetime({ offset: true }),
  /** A deadline nearer than the body's minimum lead (24 hours by default); recorded in the audit. */
  urgent: z.optional(z.boolean()),
  /** An exercise (Übung): every mail and page says so, and nothing of it is ever public. */
  exercise: z.optional(z.boolean()),
  /** Hours before the deadline at which those who have not answered are reminded. */
  reminderOffsetsHours: z._default(
    z.array(z.int().check(z.minimum(1), z.maximum(24 * 30))).check(z.maxLength(5)),
    [24],
  ),
});
export type WrittenProcedureInput = z.input<typeof WrittenProcedureInputSchema>;

export const WrittenProcedureSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  title: z.string(),
  deadline: z.string(),
  state: z.enum(['open', 'closed']),
  resolutionIds: z.array(z.string()),
  /** The voting members asked, and those who have answered. */
  voters: z.array(z.string()),
  answered: z.array(z.string()),
  reminderOffsetsHours: z.array(z.number()),
  remindersSent: z.array(z.number()),
  /** An exercise (Übung): every mail and page says so, and nothing of it is ever public. */
  exercise: z.optional(z.boolean()),
  closedAt: z.optional(z.string()),
  /** `secretariat`: closed by hand before the deadline. */
  closedBecause: z.optional(z.enum(['all-answered', 'deadline', 'secretariat'])),
  createdBy: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WrittenProcedure = z.infer<typeof WrittenProcedureSchema>;

/**
 * One member's copy of a written procedure: the minister it goes to, with
 * their own links and reply address. Guests get one too, for information
 * (`voting: false`): they see the texts and the result, and cannot vote.
 */
export const BallotSchema = z.object({
  id: z.string(),
  /** Copied from its procedure, so that the audit of an answer says it was an exercise. */
  exercise: z.optional(z.boolean()),
  procedureId: z.string(),
  bodyId: z.string(),
  memberId: z.string(),
  personId: z.string(),
  name: z.string(),
  /** The minister's form of address, for the mail's greeting. */
  salutation: z.optional(z.string()),
  email: z.string(),
  voting: z.boolean(),
  /** The answer per resolution id, once given. */
  votes: z.optional(z.record(z.string(), VoteValueSchema)),
  channel: z.optional(z.enum(['link', 'mail', 'secretariat'])),
  answeredAt: z.optional(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ballot = z.infer<typeof BallotSchema>;

/** True while answers are taken: open and before the deadline. */
export const isAnswerable = (procedure: WrittenProcedure, now: Date): boolean =>
  procedure.state === 'open' && now.getTime() < Date.parse(procedure.deadline);
