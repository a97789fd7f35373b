import * as z from 'zod/mini';
import { MemberIdSchema } from './body.js';
import { singleLine } from './single-line.js';

/**
 * Who may see a paper:
 * - `public`: anyone who may see its agenda item; once the item is released, the public;
 * - `internal`: the body's registered people and the session's invitees;
 * - `confidential`: the body's registered people only, and never as a mail attachment.
 */
export const PaperClassificationSchema = z.enum(['public', 'internal', 'confidential']);
export type PaperClassification = z.infer<typeof PaperClassificationSchema>;

/** What a paper is to its agenda item: a report, a draft resolution, or something else. */
export const PaperKindSchema = z.enum(['report', 'draft-resolution', 'other']);
export type PaperKind = z.infer<typeof PaperKindSchema>;

/** The file formats a paper may have, told by the file's content, never by its name. */
export const PaperFormatSchema = z.enum(['pdf', 'docx', 'xlsx', 'odt', 'png', 'jpeg']);
export type PaperFormat = z.infer<typeof PaperFormatSchema>;

export const paperContentTypes: Record<PaperFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/**
 * Where a file's malware scan stands:
 * - `pending`: uploaded, the scan's result has not come yet (not shared);
 * - `clean`: the scan found nothing (shared);
 * - `unchecked`: the local stack has no scanner; shared, and shown as "lokal nicht geprüft";
 * - `threat`: the scan found malware: quarantined, never shared;
 * - `failed`: the scan could not read the file (unsupported, denied, failed): not shared.
 */
export const ScanStateSchema = z.enum(['pending', 'clean', 'unchecked', 'threat', 'failed']);
export type ScanState = z.infer<typeof ScanStateSchema>;

/** True when a file with this scan state may be handed out. */
export const isShareable = (scan: ScanState) => scan === 'clean' || scan === 'unchecked';

export const PaperVersionSchema = z.object({
  number: z.number(),
  objectKey: z.string(),
  fileName: z.string(),
  format: PaperFormatSchema,
  bytes: z.number(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  scan: ScanStateSchema,
  scannedAt: z.optional(z.string()),
  threats: z.optional(z.array(z.string())),
  /** When this version was first handed out (its scan allowed it): papers sent later name it. */
  sharedAt: z.optional(z.string()),
});
export type PaperVersion = z.infer<typeof PaperVersionSchema>;

export const PaperSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  bodyId: z.string(),
  agendaItemId: z.string(),
  title: z.string(),
  kind: PaperKindSchema,
  /** The member that submitted it (the registering Land, the working group's chair). */
  authorMemberId: z.optional(z.string()),
  classification: PaperClassificationSchema,
  /** Oldest first; the last is the current version. A new version keeps the old ones. */
  versions: z.array(PaperVersionSchema),
  /** Kept beyond the body's retention period (never deleted by the retention sweep). */
  keep: z.optional(z.boolean()),
  /** When the retention sweep deletes the paper's files (session date plus the body's months). */
  deleteAfter: z.string(),
  /** Deleted by the retention sweep (or the secretariat): the record stays, the files are gone. */
  deletedAt: z.optional(z.string()),
  exercise: z.optional(z.boolean()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Paper = z.infer<typeof PaperSchema>;

/** The current (newest) version of a paper. */
export const currentVersion = (paper: Paper): PaperVersion =>
  paper.versions[paper.versions.length - 1] as PaperVersion;

/** The newest version that may be handed out, if any (a newer one may still be in its scan). */
export const sharedVersion = (paper: Paper): PaperVersion | undefined =>
  paper.deletedAt === undefined
    ? [...paper.versions].reverse().find((version) => isShareable(version.scan))
    : undefined;

/** An upload the store was asked for: a form to post one file to, valid for a short time. */
export const PaperUploadSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  bodyId: z.string(),
  objectKey: z.string(),
  maxBytes: z.number(),
  /** The name the file had on the uploader's computer. */
  fileName: z.optional(z.string()),
  requestedBy: z.string(),
  /** The paper and version the file became. */
  attachedTo: z.optional(z.object({ paperId: z.string(), version: z.number() })),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Epoch seconds; an upload never attached is forgotten after two days. */
  expiresAt: z.number(),
});
export type PaperUpload = z.infer<typeof PaperUploadSchema>;

/**
 * Papers were added to a session after its invitations went out: the
 * "Unterlagen nachgereicht" mails are due at `dueAt` (batched, at most one
 * per person and hour).
 */
export const PaperNoticeJobSchema = z.object({
  sessionId: z.string(),
  dueAt: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PaperNoticeJob = z.infer<typeof PaperNoticeJobSchema>;

export const UploadRequestSchema = z.strictObject({
  /** The file's name as the person's computer has it; only used to name the download. */
  fileName: singleLine(200),
});
export type UploadRequestInput = z.input<typeof UploadRequestSchema>;

/** The id of an upload or a paper: a ULID. */
const UlidSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id (ULID)'));

export const AttachPaperSchema = z.strictObject({
  uploadId: UlidSchema,
  title: singleLine(300),
  kind: z._default(PaperKindSchema, 'report'),
  authorMemberId: z.optional(MemberIdSchema),
  classification: PaperClassificationSchema,
  /** A new version of this paper of the same agenda item, instead of a new paper. */
  paperId: z.optional(UlidSchema),
  /** The file name of the download; the name given with the upload when left out. */
  fileName: z.optional(singleLine(200)),
});
export type AttachPaperInput = z.input<typeof AttachPaperSchema>;

/** German words for the kind of a paper, as lists and mails name it. */
export const paperKindLabel: Record<PaperKind, string> = {
  report: 'Bericht',
  'draft-resolution': 'Beschlussvorschlag',
  other: 'Unterlage',
};

/** German words for a classification. */
export const classificationLabel: Record<PaperClassification, string> = {
  public: 'öffentlich',
  internal: 'intern',
  confidential: 'vertraulich',
};

/** German words for a file format. */
export const formatLabel: Record<PaperFormat, string> = {
  pdf: 'PDF',
  docx: 'Word',
  xlsx: 'Excel',
  odt: 'OpenDocument-Text',
  png: 'PNG-Bild',
  jpeg: 'JPEG-Bild',
};

/** "1,2 MB", "850 KB": a file size as German lists give it. */
export const germanFileSize = (bytes: number): string => {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
};

/**
 * Who reads a paper:
 * - `staff`: the secretariat, chair or press office of the body (everything);
 * - `registered`: a registered person of the body;
 * - `invitee`: someone invited to the session who is not registered (a deputy, a guest);
 * - `public`: anyone.
 */
export type PaperReader = 'staff' | 'registered' | 'invitee' | 'public';

/**
 * True when a reader may see a paper of this classification.
 *
 * @example
 * ```ts
 * maySeePaper('invitee', 'confidential'); // false
 * ```
 */
export const maySeePaper = (reader: PaperReader, classification: PaperClassification): boolean => {
  switch (reader) {
    case 'staff':
    case 'registered':
      return true;
    case 'invitee':
      return classification !== 'confidential';
    case 'public':
      return classification === 'public';
  }
};
