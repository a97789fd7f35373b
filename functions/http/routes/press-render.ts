import * as z from 'zod/mini';
import {
  ApproveInputSchema,
  CorrectionInputSchema,
  PressReleaseSchema,
} from '../../../shared/domain/press-release.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import {
  approvePressCorrection,
  approvePressRelease,
  correctPressRelease,
  previewPressRelease,
} from '../../../shared/use-cases/press-approval.js';
import { actorOf, ifMatchVersion, withEtag } from '../conditional.js';
import { pressReleasePage } from '../pages/press-page.js';
import { type Route, route } from '../route.js';
import { IfMatchHeaders, VersionedResponses } from './headers.js';
import { htmlPage } from './link-pages.js';
import { IdSchema } from './params.js';
import { examplePressRelease } from './press-releases.js';

const ReleaseParams = z.strictObject({ releaseId: IdSchema });
const tags = ['press releases'] as const;
const ok = (description: string) => ({
  200: { description, schema: PressReleaseSchema, example: examplePressRelease },
});

/**
 * The press steps that render Markdown: approval and corrections (they
 * render once and store the HTML) and the staff preview. They run in the
 * renderer function with the PDF, so that neither the API nor the pages
 * function carries the Markdown renderer and its HTML sanitiser.
 */
export const pressRenderRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/approval',
      operationId: 'approvePressRelease',
      summary: 'Approve a submitted release, optionally under embargo (chair)',
      description:
        'Freezes the live facts and renders the text. With `embargoUntil` in the future the release is scheduled and appears nowhere public before that instant; with `preSend` the press list receives it now, marked "Sperrfrist: …".',
      tags,
      access: 'staff',
      params: ReleaseParams,
      body: ApproveInputSchema,
      bodyExample: { embargoUntil: '2027-02-10T11:00:00+01:00', preSend: false },
      responses: {
        ...ok('Approved (or scheduled)'),
        ...VersionedResponses,
        422: { description: 'preSend without an embargo in the future' },
      },
    },
    async (c, { params, body }) =>
      withEtag(c, await approvePressRelease(deps, actorOf(c), params.releaseId, body)),
  ),
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/corrections',
      operationId: 'correctPressRelease',
      summary:
        "Correct a published release: the chair's correction takes effect at once, the press office's awaits the chair's approval",
      tags,
      access: 'staff',
      params: ReleaseParams,
      headers: IfMatchHeaders,
      body: CorrectionInputSchema,
      bodyExample: { title: examplePressRelease.title, note: 'Datum berichtigt.' },
      responses: { ...ok('Corrected'), ...VersionedResponses },
    },
    async (c, { params, body }) =>
      withEtag(
        c,
        await correctPressRelease(deps, actorOf(c), params.releaseId, body, ifMatchVersion(c)),
      ),
  ),
  route(
    {
      method: 'post',
      path: '/v1/press-releases/{releaseId}/correction-approval',
      operationId: 'approvePressCorrection',
      summary: 'Approve the correction the press office submitted (chair)',
      description:
        'A correction by the press office waits in `pendingCorrection` while the approved wording stays public; approving it publishes it, marked "korrigiert", and mails it to those who have the release.',
      tags,
      access: 'staff',
      params: ReleaseParams,
      headers: IfMatchHeaders,
      responses: {
        ...ok('Corrected'),
        ...VersionedResponses,
        409: { description: 'No correction awaits approval' },
      },
    },
    async (c, { params }) =>
      withEtag(
        c,
        await approvePressCorrection(deps, actorOf(c), params.releaseId, ifMatchVersion(c)),
      ),
  ),
  route(
    {
      method: 'get',
      path: '/v1/press-releases/{releaseId}/preview',
      operationId: 'previewPressRelease',
      summary: 'The release as it would be published now, with live facts (HTML)',
      tags,
      access: 'staff',
      params: ReleaseParams,
      responses: {
        200: { description: 'German HTML page', ...htmlPage },
        404: { description: 'No such release' },
      },
    },
    async (c, { params }) => {
      const { release, html } = await previewPressRelease(deps, actorOf(c), params.releaseId);
      c.header('Cache-Control', 'no-store');
      return c.html(pressReleasePage(release, html, { preview: true }));
    },
  ),
];
