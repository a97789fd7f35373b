import type { Context } from 'hono';
import * as z from 'zod/mini';
import { BodyIdSchema } from '../../../shared/domain/body.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import {
  publicSessionRecord,
  publicSessionsOfBody,
} from '../../../shared/use-cases/public-sessions.js';
import { publishedResolutions } from '../../../shared/use-cases/published-resolutions.js';
import type { AppEnv } from '../app-env.js';
import { resolutionsPage } from '../pages/resolutions-page.js';
import { publicSessionsCalendar } from '../public/public-calendar.js';
import {
  publicNotFoundPage,
  publicSessionPage,
  publicSessionsPage,
} from '../public/session-pages.js';
import { type Route, route } from '../route.js';
import { htmlPage, wantsHtml } from './link-pages.js';
import { SessionParams } from './params.js';

const tags = ['public'] as const;
export const publicCache = 'public, max-age=60';

const PublishedSchema = z.object({
  body: z.object({ name: z.string(), shortName: z.string() }),
  session: z.object({
    id: z.string(),
    number: z.number(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
  }),
  dates: z.string(),
  place: z.string(),
  venue: z.string(),
  resolutions: z.array(
    z.object({
      id: z.string(),
      item: z.object({ number: z.string(), title: z.string() }),
      title: z.string(),
      paragraphs: z.array(z.string()),
      statements: z.array(z.object({ members: z.array(z.string()), text: z.string() })),
      reports: z.array(z.object({ title: z.string(), released: z.boolean() })),
      corrections: z.array(z.object({ at: z.string(), note: z.string() })),
      decidedAt: z.optional(z.string()),
    }),
  ),
});

const example = {
  body: {
    name: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
    shortName: 'IMK',
  },
  session: {
    id: '01JDEMOSESSION000000000000',
    number: 1,
    title: 'Konstituierende Sitzung der IMK',
    startsAt: '2027-03-03T10:00:00+01:00',
    endsAt: '2027-03-06T14:00:00+01:00',
    timeZone: 'Europe/Berlin',
  },
  dates: '3.–6. März 2027',
  place: 'Hamburg',
  venue: 'Ratsstube, Hamburger Rathaus, Hamburg',
  resolutions: [
    {
      id: '01JDEMORESOLUTION000000000',
      item: { number: '2', title: 'Bekämpfung der Internetkriminalität' },
      title: 'Bekämpfung der Internetkriminalität',
      paragraphs: [
        'Die Ministerien und Behörden arbeiten bei der Verfolgung von im Internet begangenen Straftaten enger zusammen.',
      ],
      statements: [{ members: ['Bayern'], text: 'Bayern behält sich eigene Maßnahmen vor.' }],
      reports: [{ title: 'Bericht des AK II', released: true }],
      corrections: [],
      decidedAt: '2027-03-06T11:00:00.000Z',
    },
  ],
};

const BodyParams = z.strictObject({ bodyId: BodyIdSchema });

/** An unknown body or session on a page for browsers: the German page, 404, not a problem document. */
const notFoundPage = (c: Context<AppEnv>, error: unknown, what: 'body' | 'session') => {
  if (!(error instanceof NotFoundError)) throw error;
  c.header('Cache-Control', 'no-store');
  return c.html(publicNotFoundPage(what), 404);
};

/**
 * The public calendar and session pages: a body's sessions (a page, and an
 * iCalendar to subscribe to) and one session's page, the HTML face of what
 * OParl serves: public agenda items only, released resolutions only, no
 * video link. Served by the documents function.
 */
export const publicSessionRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/public/bodies/{bodyId}/sessions',
      operationId: 'listPublicSessions',
      summary: "A body's sessions, upcoming and past: the German public page",
      tags,
      access: 'public',
      params: BodyParams,
      responses: {
        200: { description: 'German HTML page', ...htmlPage },
        404: { description: 'No such body (HTML page)' },
      },
    },
    async (c, { params }) => {
      try {
        const sessions = await publicSessionsOfBody(deps, params.bodyId);
        c.header('Cache-Control', publicCache);
        return c.html(publicSessionsPage(sessions));
      } catch (error) {
        return notFoundPage(c, error, 'body');
      }
    },
  ),
  route(
    {
      method: 'get',
      path: '/public/bodies/{bodyId}/sessions.ics',
      operationId: 'publicSessionsCalendar',
      summary: "A body's sessions as an iCalendar to subscribe to (no token)",
      description:
        'One event per session with a stable UID; a cancelled session stays, marked CANCELLED. No video link.',
      tags,
      access: 'public',
      params: BodyParams,
      responses: {
        200: {
          description: 'The calendar',
          contentType: 'text/calendar',
          schema: z.string(),
          example: 'BEGIN:VCALENDAR…',
        },
        404: { description: 'No such body' },
      },
    },
    async (c, { params }) => {
      const { body, upcoming, past } = await publicSessionsOfBody(deps, params.bodyId);
      const origin = new URL(c.req.url).origin;
      c.header('Cache-Control', publicCache);
      return c.body(await publicSessionsCalendar(body, [...upcoming, ...past], origin), 200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `inline; filename="sitzungen-${body.id}.ics"`,
      });
    },
  ),
  route(
    {
      method: 'get',
      path: '/public/sessions/{sessionId}',
      operationId: 'getPublicSession',
      summary:
        'One session for the public: its facts, public agenda items and, once released, its resolutions (HTML)',
      tags,
      access: 'public',
      params: SessionParams,
      responses: {
        200: { description: 'German HTML page', ...htmlPage },
        404: { description: 'No such session (HTML page)' },
      },
    },
    async (c, { params }) => {
      try {
        const record = await publicSessionRecord(deps, params.sessionId);
        c.header('Cache-Control', publicCache);
        return c.html(publicSessionPage(record));
      } catch (error) {
        return notFoundPage(c, error, 'session');
      }
    },
  ),
];

/**
 * The public record of a session's released resolutions, as JSON or a German
 * HTML page (by `Accept`). Served by the documents function.
 */
export const publicResolutionRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/public/sessions/{sessionId}/resolutions',
      operationId: 'listPublishedResolutions',
      summary: "A session's resolutions released for publication (JSON, or HTML by Accept)",
      description:
        'Only released resolutions appear: nothing drafted, merely decided, or kept internal. Send `Accept: text/html` for the readable German page.',
      tags,
      access: 'public',
      params: SessionParams,
      responses: {
        200: { description: 'The released resolutions', schema: PublishedSchema, example },
        404: { description: 'No such session' },
      },
    },
    async (c, { params }) => {
      const collection = await publishedResolutions(deps, params.sessionId);
      c.header('Cache-Control', publicCache);
      c.header('Vary', 'Accept');
      if (wantsHtml(c.req.header('accept'))) {
        return c.html(
          resolutionsPage(collection, `/public/sessions/${params.sessionId}/resolutions.pdf`),
        );
      }
      return c.json(collection);
    },
  ),
];
