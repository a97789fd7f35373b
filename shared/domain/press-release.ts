import * as z from 'zod/mini';
import { BodyIdSchema, EmailSchema } from './body.js';
import { singleLine } from './single-line.js';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id (ULID)'));

export const ContactSchema = z.strictObject({
  name: singleLine(120),
  role: z.optional(singleLine(120)),
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ()/-]{5,30}$/, 'a phone number'))),
  email: z.optional(EmailSchema),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ImageSchema = z.strictObject({
  url: z.url({ protocol: /^https$/, hostname: z.regexes.domain }).check(z.maxLength(1000)),
  alt: singleLine(300),
  caption: z.optional(singleLine(300)),
});
export type Image = z.infer<typeof ImageSchema>;

/**
 * Placeholders a body may use; their values are read live while drafting and
 * frozen when the chair approves: `{{teilnahme}}` (who has confirmed so far),
 * `{{beschluesse}}` (the titles of the session's released resolutions),
 * `{{termin}}` (the session's dates), `{{ort}}` (its place).
 */
export const factPlaceholders = ['teilnahme', 'beschluesse', 'termin', 'ort'] as const;

export const PressReleaseInputSchema = z.strictObject({
  bodyId: BodyIdSchema,
  title: singleLine(200),
  /** The place line before the text, e.g. "HAMBURG". */
  dateline: singleLine(60),
  /** Markdown; rendered to sanitised HTML. May use the fact placeholders. */
  body: text(50_000),
  contacts: z._default(z.array(ContactSchema).check(z.maxLength(5)), []),
  /** The session the release is about; the placeholders read its facts. */
  sessionId: z.optional(ulid),
  images: z._default(z.array(ImageSchema).check(z.maxLength(5)), []),
});
export type PressReleaseInput = z.input<typeof PressReleaseInputSchema>;

export const PressReleasePatchSchema = z.strictObject({
  title: z.optional(singleLine(200)),
  dateline: z.optional(singleLine(60)),
  body: z.optional(text(50_000)),
  contacts: z.optional(z.array(ContactSchema).check(z.maxLength(5))),
  sessionId: z.optional(ulid),
  images: z.optional(z.array(ImageSchema).check(z.maxLength(5))),
});
export type PressReleasePatch = z.input<typeof PressReleasePatchSchema>;

export const PressReleaseStateSchema = z.enum([
  'draft',
  'submitted',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
]);
export type PressReleaseState = z.infer<typeof PressReleaseStateSchema>;

export const FactsSchema = z.object({
  attendance: z.optional(z.string()),
  resolutions: z.optional(z.array(z.string())),
  dates: z.optional(z.string()),
  place: z.optional(z.string()),
});
export type Facts = z.infer<typeof FactsSchema>;

export const PressReleaseSchema = z.object({
  id: z.string(),
  bodyId: z.string(),
  sessionId: z.optional(z.string()),
  title: z.string(),
  dateline: z.string(),
  body: z.string(),
  contacts: z.array(ContactSchema),
  images: z.array(ImageSchema),
  state: PressReleaseStateSchema,
  /** Comments of the chair when a release went back to draft. */
  comments: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  /** The live facts, frozen at approval. */
  facts: z.optional(FactsSchema),
  /** The body rendered to sanitised HTML at approval (and at each correction). */
  html: z.optional(z.string()),
  approvedAt: z.optional(z.string()),
  approvedBy: z.optional(z.string()),
  /** Sperrfrist: nothing public before this instant. */
  embargoUntil: z.optional(z.string()),
  /** Whether the press list gets it in advance, marked with the embargo. */
  preSend: z.optional(z.boolean()),
  /** When it becomes (or became) public: the embargo, or the moment of publication. */
  publishAt: z.optional(z.string()),
  /** Earlier wordings of a published release, newest last. */
  revisions: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      title: z.string(),
      body: z.string(),
      note: z.string(),
    }),
  ),
  correctedAt: z.optional(z.string()),
  /**
   * A correction the press office submitted to a release that is out or
   * scheduled: it takes effect only when the chair (or an admin) approves
   * it; until then the approved wording stands.
   */
  pendingCorrection: z.optional(
    z.object({
      title: z.optional(z.string()),
      body: z.optional(z.string()),
      note: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
  withdrawnAt: z.optional(z.string()),
  withdrawnReason: z.optional(z.string()),
  createdBy: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PressRelease = z.infer<typeof PressReleaseSchema>;

export const ReturnInputSchema = z.strictObject({ comment: text(2_000) });

export const ApproveInputSchema = z.strictObject({
  /** Sperrfrist, with offset; absent or past: published at once. */
  embargoUntil: z.optional(z.iso.datetime({ offset: true })),
  /** Send to the press list now, marked "Sperrfrist: …" (only with an embargo). */
  preSend: z._default(z.boolean(), false),
});
export type ApproveInput = z.input<typeof ApproveInputSchema>;

export const CorrectionInputSchema = z
  .strictObject({
    title: z.optional(singleLine(200)),
    body: z.optional(text(50_000)),
    note: text(500),
  })
  .check(
    z.refine((c) => c.title !== undefined || c.body !== undefined, {
      message: 'name the corrected title or body',
      path: ['body'],
    }),
  );
export type PressCorrectionInput = z.input<typeof CorrectionInputSchema>;

export const WithdrawInputSchema = z.strictObject({ reason: text(500) });

/**
 * True when the public may see the release at `now`: published, or
 * scheduled and its embargo has come, to the millisecond. Public reads use
 * this (or the same bound in a key condition), never the scheduler's
 * progress, so nothing appears early and nothing waits for a sweep.
 */
export const isPublicAt = (release: PressRelease, now: Date): boolean =>
  (release.state === 'published' || release.state === 'scheduled') &&
  release.publishAt !== undefined &&
  Date.parse(release.publishAt) <= now.getTime();

/** Fills the fact placeholders; unknown ones stay as written. */
export const fillFacts = (body: string, facts: Facts): string =>
  body.replace(/\{\{\s*(teilnahme|beschluesse|termin|ort)\s*\}\}/g, (whole, name: string) => {
    const value = {
      teilnahme: facts.attendance,
      beschluesse:
        facts.resolutions === undefined
          ? undefined
          : facts.resolutions.map((title) => `- ${title}`).join('\n'),
      termin: facts.dates,
      ort: facts.place,
    }[name];
    return value ?? whole;
  });

/**
 * Work the scheduled jobs do for a release: publish it when its embargo
 * comes (`publish`), or mail it to the confirmed press list in batches
 * (`mail`, with the cursor of the next batch). Stored beside the release.
 */
export interface PressJob {
  releaseId: string;
  kind: 'publish' | 'mail';
  /** For `mail`: sent in advance under embargo, or at publication. */
  mailing?: 'embargo' | 'publication' | 'correction';
  dueAt: string;
  /** For `mail`: where the next batch of subscribers starts. */
  cursor?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What the public sees of a release: no workflow, no comments, no earlier drafts. */
export const PublicPressReleaseSchema = z.object({
  id: z.string(),
  title: z.string(),
  dateline: z.string(),
  /** Sanitised HTML, rendered at approval. */
  html: z.string(),
  contacts: z.array(ContactSchema),
  images: z.array(ImageSchema),
  publishedAt: z.string(),
  /** Set when the release was corrected ("korrigiert"). */
  correctedAt: z.optional(z.string()),
});
export type PublicPressRelease = z.infer<typeof PublicPressReleaseSchema>;

/** The public projection of a release. */
export const publicView = (release: PressRelease): PublicPressRelease => ({
  id: release.id,
  title: release.title,
  dateline: release.dateline,
  html: release.html ?? '',
  contacts: release.contacts,
  images: release.images,
  publishedAt: release.publishAt ?? '',
  ...(release.correctedAt ? { correctedAt: release.correctedAt } : {}),
});
