import * as z from 'zod/mini';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { publishedResolutions } from '../../../shared/use-cases/published-resolutions.js';
import { renderResolutionsPdf } from '../pdf/resolutions-pdf.js';
import { type Route, route } from '../route.js';
import { SessionParams } from './params.js';
import { publicCache } from './public-resolutions.js';

const tags = ['public'] as const;

/** The PDF collection, in a function of its own: the PDF library is large. */
export const resolutionsPdfRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/public/sessions/{sessionId}/resolutions.pdf',
      operationId: 'getPublishedResolutionsPdf',
      summary: "The session's released resolutions as the Geschäftsstelle's PDF collection",
      tags,
      access: 'public',
      params: SessionParams,
      responses: {
        200: {
          description: 'PDF document',
          contentType: 'application/pdf',
          schema: z.string(),
          example: '%PDF-1.3 …',
        },
        404: { description: 'No such session' },
      },
    },
    async (c, { params }) => {
      const collection = await publishedResolutions(deps, params.sessionId);
      const pdf = await renderResolutionsPdf(collection);
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="beschluesse-sitzung-${collection.session.number}.pdf"`,
        'Cache-Control': publicCache,
      });
    },
  ),
];
