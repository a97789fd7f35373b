import * as z from 'zod/mini';
import { ConfigurationError, NotFoundError } from '../../../shared/domain/errors.js';
import {
  AttachPaperSchema,
  PaperSchema,
  UploadRequestSchema,
} from '../../../shared/domain/paper.js';
import {
  attachPaper,
  downloadPaperAsStaff,
  keepPaper,
  listSessionPapers,
  openPaperLink,
  openPublicPaper,
  type PaperDeps,
  requestPaperUpload,
} from '../../../shared/use-cases/papers.js';
import type { AppDeps } from '../app.js';
import { actorOf } from '../conditional.js';
import { publicNotFoundPage } from '../public/session-pages.js';
import { type Route, route } from '../route.js';
import { refused, TokenParams } from './link-pages.js';
import { IdSchema } from './params.js';

const SessionParams = z.strictObject({ sessionId: IdSchema });
const ItemParams = z.strictObject({ sessionId: IdSchema, itemId: IdSchema });
const PaperParams = z.strictObject({ sessionId: IdSchema, paperId: IdSchema });
const tags = ['papers'] as const;

const examplePaper = {
  id: '01JDEMOPAPER00000000000000',
  sessionId: '01JDEMOSESSION000000000000',
  bodyId: 'imk',
  agendaItemId: '01JDEMOITEM000000000000000',
  title: 'Bericht der AG Kritische Infrastrukturen',
  kind: 'report',
  authorMemberId: 'DE-NW',
  classification: 'internal',
  versions: [
    {
      number: 1,
      objectKey: 'papers/imk/01JDEMOSESSION000000000000/01JDEMOPAPER00000000000000/1',
      fileName: 'Bericht KRITIS.pdf',
      format: 'pdf',
      bytes: 482_133,
      uploadedBy: 'geschaeftsstelle@imk.example.org',
      uploadedAt: '2026-11-20T09:00:00.000Z',
      scan: 'clean',
      scannedAt: '2026-11-20T09:00:05.000Z',
      sharedAt: '2026-11-20T09:00:05.000Z',
    },
  ],
  deleteAfter: '2028-12-05T15:00:00.000Z',
  version: 2,
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:05.000Z',
};

/** The papers' dependencies, or a clear fault where the function has no papers store. */
export const paperDeps = async (deps: AppDeps): Promise<PaperDeps> => {
  if (deps.papers === undefined) {
    throw new ConfigurationError('PAPERS_BUCKET is not set: this function has no papers store.');
  }
  return { ...deps, ...deps.papers, linkSecret: await deps.linkSecret() };
};

/** Answers a download with a redirect to its short-lived URL; never cached, no referrer. */
const redirectTo = (url: string) =>
  new Response(null, {
    status: 302,
    headers: { Location: url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  });

/** The API routes of session papers: upload, attach, list, download, keep. */
export const paperRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/paper-uploads',
      operationId: 'requestPaperUpload',
      summary: 'A form to upload one paper file straight to the store',
      description:
        'POST a multipart form to `url` with every field of `fields` and then the file as `file`, within 15 minutes; then attach the upload to an agenda item. The store refuses files over `maxBytes`.',
      tags,
      access: 'staff',
      params: SessionParams,
      body: UploadRequestSchema,
      bodyExample: { fileName: 'Bericht KRITIS.pdf' },
      responses: {
        201: {
          description: 'The upload form',
          schema: z.object({
            uploadId: z.string(),
            url: z.string(),
            fields: z.record(z.string(), z.string()),
            maxBytes: z.number(),
            expiresAt: z.string(),
          }),
          example: {
            uploadId: '01JDEMOUPLOAD0000000000000',
            url: 'https://conference-papers.s3.eu-central-1.amazonaws.com/',
            fields: {
              key: 'uploads/imk/01JDEMOUPLOAD0000000000000',
              Policy: 'eyJleHBpcmF0aW9uIjoi…',
              'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
              'X-Amz-Signature': '…',
            },
            maxBytes: 26_214_400,
            expiresAt: '2026-11-20T09:15:00.000Z',
          },
        },
      },
    },
    async (c, { params, body }) =>
      c.json(
        await requestPaperUpload(await paperDeps(deps), actorOf(c), params.sessionId, body),
        201,
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/agenda-items/{itemId}/papers',
      operationId: 'attachPaper',
      summary: 'Attach an uploaded file to an agenda item as a paper, or as its new version',
      description:
        'The file is checked by its content (PDF, DOCX, XLSX, ODT, PNG, JPEG) and its size; a file that fails is deleted and nothing is stored. It is shared once its malware scan says clean.',
      tags,
      access: 'staff',
      params: ItemParams,
      body: AttachPaperSchema,
      bodyExample: {
        uploadId: '01JDEMOUPLOAD0000000000000',
        title: 'Bericht der AG Kritische Infrastrukturen',
        kind: 'report',
        authorMemberId: 'DE-NW',
        classification: 'internal',
      },
      responses: {
        201: { description: 'The paper', schema: PaperSchema, example: examplePaper },
        413: { description: 'Larger than the body allows; nothing stored' },
        422: { description: 'Not an allowed file type; nothing stored' },
      },
    },
    async (c, { params, body }) =>
      c.json(
        await attachPaper(await paperDeps(deps), actorOf(c), params.sessionId, params.itemId, body),
        201,
      ),
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/papers',
      operationId: 'listPapers',
      summary: 'The papers of a session the caller may see, with every version and its scan',
      tags,
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'The papers',
          schema: z.object({ items: z.array(PaperSchema) }),
          example: { items: [examplePaper] },
        },
      },
    },
    async (c, { params }) =>
      c.json({ items: await listSessionPapers(deps, actorOf(c), params.sessionId) }),
  ),
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/papers/{paperId}/download',
      operationId: 'downloadPaper',
      summary: 'Download a paper (redirect to a link valid for a minute); audited',
      tags,
      access: 'staff',
      params: PaperParams,
      query: z.strictObject({
        version: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
      }),
      responses: {
        302: { description: 'To the file' },
        409: { description: 'The version is not shared (scan pending or not clean)' },
      },
    },
    async (c, { params, query }) => {
      const { url } = await downloadPaperAsStaff(
        await paperDeps(deps),
        actorOf(c),
        params.sessionId,
        params.paperId,
        query.version,
      );
      return redirectTo(url);
    },
  ),
  route(
    {
      method: 'put',
      path: '/v1/sessions/{sessionId}/papers/{paperId}/keep',
      operationId: 'keepPaper',
      summary: 'Keep a paper beyond the retention period, or let it go again',
      tags,
      access: 'staff',
      params: PaperParams,
      body: z.strictObject({ keep: z.boolean() }),
      bodyExample: { keep: true },
      responses: { 200: { description: 'The paper', schema: PaperSchema, example: examplePaper } },
    },
    async (c, { params, body }) =>
      c.json(
        await keepPaper(
          await paperDeps(deps),
          actorOf(c),
          params.sessionId,
          params.paperId,
          body.keep,
        ),
      ),
  ),
];

/** A public paper's download, for anyone: served by the API function under `/public`. */
export const publicPaperRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/public/sessions/{sessionId}/papers/{paperId}',
      operationId: 'downloadPublicPaper',
      summary: 'A public paper of a released agenda item: redirect to the file',
      tags,
      access: 'public',
      params: PaperParams,
      responses: {
        302: { description: 'To the file (valid for a minute)' },
        404: { description: 'No such public paper (HTML page)' },
      },
    },
    async (c, { params }) => {
      try {
        const { url } = await openPublicPaper(
          await paperDeps(deps),
          params.sessionId,
          params.paperId,
        );
        return redirectTo(url);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        c.header('Cache-Control', 'no-store');
        return c.html(publicNotFoundPage('paper'), 404);
      }
    },
  ),
];

/** The personal paper links in mails, served with the other link pages. */
export const paperLinkRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/links/papers/{token}',
      operationId: 'openPaperLink',
      summary: "An invitee's personal paper link: redirect to the file, audited",
      description:
        'Checks the link, that the invitation stands and that the person may see the paper; refused links get a German page.',
      tags,
      access: 'public',
      params: TokenParams,
      responses: {
        302: { description: 'To the file (valid for a minute)' },
        403: { description: 'A refused link (HTML page)' },
        404: { description: 'No such paper for this person (HTML page)' },
        410: { description: 'An expired link (HTML page)' },
      },
    },
    async (c, { params }) => {
      try {
        const { url } = await openPaperLink(await paperDeps(deps), params.token);
        return redirectTo(url);
      } catch (error) {
        return refused(c, error);
      }
    },
  ),
];
