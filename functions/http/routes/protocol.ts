import * as z from 'zod/mini';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { approveProtocol, getProtocol } from '../../../shared/use-cases/protocol.js';
import { actorOf } from '../conditional.js';
import { protocolPage } from '../pages/protocol-page.js';
import { type Route, route } from '../route.js';
import { SessionParams } from './params.js';

const tags = ['protocol'] as const;

/** What the approval answers: the frozen protocol's number, who approved it and when. */
export const ProtocolApprovalSchema = z.object({
  sessionId: z.string(),
  number: z.number(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  version: z.number(),
});

/**
 * The result protocol's page and the chair's approval, in the API function;
 * the PDF is rendered by the renderer function (see `protocolPdfRoutes`).
 */
export const protocolRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/protocol.html',
      operationId: 'getProtocolHtml',
      summary: "The session's result protocol (Ergebnisniederschrift) as an HTML page",
      description:
        "For the body's registered people (member grant), secretariat, chair and admins. Before the chair's approval a draft collected now, marked „Entwurf“; afterwards the approved version, unchanged by later changes. Confidential TOPs only for those who may read them.",
      tags,
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'HTML page',
          contentType: 'text/html',
          schema: z.string(),
          example: '<!doctype html>…',
        },
        404: { description: 'No such session, or not one of your bodies' },
      },
    },
    async (c, { params }) => {
      const view = await getProtocol(deps, actorOf(c), params.sessionId);
      c.header('Cache-Control', 'private, no-store');
      return c.html(await protocolPage(view, `/v1/sessions/${params.sessionId}/protocol.pdf`));
    },
  ),
  route(
    {
      method: 'post',
      path: '/v1/sessions/{sessionId}/protocol/approval',
      operationId: 'approveProtocol',
      summary: "The chair approves the session's result protocol, which freezes it",
      description:
        'Chair of the body (or admin) only, once the session is concluded (422 before). The protocol as it stands is stored and audited (`protocol.approve`); every later GET returns it unchanged. A second approval is a 409.',
      tags,
      access: 'staff',
      params: SessionParams,
      responses: {
        201: {
          description: 'The approved protocol',
          schema: ProtocolApprovalSchema,
          example: {
            sessionId: '01JDEMOSESSION000000000000',
            number: 1,
            approvedBy: 'vorsitz@de-hh.example.org',
            approvedAt: '2027-03-10T09:00:00.000Z',
            version: 1,
          },
        },
        409: { description: 'The protocol was approved before' },
        422: { description: 'The session is not concluded yet' },
      },
    },
    async (c, { params }) => {
      const record = await approveProtocol(deps, actorOf(c), params.sessionId);
      return c.json(
        {
          sessionId: record.sessionId,
          number: record.number,
          approvedBy: record.approvedBy,
          approvedAt: record.approvedAt,
          version: record.version,
        },
        201,
      );
    },
  ),
];
