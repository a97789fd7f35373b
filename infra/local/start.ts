/**
 * `npm start`: the whole product on this machine. Starts DynamoDB Local, the
 * local SES, the local S3 and the API as supervised child processes, creates
 * the table and the buckets and seeds the demo once, prints where to look and
 * `ready`. Ctrl-C stops all.
 *
 *   npm start [-- --fresh]
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { createS3Client } from '../../shared/adapters/s3/client.js';
import { grantKey, type Staff } from '../../shared/domain/staff.js';
import { systemClock } from '../../shared/ports/clock.js';
import { seedDemo, seedDemoStaff } from '../../shared/use-cases/demo-seed.js';
import { ensureTable } from './dynamodb.js';
import {
  ensureLinkSecret,
  ensureSessionKey,
  ensureSigningKey,
  localClientId,
  localIssuer,
} from './local-auth.js';
import { ensureLocalBuckets, localBuckets } from './local-s3.js';
import { localPaths } from './paths.js';
import {
  checkJava,
  checkPortFree,
  LocalStackError,
  startDynamoDbLocal,
  startS3Local,
  startSesLocal,
  stopChild,
  waitForHttp,
} from './services.js';

const portFrom = (variable: string, fallback: number): number => {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalStackError(`${variable}=${raw} is not a port number (1–65535).`);
  }
  return port;
};

// Node 20 is supported locally; the SDK's notice about its future Node 22
// requirement is said once in the README instead of on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const children = new Map<string, ChildProcess>();
let stopping = false;

const stopAll = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await Promise.all([...children.values()].map((child) => stopChild(child)));
  process.exit(code);
};

const supervise = (name: string, child: ChildProcess, logFile: string) => {
  children.set(name, child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); its log is ${logFile}. Stopping the local stack.\n`,
    );
    void stopAll(1);
  });
  child.once('error', (error) => {
    if (stopping) return;
    process.stderr.write(
      `${name} could not be started: ${error.message}. Stopping the local stack.\n`,
    );
    void stopAll(1);
  });
};

const main = async () => {
  const { values } = parseArgs({ options: { fresh: { type: 'boolean' } }, strict: true });
  const ports = {
    dynamodb: portFrom('DYNAMODB_PORT', 8000),
    ses: portFrom('SES_PORT', 8005),
    s3: portFrom('S3_PORT', 4569),
    api: portFrom('PORT', 3000),
  };
  checkJava();
  await checkPortFree(ports.dynamodb, 'DynamoDB Local', 'DYNAMODB_PORT');
  await checkPortFree(ports.ses, 'the local SES', 'SES_PORT');
  await checkPortFree(ports.s3, 'the local S3', 'S3_PORT');
  await checkPortFree(ports.api, 'the API', 'PORT');

  if (values.fresh) {
    rmSync(localPaths.dynamodb, { recursive: true, force: true });
    rmSync(localPaths.s3, { recursive: true, force: true });
  }
  mkdirSync(localPaths.logs, { recursive: true });
  await ensureSigningKey();

  const log = (name: string) => join(localPaths.logs, `${name}.log`);
  supervise(
    'DynamoDB Local',
    startDynamoDbLocal({
      port: ports.dynamodb,
      dataPath: localPaths.dynamodb,
      logFile: log('dynamodb'),
    }),
    log('dynamodb'),
  );
  supervise('Local SES', startSesLocal({ port: ports.ses, logFile: log('ses') }), log('ses'));
  supervise(
    'Local S3',
    startS3Local({ port: ports.s3, directory: localPaths.s3, logFile: log('s3') }),
    log('s3'),
  );

  const dynamodbEndpoint = `http://127.0.0.1:${ports.dynamodb}`;
  await waitForHttp(
    dynamodbEndpoint,
    30_000,
    () => children.get('DynamoDB Local')?.exitCode === null,
  );

  const tableName = process.env.TABLE_NAME ?? 'conference-local';
  const region = process.env.AWS_REGION ?? 'eu-central-1';
  const raw = new DynamoDBClient({
    region,
    endpoint: dynamodbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const createdTable = await ensureTable(raw, tableName);
  const s3Endpoint = `http://127.0.0.1:${ports.s3}`;
  await waitForHttp(s3Endpoint, 30_000, () => children.get('Local S3')?.exitCode === null);
  const createdBuckets = await ensureLocalBuckets(
    createS3Client({ region, endpoint: s3Endpoint }),
    Object.values(localBuckets),
  );
  const documentClient = createDocumentClient({ region, endpoint: dynamodbEndpoint });
  const repo = new DynamoConferenceRepository(documentClient, tableName);
  const seeded = await seedDemo({ repo, clock: systemClock });
  // Also into a table seeded before there was a staff directory.
  const staff = await seedDemoStaff({
    repo,
    clock: systemClock,
    staff: new DynamoStaffDirectory(documentClient, tableName),
  });

  const apiEnv = {
    ...process.env,
    PORT: String(ports.api),
    TABLE_NAME: tableName,
    AWS_REGION: region,
    DYNAMODB_ENDPOINT: dynamodbEndpoint,
    JWT_ISSUER: localIssuer(ports.api),
    JWKS_URL: `http://127.0.0.1:${ports.api}/.well-known/jwks.json`,
    JWT_CLIENT_IDS: localClientId,
    SES_ENDPOINT: `http://127.0.0.1:${ports.ses}`,
    S3_ENDPOINT: s3Endpoint,
    PAPERS_BUCKET: localBuckets.papers,
    SENDER_DOMAIN: process.env.SENDER_DOMAIN ?? 'imk.example.org',
    SECRETARIAT_NAME: process.env.SECRETARIAT_NAME ?? 'Geschäftsstelle der IMK',
    SECRETARIAT_EMAIL: process.env.SECRETARIAT_EMAIL ?? 'geschaeftsstelle@imk.example.org',
    PUBLIC_BASE_URL: `http://localhost:${ports.api}`,
    LINK_SECRET: ensureLinkSecret(),
    SESSION_KEY: ensureSessionKey(),
  };
  const api = spawn(process.execPath, ['--import', 'tsx', 'infra/local/api-server.ts'], {
    env: apiEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
  api.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  supervise('The API', api, 'the output above');

  await Promise.all([
    waitForHttp(`http://127.0.0.1:${ports.ses}/health-check`, 30_000),
    waitForHttp(`http://127.0.0.1:${ports.api}/health`, 30_000, () => api.exitCode === null),
  ]);

  const lines = [
    '',
    `  Console        http://localhost:${ports.api}/console  (sign in with a staff address below; no password locally)`,
    `  Sign-in        http://localhost:${ports.api}/auth/login  (with a staff address below; no password locally)`,
    `  API            http://localhost:${ports.api}  (health: /health)`,
    `  API docs       http://localhost:${ports.api}/docs  (OpenAPI: /openapi.json)`,
    `  Public         http://localhost:${ports.api}/public/press-releases  (feeds: /public/feeds/press-releases.atom, .rss, .json; OParl: /oparl/v1)`,
    `  Mail inbox     http://localhost:${ports.ses}  (JSON: /store)`,
    `  DynamoDB Local ${dynamodbEndpoint}  table ${tableName}${createdTable ? ' (created)' : ''}`,
    `  Local S3       ${s3Endpoint}  buckets ${Object.values(localBuckets)
      .map((name) => `${name}${createdBuckets[name] ? ' (created)' : ''}`)
      .join(', ')}  (no malware scan locally)`,
    `  Demo           ${seeded.created ? `seeded: IMK, AK II, IMAS Thüringen (imas-th), session ${seeded.sessionId}` : 'already seeded (npm start -- --fresh starts empty)'}`,
    ...staffLines(staff),
    `  Token          npm run --silent token -- --email gs@imk.example.org  (a staff address; --grant admin for a quick try)`,
    `  Logs           ${localPaths.logs}`,
    '',
    'ready',
    '',
  ];
  process.stdout.write(lines.join('\n'));
};

/** The seeded staff, one line each: whose tokens `npm run token` signs. */
const staffLines = (staff: readonly Staff[]) =>
  staff.map(
    (member, index) =>
      `  ${index === 0 ? 'Staff         ' : '              '} ${member.email.padEnd(28)} ${[...(member.admin ? ['admin'] : []), ...member.grants.map(grantKey)].join(', ')}`,
  );

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

main().catch((error: unknown) => {
  const message =
    error instanceof LocalStackError
      ? error.message
      : `The local stack could not start: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  void stopAll(1);
});
