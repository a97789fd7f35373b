import * as z from 'zod/mini';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { getSession } from '../../../shared/use-cases/sessions.js';
import { sessionCalendar } from '../calendar.js';
import { actorOf, etag } from '../conditional.js';
import { type Route, route } from '../route.js';
import { SessionParams } from './params.js';

const tags = ['sessions'] as const;

/**
 * Routes that render files (calendar now). They run in their own function so
 * that the renderers never weigh on the API function's cold start.
 */
export const documentRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/sessions/{sessionId}/calendar.ics',
      operationId: 'getSessionCalendar',
      summary: 'The session as an iCalendar file',
      tags,
      access: 'staff',
      params: SessionParams,
      responses: {
        200: {
          description: 'RFC 5545 calendar',
          contentType: 'text/calendar',
          schema: z.string(),
          example: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…\r\nEND:VCALENDAR',
        },
      },
    },
    async (c, { params }) => {
      const session = await getSession(deps, actorOf(c), params.sessionId);
      const body = await deps.repo.getBody(session.bodyId);
      if (body === undefined) throw new NotFoundError('Body', session.bodyId);
      c.header('ETag', etag(session.version));
      c.header('Content-Disposition', `attachment; filename="session-${session.number}.ics"`);
      return c.body(await sessionCalendar(session, body.name), 200, {
        'Content-Type': 'text/calendar; charset=utf-8',
      });
    },
  ),
];
