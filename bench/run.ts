import { execFile } from 'node:child_process';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultMailsPerSecond } from '../infra/bin/stage-context.js';
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
import type { Session } from '../shared/domain/session.js';
import { systemActor } from '../shared/use-cases/context.js';
import { seedDemo } from '../shared/use-cases/demo-seed.js';
import { answerToken, sendInvitations } from '../shared/use-cases/invitations.js';
import { approvePressRelease } from '../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../shared/use-cases/press-releases.js';
import { createTestIssuer, testClientId, testIssuer } from '../test/fixtures/tokens.js';
import {
  type ColdResult,
  coldNode,
  coldRun,
  coldStartParts,
  median,
  startRecordingProxy,
} from './cold.js';
import { consoleBudgets, consoleTargets } from './console.js';
import { benchFunctions, coldRequests } from './functions.js';
import { apiOverhead, cachedFeed, fanOut, loadRun, sendRate } from './proof.js';

// Node 20 is supported locally; keep the SDK's notice about Node 22 out of the report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const runs = Number(process.env.BENCH_RUNS ?? 11);
const targets = { warmMedian: 1.2, warmP99: 1.5 };
const round1 = (value: number) => Number(value.toFixed(1));
const apiIterations = Number(process.env.BENCH_API_ITERATIONS ?? 200);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const mailsPerSecond = Number(process.env.BENCH_MAILS_PER_SECOND ?? defaultMailsPerSecond);
const outDir = resolve('bench/.build');

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
  return {
    outfile,
    bytes: statSync(outfile).size,
    eagerBytes: eagerBytes(metafile).bytes,
    parts: coldStartParts(metafile),
  };
};

/**
 * The last mail in the local SES as a raw message of its size, for the bare
 * SES call that the mailer's first mail is measured against.
 */
const lastMailAsRaw = async (sesPort: number) => {
  const { emails } = (await (await fetch(`http://127.0.0.1:${sesPort}/store`)).json()) as {
    emails: {
      destination: { to: string[] };
      subject: string;
      body: { text?: string; html?: string };
    }[];
  };
  const mail = emails.at(-1);
  if (mail === undefined) throw new Error('The mailer sent nothing in its recording run.');
  const to = mail.destination.to[0] ?? 'minister@example.org';
  const raw = [
    'From: einladung@imk.example.org',
    `To: ${to}`,
    `Subject: ${mail.subject}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `${mail.body.text ?? ''}\n${mail.body.html ?? ''}`,
  ].join('\r\n');
  return { raw, to };
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
    const repo = new DynamoConferenceRepository(documentClient, tableName);
    const outboxIds = (await repo.listQueuedOutbox(25)).map((entry) => entry.id);
    // One more for the recording run.
    if (outboxIds.length < runs + 1) {
      throw new Error(`BENCH_RUNS may be at most ${outboxIds.length - 1}.`);
    }
    const deps = { repo, clock: { now: () => new Date() }, linkSecret };
    const session = (await repo.getSession(seeded.sessionId ?? '')) as Session;
    const invitation = (await repo.listInvitations(session.id)).find(
      (i) => i.memberId === 'DE-BY' && i.capacity === 'principal',
    );
    if (invitation === undefined) throw new Error('The demo session has no invitation for DE-BY.');
    const answerLink = answerToken(deps, session, invitation);
    const release = await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      title: 'Innenministerkonferenz berät über den Schutz kritischer Infrastrukturen',
      dateline: 'HAMBURG',
      body: 'Die Innenministerinnen und Innenminister der Länder beraten in Hamburg.\n\n'.repeat(6),
    });
    await submitPressRelease(deps, systemActor, release.value.id);
    await approvePressRelease(deps, systemActor, release.value.id, {});
    await publishPressRelease(deps, systemActor, release.value.id, {});
    const releaseId = release.value.id;
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
      PAPERS_BUCKET: 'papers',
    };

    const coldNodeVersion = (await promisify(execFile)(coldNode, ['--version'])).stdout.trim();
    const built = new Map<string, Awaited<ReturnType<typeof bundle>>>();
    for (const fn of benchFunctions) {
      built.set(fn.name, await bundle(fn.name, fn.entry, fn.files?.(), fn.folders));
    }
    const renderer = benchFunctions.find((fn) => fn.name === 'renderer');
    const bare = {
      baseline: await bundle('baseline', 'bench/baseline-handler.ts'),
      dynamodb: await bundle('bare-dynamodb', 'bench/bare-dynamodb-handler.ts'),
      pdfkit: await bundle(
        'bare-pdfkit',
        'bench/bare-pdfkit-handler.ts',
        renderer?.files?.(),
        renderer?.folders,
      ),
      ses: await bundle('bare-ses', 'bench/bare-ses-handler.ts'),
    };
    const outfileOf = (name: string) => {
      const found = built.get(name);
      if (found === undefined) throw new Error(`No bundle ${name}.`);
      return found.outfile;
    };
    const context = {
      token,
      sessionId: seeded.sessionId ?? '',
      outboxIds,
      answerToken: answerLink,
      releaseId,
    };

    // Recording run: every request once through the proxy, to learn its bare work.
    const proxy = await startRecordingProxy(endpoint);
    const bareEvents = new Map<string, unknown>();
    const recorded = new Map<string, unknown[][]>();
    try {
      for (const request of coldRequests) {
        proxy.take();
        const result = await coldRun(
          outfileOf(request.bundle),
          request.event({ ...context, round: runs }),
          { ...env, DYNAMODB_ENDPOINT: proxy.endpoint },
          // BENCH_CPU_PROFILE=<folder>: a CPU profile of each request's recording run, by request.
          {
            profileDir:
              process.env.BENCH_CPU_PROFILE === undefined
                ? undefined
                : join(process.env.BENCH_CPU_PROFILE, request.name.replace(/[^\w]+/g, '-')),
          },
        );
        const steps = proxy.take();
        recorded.set(request.name, steps);
        if (request.bare === 'dynamodb') bareEvents.set(request.name, { steps });
        if (request.bare === 'pdfkit')
          bareEvents.set(request.name, { steps, pages: result.pdfPages });
        if (request.bare === 'ses') bareEvents.set(request.name, await lastMailAsRaw(sesPort));
      }
    } finally {
      await proxy.close();
    }

    // Rounds: each starts the baseline, and every request on its function and as bare work,
    // so that the machine's slower and faster moments touch all of them alike.
    const samples = new Map<string, { app: ColdResult[]; bare: ColdResult[] }>(
      coldRequests.map((request) => [request.name, { app: [], bare: [] }]),
    );
    const baselineRuns: ColdResult[] = [];
    for (let round = 0; round < runs; round += 1) {
      baselineRuns.push(await coldRun(bare.baseline.outfile, {}, env));
      for (const request of coldRequests) {
        const sample = samples.get(request.name) as { app: ColdResult[]; bare: ColdResult[] };
        sample.app.push(
          await coldRun(outfileOf(request.bundle), request.event({ ...context, round }), env),
        );
        sample.bare.push(
          await coldRun(bare[request.bare].outfile, bareEvents.get(request.name), env),
        );
      }
    }
    const baseline = {
      loadMs: median(baselineRuns.map((r) => r.loadMs)),
      totalMs: median(baselineRuns.map((r) => r.totalMs)),
      rssKb: median(baselineRuns.map((r) => r.rssKb)),
    };
    const coldRows = coldRequests.map((request) => {
      const sample = samples.get(request.name) as { app: ColdResult[]; bare: ColdResult[] };
      const appTotal = median(sample.app.map((r) => r.totalMs));
      const bareTotal = median(sample.bare.map((r) => r.totalMs));
      const ratio = appTotal / bareTotal;
      const steps = recorded.get(request.name);
      return {
        request: request.name,
        function: request.bundle,
        bare: request.bare,
        dynamodbRequests: steps?.flat().length ?? 0,
        dynamodbRoundTrips: steps?.length ?? 0,
        loadMs: round1(median(sample.app.map((r) => r.loadMs))),
        coldStartMs: round1(appTotal),
        bareMs: round1(bareTotal),
        ratio: Number(ratio.toFixed(2)),
        target: request.target,
        meetsTarget: request.target === undefined ? undefined : ratio <= request.target,
        peakRssMb: round1(Math.max(...sample.app.map((r) => r.rssKb)) / 1024),
      };
    });
    const rows = benchFunctions.map((fn) => {
      const b = built.get(fn.name) as Awaited<ReturnType<typeof bundle>>;
      const own = coldRows.filter((row) => row.function === fn.name);
      return {
        function: fn.name,
        coldStartKb: Math.round(b.eagerBytes / 1024),
        coldStartKbRatio: Number((b.eagerBytes / bare.baseline.eagerBytes).toFixed(2)),
        peakRssMb: Math.max(...own.map((row) => row.peakRssMb)),
        coldStartParts: b.parts,
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
      coldStartNode: coldNodeVersion,
      runs,
      targets,
      baseline: {
        coldStartKb: Math.round(bare.baseline.eagerBytes / 1024),
        loadMs: round1(baseline.loadMs),
        coldStartMs: round1(baseline.totalMs),
        peakRssMb: round1(baseline.rssKb / 1024),
      },
      coldRequests: coldRows,
      functions: rows,
      apiOverhead: Object.fromEntries(
        Object.entries(api.operations).map(([name, figures]) => [
          name,
          {
            ...figures,
            meetsTarget:
              figures.medianRatio <= targets.warmMedian && figures.p99Ratio <= targets.warmP99,
          },
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
      `Cold starts, median of ${runs} fresh Node ${coldNodeVersion} processes each, started in interleaved rounds.`,
      'Each request on its deployed bundle (load + answer) against a fresh process that makes only the bare work of the same request:',
      'the DynamoDB requests the function made (recorded, replayed with the plain client), plus a pdfkit document of as many pages (renderer) or one SES call (mailer).',
      '',
      line([
        'request',
        'function',
        'DynamoDB requests (round trips)',
        'load ms',
        'cold start ms',
        'bare ms',
        '× bare',
        'target',
        'peak RSS MB',
      ]),
      line(['---', '---', '---:', '---:', '---:', '---:', '---:', '---', '---:']),
      ...coldRows.map((r) =>
        line([
          r.request,
          r.function,
          `${r.dynamodbRequests} (${r.dynamodbRoundTrips})`,
          r.loadMs.toFixed(1),
          r.coldStartMs.toFixed(1),
          r.bareMs.toFixed(1),
          r.ratio.toFixed(2),
          r.target === undefined ? '–' : `≤ ${r.target}: ${r.meetsTarget ? 'met' : 'MISSED'}`,
          r.peakRssMb.toFixed(1),
        ]),
      ),
      '',
      `Per function: what a cold start reads (the entry and its static chunks) and the peak resident memory over its requests (baseline: a bundle that constructs a DynamoDB client and answers a constant: ${results.baseline.coldStartKb} KB, load ${results.baseline.loadMs} ms, ${results.baseline.peakRssMb} MB)`,
      '',
      line(['function', 'cold-start KB', '× baseline', 'peak RSS MB', 'largest parts (KB)']),
      line(['---', '---:', '---:', '---:', '---']),
      ...rows.map((r) =>
        line([
          r.function,
          String(r.coldStartKb),
          r.coldStartKbRatio.toFixed(2),
          r.peakRssMb.toFixed(1),
          r.coldStartParts
            .slice(0, 6)
            .map((p) => `${p.part} ${p.kb}`)
            .join(', '),
        ]),
      ),
      '',
      `API overhead: the Hono app in-process against DynamoDB Local, beside the bare SDK calls each operation needs (${apiIterations} alternating requests each; target median ≤ ${targets.warmMedian}×, p99 ≤ ${targets.warmP99}×)`,
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
      `Mailer pace: ${mailRate.mails} invitations by 2 paced workers at mailsPerSecond ${mailRate.mailsPerSecond} (the stack's default): ${mailRate.sustainedPerSecond} mails/s sustained from the first send to the last (${mailRate.achievedPerSecond} with the start), at most ${mailRate.busiestSecond} within any one second (${mailRate.ratioToConfigured}× the configured rate; must stay ≤ 1). Target: the configured rate reached (≥ 90% sustained) and never exceeded: ${mailRate.reachesRate ? 'met' : 'MISSED'}`,
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
