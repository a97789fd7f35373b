import * as z from 'zod/mini';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { getProtocol } from '../../../shared/use-cases/protocol.js';
import { actorOf } from '../conditional.js';
import { renderProtocolPdf } from '../pdf/protocol-pdf.js';
import { type Route, route } from '../route.js';
import { SessionParams } from './params.js';

/** The result protocol as PDF, in the renderer function: the PDF library is large. */
export const protocolPdfRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/protocol.pdf',
      operationId: 'getProtocolPdf',
      summary: "The session's result protocol (Ergebnisniederschrift) as PDF",
      description:
        "As `protocol.html`: a draft marked „Entwurf“ on every page before the chair's approval, the approved version (the same bytes every time) afterwards; an exercise says „ÜBUNG“.",
      tags: ['protocol'],
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'PDF document',
          contentType: 'application/pdf',
          schema: z.string(),
          example: '%PDF-1.3 …',
        },
        404: { description: 'No such session, or not one of your bodies' },
      },
    },
    async (c, { params }) => {
      const view = await getProtocol(deps, actorOf(c), params.sessionId);
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
