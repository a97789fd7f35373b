import * as z from 'zod/mini';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { publishedResolutions } from '../../../shared/use-cases/published-resolutions.js';
import { resolutionsPage } from '../pages/resolutions-page.js';
import { type Route, route } from '../route.js';
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

const wantsHtml = (accept: string | undefined) => {
  const value = (accept ?? '').toLowerCase();
  const htmlAt = value.indexOf('text/html');
  const jsonAt = value.indexOf('application/json');
  return htmlAt !== -1 && (jsonAt === -1 || htmlAt < jsonAt);
};

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
