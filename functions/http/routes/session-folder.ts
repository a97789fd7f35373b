import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { Actor } from '../../../shared/use-cases/context.js';
import { sessionFolder } from '../../../shared/use-cases/papers.js';
import { getProtocol } from '../../../shared/use-cases/protocol.js';
import type { AppDeps, Mount } from '../app.js';
import type { AppEnv } from '../app-env.js';
import { actorOf } from '../conditional.js';
import { consoleRoute } from '../console/console-route.js';
import { renderProtocolPdf } from '../pdf/protocol-pdf.js';
import { renderSessionFolder } from '../pdf/session-folder.js';
import { type Route, route } from '../route.js';
import { paperDeps } from './papers.js';
import { SessionParams } from './params.js';

/** Where a reader of the folder downloads a paper it cannot include. */
const downloadUrl = (origin: string, sessionId: string, paperId: string, version: number) =>
  `${origin}/console/sessions/${sessionId}/papers/${paperId}/download?version=${version}`;

const originOf = (deps: AppDeps, c: Context<AppEnv>) =>
  deps.signIn?.publicBaseUrl ?? new URL(c.req.url).origin;

/** Renders the caller's session folder as a PDF response. */
const folderResponse = async (
  deps: AppDeps,
  c: Context<AppEnv>,
  actor: Actor,
  sessionId: string,
) => {
  const { session, bodyName, entries } = await sessionFolder(
    await paperDeps(deps),
    actor,
    sessionId,
  );
  const origin = originOf(deps, c);
  const pdf = await renderSessionFolder({
    session,
    bodyName,
    asOf: deps.clock.now().toISOString(),
    items: entries.map(({ item, papers }) => ({
      number: item.number,
      title: item.title,
      papers: papers.map(({ paper, version, pdf }) => ({
        title: paper.title,
        classification: paper.classification,
        author: paper.authorMemberId ?? '',
        version: version.number,
        pdf,
        downloadUrl: downloadUrl(origin, session.id, paper.id, version.number),
      })),
    })),
  });
  return c.body(new Uint8Array(pdf), 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `inline; filename="sitzungsunterlagen-${session.number}.pdf"`,
    'Cache-Control': 'private, no-store',
  });
};

/** The session folder as PDF, in the renderer function: the PDF libraries are large. */
export const sessionFolderRoutes = (deps: AppDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/folder.pdf',
      operationId: 'getSessionFolder',
      summary:
        'The session folder (Sitzungsmappe) as PDF: cover, agenda with pages, every PDF paper',
      description:
        'Only what the caller may see: the agenda items and papers of their role, in their shared version; bookmarks per TOP; papers that are no PDF are listed with their download link.',
      tags: ['papers'],
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'PDF document',
          contentType: 'application/pdf',
          schema: z.string(),
          example: '%PDF-1.7 …',
        },
        404: { description: 'No such session' },
      },
    },
    async (c, { params }) => folderResponse(deps, c, actorOf(c), params.sessionId),
  ),
];

/**
 * The console's PDF downloads (the session folder and the result protocol),
 * signed in by cookie: served by the renderer function, which holds the PDF
 * libraries the console function does not load.
 */
export const consoleDocumentRoutes = (deps: AppDeps) => [
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/folder.pdf',
      operationId: 'consoleSessionFolder',
      summary: 'Sitzungsmappe als PDF',
      access: 'staff',
    },
    async (c, ctx) => folderResponse(deps, c, ctx.actor, c.req.param('sessionId') ?? ''),
  ),
  consoleRoute(
    {
      method: 'get',
      path: '/console/sessions/{sessionId}/protocol.pdf',
      operationId: 'consoleProtocolPdf',
      summary: 'Ergebnisniederschrift als PDF',
      access: 'staff',
    },
    async (c, ctx) => {
      const view = await getProtocol(deps, ctx.actor, c.req.param('sessionId') ?? '');
      const pdf = await renderProtocolPdf(view);
      const name = `ergebnisniederschrift-sitzung-${view.content.session.number}${view.approval === undefined ? '-entwurf' : ''}.pdf`;
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="${name}"`,
        'Cache-Control': 'private, no-store',
      });
    },
  ),
];

/** Mounts the console's PDF downloads on an app. */
export const consoleDocumentsMount =
  (deps: AppDeps): Mount =>
  (app) => {
    for (const r of consoleDocumentRoutes(deps)) r.register(app, deps.tokenVerifier);
  };
