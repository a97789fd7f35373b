/**
 * The benchmark's request-level figures, each against a baseline measured in
 * the same run: API overhead over the bare SDK calls, DynamoDB work per
 * operation, the fan-out of 1,000 invitations, and a bounded load run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import CachePolicy from 'http-cache-semantics';
import { ulid } from 'ulid';
import { DynamoConferenceRepository } from '../shared/adapters/dynamodb/conference-repository.js';
import { keys } from '../shared/adapters/dynamodb/table-design.js';
import { createSendPacer, pacedSender } from '../shared/adapters/ses/send-pacer.js';
import { SesMailSender } from '../shared/adapters/ses/ses-mail-sender.js';
import { federationId, lands } from '../shared/domain/lands.js';
import type { Session } from '../shared/domain/session.js';
import type { OutgoingMail } from '../shared/mail/invitation-mail.js';
import { addMember, createBody } from '../shared/use-cases/bodies.js';
import { systemActor } from '../shared/use-cases/context.js';
import { deliverOutboxEntry, type MailerDeps } from '../shared/use-cases/deliver-mail.js';
import { answerToken, sendInvitations } from '../shared/use-cases/invitations.js';
import { approvePressRelease } from '../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../shared/use-cases/press-releases.js';
import { planSession } from '../shared/use-cases/sessions.js';
import { createTestApp, testLinkSecret } from '../test/fixtures/test-app.js';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export interface ProofContext {
  /** A fresh document client to DynamoDB Local (each section counts its own requests). */
  client: () => DynamoDBDocumentClient;
  tableName: string;
  sessionId: string;
  linkSecret: string;
  sesEndpoint: string;
}

/** Counts the DynamoDB requests (by operation) and the capacity they consumed. */
export const countDynamoWork = (client: DynamoDBDocumentClient) => {
  const counts: Record<string, number> = {};
  let capacity = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      counts[name] = (counts[name] ?? 0) + 1;
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        capacity += (entry as { CapacityUnits?: number }).CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  return {
    reset: () => {
      for (const key of Object.keys(counts)) delete counts[key];
      capacity = 0;
    },
    snapshot: () => ({ requests: { ...counts }, capacityUnits: round(capacity, 1) }),
  };
};

/** Latency of app requests and of the bare SDK calls they need, measured alternately. */
const compare = async (
  iterations: number,
  app: () => Promise<unknown>,
  bare: () => Promise<unknown>,
) => {
  const appTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    await app();
    await bare();
  }
  for (let i = 0; i < iterations; i += 1) {
    let start = performance.now();
    await app();
    appTimes.push(performance.now() - start);
    start = performance.now();
    await bare();
    bareTimes.push(performance.now() - start);
  }
  const appMedian = percentile(appTimes, 50);
  const bareMedian = percentile(bareTimes, 50);
  const appP99 = percentile(appTimes, 99);
  const bareP99 = percentile(bareTimes, 99);
  return {
    appMedianMs: round(appMedian),
    bareMedianMs: round(bareMedian),
    medianRatio: round(appMedian / bareMedian),
    appP99Ms: round(appP99),
    bareP99Ms: round(bareP99),
    p99Ratio: round(appP99 / bareP99),
  };
};

/**
 * API overhead and DynamoDB work of the main reads and writes: the Hono app
 * (token check, validation, use case, JSON) against DynamoDB Local, beside
 * the bare SDK calls the same operation needs.
 */
export const apiOverhead = async (context: ProofContext, iterations: number) => {
  const { tableName: TableName, sessionId } = context;
  const db = context.client();
  const counter = countDynamoWork(db);
  const clock = { now: () => new Date() };
  const repo = new DynamoConferenceRepository(db, TableName);
  const { app, issuer } = await createTestApp(db, TableName, { clock });
  const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
  const auth = { authorization: `Bearer ${token}` };
  const session = (await repo.getSession(sessionId)) as Session;
  const invitation = (await repo.listInvitations(sessionId)).find(
    (i) => i.memberId === 'DE-BY' && i.capacity === 'principal',
  );
  if (invitation === undefined) throw new Error('The bench session has no invitations.');
  // The app under test signs links with the tests' key.
  const link = `/links/invitations/${answerToken({ repo, clock, linkSecret: testLinkSecret }, session, invitation)}`;
  let flip = false;
  const form = () => {
    flip = !flip;
    return {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `status=${flip ? 'accepted' : 'declined'}`,
    };
  };
  const expectOk = async (response: Response | Promise<Response>) => {
    const r = await response;
    if (r.status >= 300) throw new Error(`bench request answered ${r.status}`);
    await r.arrayBuffer();
  };
  const getSession = () => db.send(new GetCommand({ TableName, Key: keys.session(sessionId) }));
  const bareWrite = async () => {
    // As the app: one consistent read of session, invitation and body, then the transaction.
    const read = await db.send(
      new BatchGetCommand({
        RequestItems: {
          [TableName]: {
            Keys: [
              keys.session(sessionId),
              keys.invitation(sessionId, invitation.id),
              keys.body(session.bodyId),
            ],
            ConsistentRead: true,
          },
        },
      }),
    );
    const item = (read.Responses?.[TableName] ?? []).find(
      (stored) => stored.type === 'Invitation',
    ) as Record<string, unknown> & { version: number };
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { ...item, version: item.version + 1 },
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: { ':v': item.version },
            },
          },
          {
            Put: {
              TableName,
              Item: { PK: `AUDIT#bench#${sessionId}`, SK: ulid(), type: 'Audit' },
            },
          },
        ],
      }),
    );
  };
  const operations = {
    'read: GET /v1/sessions/{id}': await compare(
      iterations,
      () => expectOk(app.request(`/v1/sessions/${sessionId}`, { headers: auth })),
      getSession,
    ),
    'read: GET /v1/sessions/{id}/attendance': await compare(
      iterations,
      () => expectOk(app.request(`/v1/sessions/${sessionId}/attendance`, { headers: auth })),
      async () => {
        await getSession();
        await Promise.all([
          db.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: 'PK = :pk',
              ExpressionAttributeValues: { ':pk': 'BODY#imk' },
            }),
          ),
          db.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
              ExpressionAttributeValues: { ':pk': `SESSION#${sessionId}`, ':sk': 'INVITATION#' },
            }),
          ),
        ]);
      },
    ),
    'write: POST /links/invitations/{token} (confirm attendance)': await compare(
      iterations,
      () => expectOk(app.request(link, form())),
      bareWrite,
    ),
  };

  // DynamoDB work of single operations, counted from the SDK.
  counter.reset();
  await expectOk(app.request(link, form()));
  const confirm = counter.snapshot();
  counter.reset();
  await expectOk(app.request(`/v1/sessions/${sessionId}/attendance`, { headers: auth }));
  const board = counter.snapshot();
  return { operations, work: { confirmAttendance: confirm, attendanceBoard: board }, counter };
};

/**
 * Invites 1,020 people (three bodies of 17 members with 20 people each),
 * then delivers every mail through the local SES with 20 sends in flight
 * (the mailer's two concurrent batches of ten), against a baseline of the
 * same number of prebuilt mails sent with the same concurrency.
 */
export const fanOut = async (context: ProofContext) => {
  const { tableName } = context;
  const db = context.client();
  const counter = countDynamoWork(db);
  const clock = { now: () => new Date() };
  const repo = new DynamoConferenceRepository(db, tableName);
  const deps = { repo, clock, linkSecret: context.linkSecret };
  const sessions: string[] = [];
  for (const name of ['a', 'b', 'c']) {
    const bodyId = `fan-out-${name}`;
    await createBody(deps, systemActor, {
      id: bodyId,
      name: `Lasttest ${name}`,
      shortName: `LT ${name}`,
      kind: 'crisis_staff',
      decisionRule: { kind: 'majority' },
    });
    for (const member of [
      ...lands.map((l) => ({ code: l.code, name: l.name })),
      { code: federationId, name: 'Bund' },
    ]) {
      await addMember(deps, systemActor, bodyId, {
        memberId: member.code,
        name: member.name,
        voting: member.code !== federationId,
        people: Array.from({ length: 20 }, (_, i) => ({
          capacity: i === 0 ? ('principal' as const) : ('office_contact' as const),
          name: `Person ${i}`,
          function: 'Referat',
          email: `p${i}.${member.code.toLowerCase()}.${name}@fan-out.example.org`,
        })),
      });
    }
    const { value } = await planSession(deps, systemActor, bodyId, {
      kind: 'video',
      title: `Lasttest ${name}`,
      startsAt: '2027-06-01T10:00:00+02:00',
      endsAt: '2027-06-01T11:00:00+02:00',
      videoLink: 'https://video.example.org/last',
    });
    sessions.push(value.id);
  }
  counter.reset();
  const inviteStart = performance.now();
  let invited = 0;
  for (const sessionId of sessions) {
    invited += (
      await sendInvitations(deps, systemActor, sessionId, { includeOfficeContacts: true })
    ).invited.length;
  }
  const inviteMs = performance.now() - inviteStart;
  const inviteWork = counter.snapshot();

  const sesCalls = { count: 0 };
  const ses = new SesMailSender({ region: 'eu-central-1', endpoint: context.sesEndpoint });
  const counted = {
    send: (mail: OutgoingMail) => {
      sesCalls.count += 1;
      return ses.send(mail);
    },
  };
  const mailer: MailerDeps = {
    repo,
    clock,
    linkSecret: context.linkSecret,
    sender: counted,
    mail: {
      senderDomain: 'imk.example.org',
      secretariat: { name: 'Geschäftsstelle', email: 'gs@imk.example.org' },
      publicBaseUrl: 'http://localhost:3000',
    },
  };
  const inFlight = 20;
  const pool = async <T>(items: T[], work: (item: T) => Promise<unknown>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < items.length) {
          const item = items[next] as T;
          next += 1;
          await work(item);
        }
      }),
    );
  };
  const inboxCount = async () =>
    ((await (await fetch(`${context.sesEndpoint}/store`)).json()) as { emails: unknown[] }).emails
      .length;
  await fetch(`${context.sesEndpoint}/clear-store`, { method: 'POST' });
  const ids = (await repo.listQueuedOutbox(2000))
    .filter((entry) => 'sessionId' in entry && sessions.includes(entry.sessionId))
    .map((entry) => entry.id);
  const deliverStart = performance.now();
  await pool(ids, (id) => deliverOutboxEntry(mailer, id));
  while ((await inboxCount()) < ids.length) await new Promise((r) => setTimeout(r, 50));
  const deliverMs = performance.now() - deliverStart;

  // Baseline: the same number of ready-made mails, straight to SES.
  await fetch(`${context.sesEndpoint}/clear-store`, { method: 'POST' });
  const plain: OutgoingMail = {
    from: { name: 'Geschäftsstelle', address: 'einladung@imk.example.org' },
    to: { name: 'Person', address: 'p@fan-out.example.org' },
    replyTo: 'antwort@imk.example.org',
    subject: 'Einladung',
    text: 'Text',
    html: '<p>Text</p>',
    messageId: '<baseline@imk.example.org>',
    headers: {},
  };
  const bareStart = performance.now();
  await pool(ids, () => ses.send(plain));
  while ((await inboxCount()) < ids.length) await new Promise((r) => setTimeout(r, 50));
  const bareMs = performance.now() - bareStart;
  return {
    invitations: invited,
    inviteMs: round(inviteMs, 0),
    inviteWork,
    sesCalls: sesCalls.count,
    mailsInInbox: ids.length,
    deliverMs: round(deliverMs, 0),
    bareSendMs: round(bareMs, 0),
    deliverRatio: round(deliverMs / bareMs),
  };
};

/**
 * A bounded load run on loopback with autocannon: the public Atom feed and
 * a link confirmation, each against a bare Node server answering a constant.
 */
export const loadRun = async (context: ProofContext, seconds: number) => {
  const { tableName, sessionId } = context;
  const db = context.client();
  const clock = { now: () => new Date() };
  const repo = new DynamoConferenceRepository(db, tableName);
  const deps = { repo, clock, linkSecret: context.linkSecret };
  for (let i = 0; i < 10; i += 1) {
    const { value } = await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      title: `Pressemitteilung ${i}`,
      dateline: 'HAMBURG',
      body: 'Die Innenministerinnen und Innenminister der Länder beraten in Hamburg.\n\n'.repeat(5),
    });
    await submitPressRelease(deps, systemActor, value.id);
    await approvePressRelease(deps, systemActor, value.id, {});
    await publishPressRelease(deps, systemActor, value.id, {});
  }
  const session = (await repo.getSession(sessionId)) as Session;
  const invitation = (await repo.listInvitations(sessionId)).find(
    (i) => i.memberId === 'DE-HE' && i.capacity === 'principal',
  );
  const link = `/links/invitations/${answerToken({ ...deps, linkSecret: testLinkSecret }, session, invitation ?? ({} as never))}`;
  const { app } = await createTestApp(db, tableName, { clock });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bare = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const hit = async (url: string, options: Partial<autocannon.Options> = {}) => {
    const result = await autocannon({ url, connections: 10, duration: seconds, ...options });
    return {
      requestsPerSecond: round(result.requests.average, 0),
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
    };
  };
  try {
    const baseline = await hit(bareUrl);
    const feed = await hit(`${base}/public/feeds/press-releases.atom`);
    const confirm = await hit(`${base}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=accepted',
    });
    return {
      seconds,
      connections: 10,
      baseline,
      feed: {
        ...feed,
        ratioToBaseline: round(feed.requestsPerSecond / baseline.requestsPerSecond, 3),
      },
      confirm: {
        ...confirm,
        ratioToBaseline: round(confirm.requestsPerSecond / baseline.requestsPerSecond, 3),
      },
    };
  } finally {
    server.close();
    bare.close();
  }
};

/** A cache policy whose clock the benchmark moves, so minutes of traffic take milliseconds. */
class VirtualTimePolicy extends CachePolicy {
  static clock = 0;
  now() {
    return VirtualTimePolicy.clock;
  }
}

/**
 * The public feed behind a shared cache that honours the app's
 * `Cache-Control` as CloudFront does (keyed by path, `Accept` and
 * `Accept-Language`; http-cache-semantics decides freshness): 1,000 client
 * requests spread over ten minutes, from three kinds of reader. Counts what
 * reaches the origin, against the same traffic without a cache.
 */
export const cachedFeed = async (context: ProofContext) => {
  const db = context.client();
  const { app } = await createTestApp(db, context.tableName);
  let originRequests = 0;
  const origin = async (path: string, headers: Record<string, string>) => {
    originRequests += 1;
    const response = await app.request(path, { headers });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: await response.text(),
    };
  };
  const cache = new Map<string, { policy: CachePolicy; body: string }>();
  const readers = [
    { accept: 'application/atom+xml', 'accept-language': 'de' },
    { accept: '*/*', 'accept-language': 'de-DE,de;q=0.9' },
    { accept: 'application/atom+xml,application/xml;q=0.9', 'accept-language': 'en' },
  ];
  const clientRequests = 1000;
  const spanSeconds = 600;
  const path = '/public/feeds/press-releases.atom';
  let maxAge = '';
  VirtualTimePolicy.clock = Date.now();
  const start = VirtualTimePolicy.clock;
  for (let i = 0; i < clientRequests; i += 1) {
    VirtualTimePolicy.clock = start + Math.round((i * spanSeconds * 1000) / clientRequests);
    const headers = readers[i % readers.length] as Record<string, string>;
    const key = `${path}|${headers.accept}|${headers['accept-language']}`;
    const request = { url: path, method: 'GET', headers };
    const hit = cache.get(key);
    if (hit?.policy.satisfiesWithoutRevalidation(request)) continue;
    const response = await origin(path, headers);
    maxAge = response.headers['cache-control'] ?? '';
    const policy = new VirtualTimePolicy(request, response, { shared: true });
    if (policy.storable()) cache.set(key, { policy, body: response.body });
  }
  return {
    clientRequests,
    spanSeconds,
    cacheControl: maxAge,
    originRequests,
    originRequestsPer1000: round((originRequests / clientRequests) * 1000, 1),
    originRequestsPerSecond: round(originRequests / spanSeconds, 3),
    // Without the cache every client request reaches the origin.
    ratioToUncached: round(originRequests / clientRequests, 3),
  };
};

/**
 * The mailer's pace against `mailsPerSecond`: invitations delivered by two
 * workers (the event source's maximum concurrency), each paced to half the
 * rate as the deployed mailer is, through the local SES. Reports the
 * achieved rate and the most mails sent within any one second.
 */
export const sendRate = async (context: ProofContext, mailsPerSecond: number) => {
  const { tableName } = context;
  const db = context.client();
  const clock = { now: () => new Date() };
  const repo = new DynamoConferenceRepository(db, tableName);
  const deps = { repo, clock, linkSecret: context.linkSecret };
  const sessions: string[] = [];
  for (const day of ['02', '03']) {
    const { value } = await planSession(deps, systemActor, 'fan-out-a', {
      kind: 'video',
      title: `Taktprobe ${day}`,
      startsAt: `2027-07-${day}T10:00:00+02:00`,
      endsAt: `2027-07-${day}T11:00:00+02:00`,
      videoLink: 'https://video.example.org/takt',
    });
    await sendInvitations(deps, systemActor, value.id, {});
    sessions.push(value.id);
  }
  const ids = (await repo.listQueuedOutbox(2000))
    .filter((entry) => 'sessionId' in entry && sessions.includes(entry.sessionId))
    .map((entry) => entry.id);
  const ses = new SesMailSender({ region: 'eu-central-1', endpoint: context.sesEndpoint });
  const sentAt: number[] = [];
  const mailer: MailerDeps = {
    repo,
    clock,
    linkSecret: context.linkSecret,
    sender: {
      send: async (mail: OutgoingMail) => {
        sentAt.push(performance.now());
        return ses.send(mail);
      },
    },
    mail: {
      senderDomain: 'imk.example.org',
      secretariat: { name: 'Geschäftsstelle', email: 'gs@imk.example.org' },
      publicBaseUrl: 'http://localhost:3000',
    },
  };
  const workers = 2;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      // Each worker paces its own sender, as each mailer instance does.
      const worker = {
        ...mailer,
        sender: pacedSender(mailer.sender, createSendPacer(mailsPerSecond / workers)),
      };
      while (next < ids.length) {
        const id = ids[next] as string;
        next += 1;
        await deliverOutboxEntry(worker, id);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const busiestSecond = Math.max(
    ...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + 1000).length),
  );
  // The pace held from the first send to the last, without the start-up before the first.
  const sustained = (sentAt.length - 1) / (((sentAt.at(-1) ?? 0) - (sentAt[0] ?? 0)) / 1000);
  return {
    mailsPerSecond,
    mails: sentAt.length,
    seconds: round(seconds, 2),
    achievedPerSecond: round(sentAt.length / seconds, 2),
    sustainedPerSecond: round(sustained, 2),
    busiestSecond,
    ratioToConfigured: round(busiestSecond / mailsPerSecond, 2),
    // Reached: at least 90% of the configured pace sustained, never more than it in any second.
    reachesRate: sustained >= 0.9 * mailsPerSecond && busiestSecond <= mailsPerSecond,
  };
};
