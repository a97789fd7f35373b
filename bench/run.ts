/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the
 * same run on the same machine. Prints a table and writes bench/results.json.
 * Exits non-zero only when the benchmark itself crashes, not on a missed target.
 */
import { execFile } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { bundleEntryFile, bundleFunction, eagerBytes } from '../infra/constructs/bundling.js';
import { ensureTable } from '../infra/local/dynamodb.js';
import {
  freePort,
  startDynamoDbLocal,
  startSesLocal,
  stopChild,
  waitForHttp,
} from '../infra/local/services.js';
import { createDocumentClient } from '../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../shared/adapters/dynamodb/conference-repository.js';
import { systemActor } from '../shared/use-cases/context.js';
import { seedDemo } from '../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../shared/use-cases/invitations.js';
import { createTestIssuer, testClientId, testIssuer } from '../test/fixtures/tokens.js';
import { consoleBudgets, consoleTargets } from './console.js';
import { benchFunctions } from './functions.js';
import { apiOverhead, cachedFeed, fanOut, loadRun, sendRate } from './proof.js';

// Node 20 is supported locally; keep the SDK's notice about Node 22 out of the report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const run = promisify(execFile);
const runs = Number(process.env.BENCH_RUNS ?? 11);
const targets = { coldStart: 1.3, bundle: 1.6, apiOverhead: 1.3 };
const apiIterations = Number(process.env.BENCH_API_ITERATIONS ?? 200);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const mailsPerSecond = Number(process.env.BENCH_MAILS_PER_SECOND ?? 10);
const outDir = resolve('bench/.build');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const bundle = async (
  name: string,
  entry: string,
  files: Record<string, string> = {},
  folders: Record<string, string> = {},
) => {
  const dir = join(outDir, name);
  rmSync(dir, { recursive: true, force: true });
  const metafile = bundleFunction(entry, dir, { root: process.cwd(), files, folders });
  const outfile = join(dir, bundleEntryFile);
  return { outfile, bytes: statSync(outfile).size, eagerBytes: eagerBytes(metafile).bytes };
};

interface ColdStart {
  loadMs: number;
  totalMs: number;
}

const runOnce = async (
  outfile: string,
  event: unknown,
  env: NodeJS.ProcessEnv,
): Promise<ColdStart> => {
  const { stdout } = await run(
    process.execPath,
    ['bench/cold-start-runner.mjs', outfile, JSON.stringify(event)],
    {
      env,
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('__bench__'));
  if (line === undefined)
    throw new Error(`The runner printed no result for ${outfile}:\n${stdout}`);
  const result = JSON.parse(line.slice('__bench__'.length)) as ColdStart & { statusCode: number };
  if (result.statusCode !== 200)
    throw new Error(`${outfile} answered ${result.statusCode}, not 200`);
  return result;
};

/**
 * Cold starts of several bundles, measured in rounds: each round starts every
 * bundle once, so that a slower or faster phase of the machine touches the
 * baseline and the functions alike and the ratios stay fair.
 */
const coldStarts = async (
  subjects: { outfile: string; event: (round: number) => unknown }[],
  env: NodeJS.ProcessEnv,
): Promise<ColdStart[]> => {
  const samples = subjects.map(() => ({ loads: [] as number[], totals: [] as number[] }));
  for (let round = 0; round < runs; round += 1) {
    for (const [index, subject] of subjects.entries()) {
      const result = await runOnce(subject.outfile, subject.event(round), env);
      samples[index]?.loads.push(result.loadMs);
      samples[index]?.totals.push(result.totalMs);
    }
  }
  return samples.map(({ loads, totals }) => ({ loadMs: median(loads), totalMs: median(totals) }));
};

const main = async () => {
  // Real local parts: DynamoDB Local with the demo, and a JWKS served on loopback.
  const dynamodbPort = await freePort();
  const dynamodb = startDynamoDbLocal({ port: dynamodbPort });
  const sesPort = await freePort();
  const ses = startSesLocal({ port: sesPort });
  const endpoint = `http://127.0.0.1:${dynamodbPort}`;
  const issuer = await createTestIssuer();
  const jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [issuer.publicJwk] }));
  });
  const jwksPort = await freePort();
  await new Promise<void>((done) => jwks.listen(jwksPort, '127.0.0.1', done));
  // A stand-in for S3 that serves the raw reply the inbound-mail function reads.
  const rawReply = [
    'From: minister@de-by.example.org',
    'To: antwort+01JDE5BA77000000000000000A.abcdefABCDEF@imk.example.org',
    'Subject: AW: Einladung',
    'Message-ID: <bench@de-by.example.org>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Zusage',
    '',
  ].join('\r\n');
  const s3 = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'message/rfc822', 'content-length': rawReply.length });
    res.end(rawReply);
  });
  const s3Port = await freePort();
  await new Promise<void>((done) => s3.listen(s3Port, '127.0.0.1', done));
  try {
    await waitForHttp(endpoint, 30_000, () => dynamodb.exitCode === null);
    await waitForHttp(
      `http://127.0.0.1:${sesPort}/health-check`,
      30_000,
      () => ses.exitCode === null,
    );
    const tableName = 'bench';
    await ensureTable(
      new DynamoDBClient({
        region: 'eu-central-1',
        endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      tableName,
    );
    const documentClient = createDocumentClient({ region: 'eu-central-1', endpoint });
    const seeded = await seedDemo({
      repo: new DynamoConferenceRepository(documentClient, tableName),
      clock: { now: () => new Date() },
    });
    const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
    const linkSecret = 'bench-link-secret-of-at-least-32-characters';
    // One queued mail per round of the mailer's cold starts: the demo's 17 invitations.
    await sendInvitations(
      {
        repo: new DynamoConferenceRepository(documentClient, tableName),
        clock: { now: () => new Date() },
        linkSecret,
      },
      systemActor,
      seeded.sessionId ?? '',
      {},
    );
    const outboxIds = (
      await new DynamoConferenceRepository(documentClient, tableName).listQueuedOutbox(25)
    ).map((entry) => entry.id);
    if (outboxIds.length < runs) throw new Error(`BENCH_RUNS may be at most ${outboxIds.length}.`);
    const env = {
      ...process.env,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: endpoint,
      JWT_ISSUER: testIssuer,
      JWKS_URL: `http://127.0.0.1:${jwksPort}/.well-known/jwks.json`,
      JWT_CLIENT_IDS: testClientId,
      LOG_LEVEL: 'WARN',
      SES_ENDPOINT: `http://127.0.0.1:${sesPort}`,
      SENDER_DOMAIN: 'imk.example.org',
      SECRETARIAT_EMAIL: 'geschaeftsstelle@imk.example.org',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      LINK_SECRET: linkSecret,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`,
      INBOUND_BUCKET: 'inbound',
    };

    const baselineBundle = await bundle('baseline', 'bench/baseline-handler.ts');
    const queryBundle = await bundle('baseline-query', 'bench/baseline-query-handler.ts');
    const built: { outfile: string; bytes: number }[] = [];
    for (const fn of benchFunctions)
      built.push(await bundle(fn.name, fn.entry, fn.files?.(), fn.folders));
    const context = { token, sessionId: seeded.sessionId ?? '', outboxIds };
    const [baseline, bareQuery, ...measured] = (await coldStarts(
      [
        { outfile: baselineBundle.outfile, event: () => ({}) },
        { outfile: queryBundle.outfile, event: () => ({}) },
        ...benchFunctions.map((fn, index) => ({
          outfile: built[index]?.outfile ?? '',
          event: (round: number) => fn.event({ ...context, round }),
        })),
      ],
      env,
    )) as [ColdStart, ColdStart, ...ColdStart[]];

    const rows = benchFunctions.map((fn, index) => {
      const bytes = built[index]?.bytes ?? 0;
      const times = measured[index] as ColdStart;
      const bundleRatio = bytes / baselineBundle.bytes;
      const coldStartRatio = times.totalMs / baseline.totalMs;
      return {
        function: fn.name,
        bundleKb: Math.round(bytes / 1024),
        bundleRatio: Number(bundleRatio.toFixed(2)),
        loadMs: Number(times.loadMs.toFixed(1)),
        coldStartMs: Number(times.totalMs.toFixed(1)),
        loadRatio: Number((times.loadMs / baseline.loadMs).toFixed(2)),
        coldStartRatio: Number(coldStartRatio.toFixed(2)),
        overBareQueryRatio: Number((times.totalMs / bareQuery.totalMs).toFixed(2)),
        meetsBundleTarget: bundleRatio <= targets.bundle,
        meetsColdStartTarget: coldStartRatio <= targets.coldStart,
      };
    });

    const proofContext = {
      client: () => createDocumentClient({ region: 'eu-central-1', endpoint }),
      tableName,
      sessionId: seeded.sessionId ?? '',
      linkSecret,
      sesEndpoint: `http://127.0.0.1:${sesPort}`,
    };
    const api = await apiOverhead(proofContext, apiIterations);
    const fan = await fanOut(proofContext);
    const load = await loadRun(proofContext, loadSeconds);
    const feedCache = await cachedFeed(proofContext);
    const mailRate = await sendRate(proofContext, mailsPerSecond);
    const pages = await consoleBudgets(proofContext, Math.max(20, Math.round(apiIterations / 4)));
    const scans = (api.counter.snapshot().requests.Scan ?? 0) + (fan.inviteWork.requests.Scan ?? 0);

    const results = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      runs,
      targets,
      baseline: {
        bundleKb: Math.round(baselineBundle.bytes / 1024),
        loadMs: Number(baseline.loadMs.toFixed(1)),
        coldStartMs: Number(baseline.totalMs.toFixed(1)),
      },
      bareQuery: {
        bundleKb: Math.round(queryBundle.bytes / 1024),
        loadMs: Number(bareQuery.loadMs.toFixed(1)),
        coldStartMs: Number(bareQuery.totalMs.toFixed(1)),
      },
      functions: rows,
      apiOverhead: Object.fromEntries(
        Object.entries(api.operations).map(([name, figures]) => [
          name,
          { ...figures, meetsTarget: figures.medianRatio <= targets.apiOverhead },
        ]),
      ),
      dynamodbWork: { ...api.work, scans },
      fanOut: fan,
      load,
      feedCache,
      mailRate,
      pages: { targets: consoleTargets, rows: pages },
    };
    writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);

    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const out = [
      `Cold start and bundle size, median of ${runs} fresh Node ${process.version} processes each, started in interleaved rounds`,
      `(baseline: a bundle that constructs a DynamoDB client and answers a constant: ${results.baseline.bundleKb} KB, load ${results.baseline.loadMs} ms, load+answer ${results.baseline.coldStartMs} ms)`,
      '',
      `(informative: the bare SDK Query of the typical request, no framework: load+answer ${results.bareQuery.coldStartMs} ms)`,
      '',
      line([
        'function',
        'bundle KB',
        'bundle ×',
        `target ≤ ${targets.bundle}`,
        'load ms',
        'load ×',
        'load+request ms',
        'cold start ×',
        `target ≤ ${targets.coldStart}`,
        '× bare query',
      ]),
      line(['---', '---:', '---:', '---', '---:', '---:', '---:', '---:', '---', '---:']),
      ...rows.map((r) =>
        line([
          r.function,
          String(r.bundleKb),
          r.bundleRatio.toFixed(2),
          r.meetsBundleTarget ? 'met' : 'MISSED',
          r.loadMs.toFixed(1),
          r.loadRatio.toFixed(2),
          r.coldStartMs.toFixed(1),
          r.coldStartRatio.toFixed(2),
          r.meetsColdStartTarget ? 'met' : 'MISSED',
          r.overBareQueryRatio.toFixed(2),
        ]),
      ),
      '',
      `API overhead: the Hono app in-process against DynamoDB Local, beside the bare SDK calls each operation needs (${apiIterations} alternating requests each; target median ≤ ${targets.apiOverhead}×)`,
      '',
      line([
        'operation',
        'app median ms',
        'bare median ms',
        'median ×',
        'app p99 ms',
        'bare p99 ms',
        'p99 ×',
        'target',
      ]),
      line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
      ...Object.entries(results.apiOverhead).map(([name, f]) =>
        line([
          name,
          f.appMedianMs.toFixed(2),
          f.bareMedianMs.toFixed(2),
          f.medianRatio.toFixed(2),
          f.appP99Ms.toFixed(2),
          f.bareP99Ms.toFixed(2),
          f.p99Ratio.toFixed(2),
          f.meetsTarget ? 'met' : 'MISSED',
        ]),
      ),
      '',
      'DynamoDB work per operation, counted from the SDK (requests by operation, consumed capacity units):',
      `- confirming attendance: ${JSON.stringify(api.work.confirmAttendance.requests)}, ${api.work.confirmAttendance.capacityUnits} CU`,
      `- attendance board of 17 members: ${JSON.stringify(api.work.attendanceBoard.requests)}, ${api.work.attendanceBoard.capacityUnits} CU`,
      `- Scan requests in the whole run: ${scans}`,
      '',
      `Fan-out: ${fan.invitations} invitations written in ${fan.inviteMs} ms with ${JSON.stringify(fan.inviteWork.requests)};`,
      `${fan.sesCalls} SES calls; all ${fan.mailsInInbox} mails in the local inbox after ${fan.deliverMs} ms (20 in flight), ${fan.deliverRatio}× the ${fan.bareSendMs} ms of the same number of ready-made mails sent straight to SES`,
      '',
      `Load (autocannon, ${load.connections} connections, ${load.seconds} s each, loopback; baseline: a bare Node server answering a constant at ${load.baseline.requestsPerSecond} req/s):`,
      `- public Atom feed: ${load.feed.requestsPerSecond} req/s (${load.feed.ratioToBaseline}× baseline), p99 ${load.feed.p99Ms} ms, ${load.feed.errors} errors`,
      `- link confirmation: ${load.confirm.requestsPerSecond} req/s (${load.confirm.ratioToBaseline}× baseline), p99 ${load.confirm.p99Ms} ms, ${load.confirm.errors} errors`,
      '',
      `Public feed behind a cache that honours Cache-Control (${feedCache.cacheControl}), keyed like CloudFront by Accept and Accept-Language: ${feedCache.clientRequests} client requests from 3 kinds of reader over ${feedCache.spanSeconds} s reach the origin ${feedCache.originRequests} times (${feedCache.originRequestsPer1000} per 1,000; ${feedCache.originRequestsPerSecond} req/s at the origin; ${feedCache.ratioToUncached}× the uncached origin load)`,
      '',
      `Mailer pace: ${mailRate.mails} invitations by 2 paced workers at mailsPerSecond ${mailRate.mailsPerSecond}: ${mailRate.achievedPerSecond} mails/s on average, at most ${mailRate.busiestSecond} within any one second (${mailRate.ratioToConfigured}× the configured rate; must stay ≤ 1)`,
      '',
      `Console and public pages: HTML per page (target ≤ ${consoleTargets.htmlKb} KB), JavaScript loaded per page, gzipped (target ≤ ${consoleTargets.scriptKbGzipped} KB), and the page's server time against the JSON API call(s) with the same data, in-process, alternating (target median ≤ ${consoleTargets.serverTimeRatio}×)`,
      '',
      line(['page', 'HTML KB', 'JS KB gz', 'page median ms', 'API median ms', 'time ×', 'targets']),
      line(['---', '---:', '---:', '---:', '---:', '---:', '---']),
      ...pages.map((p) =>
        line([
          p.page,
          p.htmlKb.toFixed(1),
          p.scriptKbGzipped.toFixed(1),
          p.pageMedianMs.toFixed(2),
          p.apiMedianMs.toFixed(2),
          p.serverTimeRatio.toFixed(2),
          p.meetsHtml && p.meetsScript && p.meetsServerTime
            ? 'met'
            : `MISSED (${[!p.meetsHtml && 'HTML', !p.meetsScript && 'JS', !p.meetsServerTime && 'time'].filter(Boolean).join(', ')})`,
        ]),
      ),
      '',
      'Written to bench/results.json.',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    jwks.close();
    s3.close();
    await Promise.all([stopChild(dynamodb), stopChild(ses)]);
  }
};

main().catch((error: unknown) => {
  process.stderr.write(
    `The benchmark crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
