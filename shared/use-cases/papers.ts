import { ulid } from 'ulid';
import type { AgendaItem } from '../domain/agenda.js';
import { type BodyWithMembers, isRegisteredPerson } from '../domain/body.js';
import {
  ConflictError,
  FileTooLargeError,
  NotFoundError,
  UnprocessableError,
} from '../domain/errors.js';
import { type Invitation, isActive } from '../domain/invitation.js';
import { signLink, verifyLink } from '../domain/link-token.js';
import { msg } from '../domain/messages.js';
import {
  type AttachPaperInput,
  AttachPaperSchema,
  isShareable,
  maySeePaper,
  type Paper,
  type PaperFormat,
  type PaperReader,
  type PaperUpload,
  type PaperVersion,
  paperContentTypes,
  type ScanState,
  sharedVersion,
  type UploadRequestInput,
  UploadRequestSchema,
} from '../domain/paper.js';
import { can, requirePermission } from '../domain/policy.js';
import type { Resolution } from '../domain/resolution.js';
import {
  paperRetentionClass,
  retentionDeletionDate,
  retentionTagKey,
} from '../domain/retention.js';
import type { Session } from '../domain/session.js';
import { paperFormatOf, sniffBytes } from '../papers/file-format.js';
import type { Change } from '../ports/conference-repository.js';
import type { ObjectStore } from '../ports/object-store.js';
import { listAgenda } from './agenda.js';
import {
  type Actor,
  actorName,
  auditEntry,
  nextVersion,
  retryLostRaces,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';

/** What the papers' use cases need beside the repository and the clock. */
export interface PaperDeps extends UseCaseDeps {
  objects: ObjectStore;
  linkSecret: string;
  /**
   * `guardduty`: a paper is shared once the malware scan's result says clean;
   * `local`: there is no scanner (the local stack), papers are shared at once
   * and shown as "lokal nicht geprüft".
   */
  scanning: 'guardduty' | 'local';
}

/** How long an upload form stays valid. */
const uploadFormSeconds = 15 * 60;
/** How long an upload that was never attached is remembered (the store forgets it too). */
const uploadRecordSeconds = 2 * 24 * 3600;
/** How long a presigned download stays valid: long enough to start it, no longer. */
const downloadSeconds = 60;
export const defaultMaxUploadMegabytes = 25;
export const defaultRetentionMonths = 24;

/** The EICAR test file's signature: the local stand-in treats it as the scanner would. */
const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The key of an attached version: `papers/<body>/<session>/<paper>/<version>`. */
export const paperObjectKey = (paper: Pick<Paper, 'bodyId' | 'sessionId' | 'id'>, n: number) =>
  `papers/${paper.bodyId}/${paper.sessionId}/${paper.id}/${n}`;

const uploadObjectKey = (bodyId: string, uploadId: string) => `uploads/${bodyId}/${uploadId}`;

const sessionOf = async (deps: UseCaseDeps, sessionId: string): Promise<Session> => {
  const session = await deps.repo.getSession(sessionId);
  if (session === undefined) throw new NotFoundError('Session', sessionId);
  return session;
};

const managedSession = async (deps: UseCaseDeps, actor: Actor, sessionId: string) => {
  const session = await sessionOf(deps, sessionId);
  requirePermission(actor.principal, 'sessions:manage', session.bodyId);
  if (session.state === 'cancelled') {
    throw new ConflictError(msg('paper.session-cancelled'), { state: session.state });
  }
  return session;
};

export interface UploadForm {
  uploadId: string;
  /** POST a multipart form to `url`: every field of `fields`, then the file as `file`. */
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

/**
 * Asks the store for a form that uploads one file of a session's papers
 * straight to it, limited to the body's upload size and to 15 minutes. The
 * file becomes a paper only when it is attached (`attachPaper`), which
 * checks its size and type.
 *
 * @example
 * ```ts
 * const form = await requestPaperUpload(deps, actor, session.id, { fileName: 'bericht.pdf' });
 * ```
 */
export const requestPaperUpload = async (
  deps: PaperDeps,
  actor: Actor,
  sessionId: string,
  input: UploadRequestInput,
  options: { successRedirect?: (uploadId: string) => string } = {},
): Promise<UploadForm> => {
  const { fileName } = parseInput(UploadRequestSchema, input, 'body');
  const session = await managedSession(deps, actor, sessionId);
  const body = await deps.repo.getBody(session.bodyId);
  const maxBytes = (body?.papers?.maxUploadMegabytes ?? defaultMaxUploadMegabytes) * 1024 * 1024;
  const now = deps.clock.now();
  const id = ulid(now.getTime());
  const objectKey = uploadObjectKey(session.bodyId, id);
  const form = await deps.objects.presignUpload({
    key: objectKey,
    maxBytes,
    expiresInSeconds: uploadFormSeconds,
    successRedirect: options.successRedirect?.(id),
  });
  const upload: PaperUpload = {
    id,
    sessionId,
    bodyId: session.bodyId,
    objectKey,
    maxBytes,
    fileName,
    requestedBy: actorName(actor),
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + uploadRecordSeconds,
  };
  await deps.repo.commit([{ type: 'paper-upload', op: 'create', upload }], []);
  return {
    uploadId: id,
    url: form.url,
    fields: form.fields,
    maxBytes,
    expiresAt: new Date(now.getTime() + uploadFormSeconds * 1000).toISOString(),
  };
};

/** Reads enough of an uploaded file to tell its format; the whole file for zipped formats. */
const formatOfObject = async (
  objects: ObjectStore,
  key: string,
): Promise<{ format: PaperFormat | undefined; content: Uint8Array | undefined }> => {
  const head = await objects.read(key, sniffBytes);
  if (head === undefined) return { format: undefined, content: undefined };
  const first = await paperFormatOf(head);
  if (first !== 'zip') return { format: first, content: head };
  const whole = await objects.read(key);
  const format = whole === undefined ? undefined : await paperFormatOf(whole);
  return { format: format === 'zip' ? undefined : format, content: whole };
};

const localScan = (content: Uint8Array | undefined): { scan: ScanState; threats?: string[] } =>
  content !== undefined && Buffer.from(content).includes(eicar)
    ? { scan: 'threat', threats: ['EICAR-Test-File'] }
    : { scan: 'unchecked' };

/**
 * Makes an uploaded file a paper of an agenda item, or a new version of one
 * of its papers: checks the file's size against the body's limit and its
 * type by its content (PDF, DOCX, XLSX, ODT, PNG, JPEG); a file that fails
 * is deleted and nothing is stored. The file is moved under the paper's key.
 * It is shared once its scan says clean (in the local stack at once, marked
 * as not checked).
 *
 * @example
 * ```ts
 * await attachPaper(deps, actor, session.id, item.id, { uploadId, title: 'Bericht', classification: 'internal' });
 * ```
 */
export const attachPaper = async (
  deps: PaperDeps,
  actor: Actor,
  sessionId: string,
  agendaItemId: string,
  input: AttachPaperInput,
): Promise<Paper> => {
  const fields = parseInput(AttachPaperSchema, input, 'body');
  const session = await managedSession(deps, actor, sessionId);
  const [item, upload, body] = await Promise.all([
    deps.repo.getAgendaItem(sessionId, agendaItemId),
    deps.repo.getPaperUpload(fields.uploadId),
    deps.repo.getBodyWithMembers(session.bodyId),
  ]);
  if (item === undefined) throw new NotFoundError('Agenda item', agendaItemId);
  if (upload === undefined || upload.sessionId !== sessionId) {
    throw new NotFoundError('Paper upload', fields.uploadId);
  }
  if (upload.attachedTo !== undefined) {
    throw new ConflictError(msg('paper.upload-attached'), { paperId: upload.attachedTo.paperId });
  }
  if (
    fields.authorMemberId !== undefined &&
    !body?.members.some((member) => member.memberId === fields.authorMemberId)
  ) {
    throw new UnprocessableError(msg('paper.author-unknown', { memberId: fields.authorMemberId }));
  }
  const bytes = await deps.objects.size(upload.objectKey);
  if (bytes === undefined) throw new UnprocessableError(msg('paper.upload-missing'));
  if (bytes > upload.maxBytes) {
    await deps.objects.remove(upload.objectKey);
    throw new FileTooLargeError(
      msg('paper.too-large', { megabytes: Math.round(upload.maxBytes / (1024 * 1024)) }),
      { maxBytes: upload.maxBytes },
    );
  }
  const { format, content } = await formatOfObject(deps.objects, upload.objectKey);
  if (format === undefined) {
    await deps.objects.remove(upload.objectKey);
    throw new UnprocessableError(msg('paper.format'));
  }
  const existing =
    fields.paperId === undefined ? undefined : await deps.repo.getPaper(sessionId, fields.paperId);
  if (fields.paperId !== undefined) {
    if (existing === undefined || existing.agendaItemId !== agendaItemId) {
      throw new NotFoundError('Session paper', fields.paperId);
    }
    if (existing.deletedAt !== undefined) throw new ConflictError(msg('paper.deleted'));
  }
  const now = deps.clock.now().toISOString();
  const paperId = existing?.id ?? ulid();
  const number = (existing?.versions.length ?? 0) + 1;
  const objectKey = paperObjectKey({ bodyId: session.bodyId, sessionId, id: paperId }, number);
  const months = body?.papers?.retentionMonths ?? defaultRetentionMonths;
  await deps.objects.copy(upload.objectKey, objectKey, paperContentTypes[format], {
    [retentionTagKey]: existing?.keep === true ? 'keep' : paperRetentionClass(months),
  });
  await deps.objects.remove(upload.objectKey);
  const scanned = deps.scanning === 'local' ? localScan(content) : ({ scan: 'pending' } as const);
  const version: PaperVersion = {
    number,
    objectKey,
    fileName: withExtension(fields.fileName ?? upload.fileName ?? fields.title, format),
    format,
    bytes,
    uploadedBy: actorName(actor),
    uploadedAt: now,
    ...scanned,
    ...(scanned.scan === 'pending' ? {} : { scannedAt: now }),
    ...(isShareable(scanned.scan) ? { sharedAt: now } : {}),
  };
  const paper: Paper =
    existing === undefined
      ? {
          id: paperId,
          sessionId,
          bodyId: session.bodyId,
          agendaItemId,
          title: fields.title,
          kind: fields.kind,
          ...(fields.authorMemberId === undefined ? {} : { authorMemberId: fields.authorMemberId }),
          classification: fields.classification,
          versions: [version],
          deleteAfter: retentionDeletionDate(session.endsAt, months).toISOString(),
          ...(session.exercise ? { exercise: true } : {}),
          version: 1,
          createdAt: now,
          updatedAt: now,
        }
      : {
          ...nextVersion(deps, existing),
          title: fields.title,
          kind: fields.kind,
          ...(fields.authorMemberId === undefined ? {} : { authorMemberId: fields.authorMemberId }),
          classification: fields.classification,
          versions: [...existing.versions, version],
        };
  const changes: Change[] = [
    existing === undefined
      ? { type: 'paper', op: 'create', paper }
      : { type: 'paper', op: 'replace', paper, expectedVersion: existing.version },
    {
      type: 'paper-upload',
      op: 'replace',
      upload: {
        ...nextVersion(deps, upload),
        attachedTo: { paperId, version: number },
        objectKey,
      },
      expectedVersion: upload.version,
    },
    ...(isShareable(version.scan) ? await noticeChanges(deps, session) : []),
    ...(version.scan === 'threat' ? await quarantineChanges(deps, paper, version) : []),
  ];
  await deps.repo.commit(changes, [
    auditEntry(
      deps,
      actor,
      existing === undefined ? 'paper.attach' : 'paper.new-version',
      'paper',
      paper.id,
      paper.bodyId,
      existing,
      paper,
    ),
    ...(version.scan === 'threat' ? [quarantineAudit(deps, paper, version)] : []),
  ]);
  return paper;
};

const extensions: Record<PaperFormat, string> = {
  pdf: '.pdf',
  docx: '.docx',
  xlsx: '.xlsx',
  odt: '.odt',
  png: '.png',
  jpeg: '.jpg',
};

/** A download name with the extension of the file's real format. */
const withExtension = (name: string, format: PaperFormat) => {
  const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\\/:*?"<>|]/g, '_');
  return `${base}${extensions[format]}`;
};

/**
 * The changes that schedule the "Unterlagen nachgereicht" mails of a
 * session whose invitations went out: a job due in five minutes (so papers
 * attached together go in one mail), or none when one is pending already.
 */
export const noticeChanges = async (deps: UseCaseDeps, session: Session): Promise<Change[]> => {
  // An invitation is written with its mail's outbox entry: one that stands was mailed.
  const invited = (await deps.repo.listInvitations(session.id)).some(isActive);
  if (!invited) return [];
  const pending = await deps.repo.getPaperNoticeJob(session.id);
  if (pending !== undefined) return [];
  const now = deps.clock.now();
  return [
    {
      type: 'paper-notice-job',
      op: 'create',
      job: {
        sessionId: session.id,
        dueAt: new Date(now.getTime() + 5 * 60_000).toISOString(),
        version: 1,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      },
    },
  ];
};

export const quarantineAudit = (deps: UseCaseDeps, paper: Paper, version: PaperVersion) => ({
  ...auditEntry(
    deps,
    { principal: { subject: 'malware-scan', email: undefined, roles: [], bodies: [] } },
    'paper.quarantine',
    'paper',
    paper.id,
    paper.bodyId,
    undefined,
    undefined,
  ),
  changedFields: [`versions.${version.number}`],
});

/**
 * A threat was found: the file is tagged as quarantined (the store's
 * lifecycle deletes it after 30 days; nothing hands it out), and the changes
 * returned tell the uploader and the secretariat, once each however often
 * the result comes.
 */
export const quarantineChanges = async (
  deps: UseCaseDeps & { objects: ObjectStore },
  paper: Paper,
  version: PaperVersion,
): Promise<Change[]> => {
  await deps.objects.addTags(version.objectKey, { [retentionTagKey]: 'quarantine' });
  const now = deps.clock.now().toISOString();
  const recipients = [...new Set([version.uploadedBy.toLowerCase(), 'secretariat'])];
  return recipients.map((to) => ({
    type: 'outbox',
    op: 'create',
    entry: {
      id: `quarantine-${paper.id}-${version.number}-${to === 'secretariat' ? 'gs' : 'up'}`,
      state: 'queued',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      kind: 'paper-quarantined',
      sessionId: paper.sessionId,
      paperId: paper.id,
      version: version.number,
      to,
    },
  }));
};

/** Who a person is to a session's papers: registered with the body, or only invited. */
export const readerOf = (body: BodyWithMembers, email: string): PaperReader =>
  isRegisteredPerson(body.members, email) ? 'registered' : 'invitee';

/** The shared papers a reader may see, with the version to hand out, in agenda order. */
export const visiblePapers = (
  papers: readonly Paper[],
  agenda: readonly AgendaItem[],
  reader: PaperReader,
): { paper: Paper; version: PaperVersion; item: AgendaItem }[] => {
  const items = new Map(agenda.map((item) => [item.id, item]));
  return agenda.length === 0
    ? []
    : papers
        .flatMap((paper) => {
          const item = items.get(paper.agendaItemId);
          const version = sharedVersion(paper);
          if (item === undefined || version === undefined) return [];
          if (!maySeePaper(reader, paper.classification)) return [];
          // The public sees papers of public items only; invitees see what the paper allows.
          if (reader === 'public' && !item.public) return [];
          return [{ paper, version, item }];
        })
        .sort((a, b) => a.item.position - b.item.position || a.paper.id.localeCompare(b.paper.id));
};

/** The personal link of one invitee to one paper, valid until the paper's retention ends. */
export const paperToken = (secret: string, paper: Paper, invitation: Invitation): string =>
  signLink(secret, {
    subject: `${paper.sessionId}:${paper.id}:${invitation.id}`,
    purpose: 'paper-download',
    expiresAt: Math.floor(Date.parse(paper.deleteAfter) / 1000),
  });

/**
 * Opens an invitee's personal paper link: checks the link, that the
 * invitation stands and that the person may (still) see the paper, audits
 * the download (who and when), and answers a presigned URL valid for a
 * minute.
 *
 * @example
 * ```ts
 * const { url } = await openPaperLink(deps, token);
 * ```
 */
export const openPaperLink = async (
  deps: PaperDeps,
  token: string,
): Promise<{ url: string; paper: Paper; version: PaperVersion }> => {
  const claims = verifyLink(deps.linkSecret, token, 'paper-download', deps.clock.now());
  const [sessionId, paperId, invitationId] = claims.subject.split(':');
  if (sessionId === undefined || paperId === undefined || invitationId === undefined) {
    throw new NotFoundError('Session paper', claims.subject);
  }
  const [paper, invitation, session] = await Promise.all([
    deps.repo.getPaper(sessionId, paperId),
    deps.repo.getInvitation(sessionId, invitationId),
    deps.repo.getSession(sessionId),
  ]);
  if (paper === undefined || session === undefined)
    throw new NotFoundError('Session paper', paperId);
  if (invitation === undefined || !isActive(invitation)) {
    throw new NotFoundError('Session paper', paperId);
  }
  const [body, agenda] = await Promise.all([
    deps.repo.getBodyWithMembers(session.bodyId),
    deps.repo.listAgenda(sessionId),
  ]);
  if (body === undefined) throw new NotFoundError('Session paper', paperId);
  const shown = visiblePapers([paper], agenda, readerOf(body, invitation.email))[0];
  if (shown === undefined) throw new NotFoundError('Session paper', paperId);
  return handOut(deps, shown.paper, shown.version, invitation.email);
};

/** Audits a download and signs its short-lived URL. */
const handOut = async (
  deps: PaperDeps,
  paper: Paper,
  version: PaperVersion,
  who: string,
): Promise<{ url: string; paper: Paper; version: PaperVersion }> => {
  const url = await deps.objects.presignDownload(version.objectKey, {
    expiresInSeconds: downloadSeconds,
    fileName: version.fileName,
    contentType: paperContentTypes[version.format],
  });
  await deps.repo.commit(
    [],
    [
      {
        ...auditEntry(
          deps,
          { principal: { subject: who, email: who, roles: [], bodies: [] } },
          'paper.download',
          'paper',
          paper.id,
          paper.bodyId,
          undefined,
          undefined,
        ),
        changedFields: [`versions.${version.number}`],
      },
    ],
  );
  return { url, paper, version };
};

/** The reader a staff member is to a body's papers: all of them with the right to confidential items. */
const staffReader = (actor: Actor, bodyId: string): PaperReader =>
  can(actor.principal, 'agenda:read-confidential', bodyId) ? 'staff' : 'invitee';

/**
 * A staff member's download of a paper (any version they may see; the
 * current shared one by default), audited like every download.
 */
export const downloadPaperAsStaff = async (
  deps: PaperDeps,
  actor: Actor,
  sessionId: string,
  paperId: string,
  versionNumber?: number,
): Promise<{ url: string; paper: Paper; version: PaperVersion }> => {
  const session = await sessionOf(deps, sessionId);
  requirePermission(actor.principal, 'sessions:read', session.bodyId);
  const [paper, agenda] = await Promise.all([
    deps.repo.getPaper(sessionId, paperId),
    listAgenda(deps, actor, sessionId),
  ]);
  if (paper === undefined || paper.deletedAt !== undefined) {
    throw new NotFoundError('Session paper', paperId);
  }
  const reader = staffReader(actor, session.bodyId);
  const item = agenda.find((entry) => entry.id === paper.agendaItemId);
  if (item === undefined || !maySeePaper(reader, paper.classification)) {
    throw new NotFoundError('Session paper', paperId);
  }
  const version =
    versionNumber === undefined
      ? sharedVersion(paper)
      : paper.versions.find((entry) => entry.number === versionNumber);
  if (version === undefined || !isShareable(version.scan)) {
    throw new ConflictError(msg('paper.not-shared'));
  }
  return handOut(deps, paper, version, actorName(actor));
};

/**
 * A session's papers as staff see them: all versions and scan states, of
 * the agenda items they may see (members and press: the public items), and
 * confidential ones only with the right to confidential items.
 */
export const listSessionPapers = async (
  deps: UseCaseDeps,
  actor: Actor,
  sessionId: string,
): Promise<Paper[]> => {
  const session = await sessionOf(deps, sessionId);
  const [papers, agenda] = await Promise.all([
    deps.repo.listPapers(sessionId),
    listAgenda(deps, actor, sessionId),
  ]);
  const reader = staffReader(actor, session.bodyId);
  const items = new Set(agenda.map((item) => item.id));
  return papers.filter(
    (paper) => items.has(paper.agendaItemId) && maySeePaper(reader, paper.classification),
  );
};

/** Keeps a paper beyond the body's retention period, or lets it go again. */
export const keepPaper = async (
  deps: UseCaseDeps & { objects: ObjectStore },
  actor: Actor,
  sessionId: string,
  paperId: string,
  keep: boolean,
): Promise<Paper> =>
  retryLostRaces(async () => {
    const session = await sessionOf(deps, sessionId);
    requirePermission(actor.principal, 'sessions:manage', session.bodyId);
    const paper = await deps.repo.getPaper(sessionId, paperId);
    if (paper === undefined) throw new NotFoundError('Session paper', paperId);
    if (paper.deletedAt !== undefined) throw new ConflictError(msg('paper.deleted'));
    if ((paper.keep ?? false) === keep) return paper;
    const kept: Paper = { ...nextVersion(deps, paper), keep };
    if (!keep) delete kept.keep;
    const body = await deps.repo.getBody(paper.bodyId);
    const retention = keep
      ? 'keep'
      : paperRetentionClass(body?.papers?.retentionMonths ?? defaultRetentionMonths);
    for (const version of paper.versions) {
      if (version.scan !== 'threat')
        await deps.objects.addTags(version.objectKey, { [retentionTagKey]: retention });
    }
    await deps.repo.commit(
      [{ type: 'paper', op: 'replace', paper: kept, expectedVersion: paper.version }],
      [
        auditEntry(
          deps,
          actor,
          keep ? 'paper.keep' : 'paper.release-keep',
          'paper',
          paper.id,
          paper.bodyId,
          paper,
          kept,
        ),
      ],
    );
    return kept;
  }, msg('paper.busy'));

/**
 * The papers the public may see: public papers of public agenda items whose
 * resolution was released, in their shared version; none of an exercise.
 */
export const publicPapers = (
  session: Pick<Session, 'exercise'>,
  papers: readonly Paper[],
  agenda: readonly AgendaItem[],
  resolutions: readonly Pick<Resolution, 'itemId' | 'state'>[],
) =>
  session.exercise === true
    ? []
    : visiblePapers(papers, agenda, 'public').filter(({ item }) =>
        resolutions.some(
          (resolution) => resolution.itemId === item.id && resolution.state === 'released',
        ),
      );

/** The public path of a public paper's download. */
export const publicPaperPath = (sessionId: string, paperId: string) =>
  `/public/sessions/${sessionId}/papers/${paperId}`;

/**
 * A public paper's download for anyone (see `publicPapers`); anything else
 * is not found. Unlike personal and staff downloads it is not audited.
 */
export const openPublicPaper = async (
  deps: PaperDeps,
  sessionId: string,
  paperId: string,
): Promise<{ url: string; paper: Paper; version: PaperVersion }> => {
  const [session, paper, agenda, resolutions] = await Promise.all([
    deps.repo.getSession(sessionId),
    deps.repo.getPaper(sessionId, paperId),
    deps.repo.listAgenda(sessionId),
    deps.repo.listResolutionsOfSession(sessionId),
  ]);
  if (session === undefined || paper === undefined) {
    throw new NotFoundError('Session paper', paperId);
  }
  const shown = publicPapers(session, [paper], agenda, resolutions)[0];
  if (shown === undefined) throw new NotFoundError('Session paper', paperId);
  // Published for anyone: there is no one to name, and an audit write per anonymous
  // request would let anyone fill the table.
  const url = await deps.objects.presignDownload(shown.version.objectKey, {
    expiresInSeconds: downloadSeconds,
    fileName: shown.version.fileName,
    contentType: paperContentTypes[shown.version.format],
  });
  return { url, paper: shown.paper, version: shown.version };
};

/** One agenda item of a session folder, with the papers the caller may see. */
export interface FolderEntry {
  item: AgendaItem;
  papers: { paper: Paper; version: PaperVersion; pdf: Uint8Array | undefined }[];
}

/**
 * What a staff member's session folder holds: the agenda items they may see
 * in order, each with its shared papers they may see, and the bytes of the
 * PDF ones (read from the store).
 *
 * @example
 * ```ts
 * const { session, entries } = await sessionFolder(deps, actor, sessionId);
 * ```
 */
export const sessionFolder = async (
  deps: PaperDeps,
  actor: Actor,
  sessionId: string,
): Promise<{ session: Session; bodyName: string; entries: FolderEntry[] }> => {
  const session = await sessionOf(deps, sessionId);
  const [papers, agenda, body] = await Promise.all([
    listSessionPapers(deps, actor, sessionId),
    listAgenda(deps, actor, sessionId),
    deps.repo.getBody(session.bodyId),
  ]);
  const shown = visiblePapers(papers, agenda, staffReader(actor, session.bodyId));
  const withBytes = await Promise.all(
    shown.map(async (entry) => ({
      ...entry,
      pdf:
        entry.version.format === 'pdf'
          ? await deps.objects.read(entry.version.objectKey)
          : undefined,
    })),
  );
  return {
    session,
    bodyName: body?.name ?? session.bodyId,
    entries: [...agenda]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        item,
        papers: withBytes
          .filter((entry) => entry.item.id === item.id)
          .map(({ paper, version, pdf }) => ({ paper, version, pdf })),
      })),
  };
};
