/**
 * The console's and public pages' budgets: HTML per page, JavaScript
 * shipped per page (gzipped), and the server time of a page against the
 * JSON API call(s) that carry the same data, measured alternately in one run.
 */
import { gzipSync } from 'node:zlib';
import { createTestApp } from '../test/fixtures/test-app.js';
import type { ProofContext } from './proof.js';

export const consoleTargets = { htmlKb: 60, scriptKbGzipped: 30, serverTimeRatio: 1.5 };

/** A page, and the API calls that serve the same data to a client of the API. */
export interface PageCase {
  name: string;
  path: (context: PageContext) => string;
  /** Staff pages need the token; public pages are read without. */
  staff: boolean;
  api: ((context: PageContext) => string)[];
}

interface PageContext {
  sessionId: string;
  from: string;
  to: string;
}

const dayMs = 24 * 60 * 60 * 1000;

/** The pages the budgets cover. */
export const pageCases: PageCase[] = [
  {
    name: 'console: overview',
    path: () => '/console',
    staff: true,
    api: [({ from, to }) => `/v1/sessions?from=${from}&to=${to}&limit=100`, () => '/v1/bodies'],
  },
  {
    name: 'console: session',
    path: ({ sessionId }) => `/console/sessions/${sessionId}`,
    staff: true,
    api: [
      ({ sessionId }) => `/v1/sessions/${sessionId}`,
      ({ sessionId }) => `/v1/sessions/${sessionId}/agenda-items`,
    ],
  },
  {
    name: 'console: agenda',
    path: ({ sessionId }) => `/console/sessions/${sessionId}/agenda`,
    staff: true,
    api: [
      ({ sessionId }) => `/v1/sessions/${sessionId}`,
      ({ sessionId }) => `/v1/sessions/${sessionId}/agenda-items`,
    ],
  },
  {
    name: 'console: attendance board',
    path: ({ sessionId }) => `/console/sessions/${sessionId}/board`,
    staff: true,
    api: [
      ({ sessionId }) => `/v1/sessions/${sessionId}/attendance`,
      ({ sessionId }) => `/v1/sessions/${sessionId}/inbound-mail`,
    ],
  },
  {
    name: 'console: vote grid',
    path: ({ sessionId }) => `/console/sessions/${sessionId}/votes`,
    staff: true,
    api: [
      ({ sessionId }) => `/v1/sessions/${sessionId}`,
      ({ sessionId }) => `/v1/sessions/${sessionId}/resolutions`,
      () => '/v1/bodies/imk',
    ],
  },
  {
    name: 'console: body',
    path: () => '/console/bodies/imk',
    staff: true,
    api: [() => '/v1/bodies/imk', () => '/v1/bodies/imk/chair-periods'],
  },
  {
    name: 'console: press',
    path: () => '/console/press',
    staff: true,
    api: [() => '/v1/press-releases?limit=50'],
  },
  {
    name: 'public: press releases',
    path: () => '/public/press-releases',
    staff: false,
    api: [() => '/public/press-releases'],
  },
  {
    name: 'public: session',
    path: ({ sessionId }) => `/public/sessions/${sessionId}`,
    staff: false,
    api: [({ sessionId }) => `/oparl/v1/meetings/${sessionId}`],
  },
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * Measures every page case: size of its HTML, the gzipped size of the
 * scripts it loads, and its median server time against its API calls.
 */
export const consoleBudgets = async (context: ProofContext, iterations: number) => {
  const db = context.client();
  const { app, issuer } = await createTestApp(db, context.tableName);
  const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
  const now = Date.now();
  const pageContext: PageContext = {
    sessionId: context.sessionId,
    from: new Date(now - dayMs).toISOString(),
    to: new Date(now + 400 * dayMs).toISOString(),
  };
  const get = async (path: string, staff: boolean, accept = 'text/html') => {
    const response = await app.request(path, {
      headers: { accept, ...(staff ? { authorization: `Bearer ${token}` } : {}) },
    });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return body;
  };
  const rows = [];
  for (const page of pageCases) {
    const path = page.path(pageContext);
    const html = await get(path, page.staff);
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
    let scriptBytes = 0;
    for (const src of scripts) {
      scriptBytes += gzipSync(await get(src.replaceAll('&amp;', '&'), false, '*/*')).length;
    }
    const pageTimes: number[] = [];
    const apiTimes: number[] = [];
    const apiCalls = () =>
      Promise.all(page.api.map((call) => get(call(pageContext), true, 'application/json')));
    for (let i = 0; i < 5; i += 1) {
      await get(path, page.staff);
      await apiCalls();
    }
    for (let i = 0; i < iterations; i += 1) {
      let start = performance.now();
      await get(path, page.staff);
      pageTimes.push(performance.now() - start);
      start = performance.now();
      await apiCalls();
      apiTimes.push(performance.now() - start);
    }
    const pageMedian = percentile(pageTimes, 50);
    const apiMedian = percentile(apiTimes, 50);
    const htmlKb = round(Buffer.byteLength(html) / 1024, 1);
    const scriptKbGzipped = round(scriptBytes / 1024, 1);
    const serverTimeRatio = round(pageMedian / apiMedian);
    rows.push({
      page: page.name,
      path,
      htmlKb,
      scriptKbGzipped,
      pageMedianMs: round(pageMedian),
      apiMedianMs: round(apiMedian),
      serverTimeRatio,
      meetsHtml: htmlKb <= consoleTargets.htmlKb,
      meetsScript: scriptKbGzipped <= consoleTargets.scriptKbGzipped,
      meetsServerTime: serverTimeRatio <= consoleTargets.serverTimeRatio,
    });
  }
  return rows;
};
