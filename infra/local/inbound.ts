/**
 * Feeds raw messages to the inbound-mail function as AWS does, against the
 * local stack started by `npm start`: each message is stored in the local
 * inbound bucket under `inbound/`, as SES's receipt rule stores it, and the
 * function's own handler receives an SES receipt event for it and reads it
 * back from the local S3. Every check passes unless `--verdicts` says
 * otherwise; the record is marked as a local delivery.
 *   npm run inbound -- [--verdicts dkim=FAIL,dmarc=GRAY,…] message.eml [more.eml …]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { createS3Client } from '../../shared/adapters/s3/client.js';
import { ensureLinkSecret } from './local-auth.js';
import { ensureLocalBuckets, inboundPrefix, localBuckets } from './local-s3.js';
import { localPaths } from './paths.js';
import { sesReceiptEvent } from './ses-receipt.js';
import { localVerdicts } from './verdicts-option.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage =
  'usage: npm run inbound -- [--verdicts dkim=FAIL,dmarc=GRAY,…] message.eml [more.eml …]';
let positionals: string[];
let verdicts: ReturnType<typeof localVerdicts>;
try {
  const args = parseArgs({
    allowPositionals: true,
    options: { verdicts: { type: 'string' } },
  });
  positionals = args.positionals;
  verdicts = localVerdicts(args.values.verdicts);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
  process.exit(2);
}
if (positionals.length === 0) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const region = process.env.AWS_REGION ?? 'eu-central-1';
const dynamodbEndpoint = `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
const s3Endpoint = process.env.S3_ENDPOINT ?? `http://127.0.0.1:${process.env.S3_PORT ?? 4569}`;
const senderDomain = process.env.SENDER_DOMAIN ?? 'imk.example.org';
// The function reads its configuration once, when it is loaded: the local stack's.
Object.assign(process.env, {
  TABLE_NAME: process.env.TABLE_NAME ?? 'conference-local',
  AWS_REGION: region,
  DYNAMODB_ENDPOINT: dynamodbEndpoint,
  S3_ENDPOINT: s3Endpoint,
  INBOUND_BUCKET: localBuckets.inbound,
  INBOUND_PREFIX: inboundPrefix,
  LINK_SECRET: ensureLinkSecret(),
  SENDER_DOMAIN: senderDomain,
  SECRETARIAT_EMAIL: process.env.SECRETARIAT_EMAIL ?? `geschaeftsstelle@${senderDomain}`,
  PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
  POWERTOOLS_METRICS_DISABLED: 'true',
});

/**
 * The function writes its log lines (JSON) to standard output, as in Lambda.
 * Here they go to the local log file instead, and the outcome each one
 * reports is what this command prints.
 */
const logLines: Record<string, unknown>[] = [];
const writeStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  if (!text.trimStart().startsWith('{')) {
    return (writeStdout as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }
  for (const line of text.split('\n').filter((part) => part.trim() !== '')) {
    try {
      logLines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logLines.push({ message: line });
    }
  }
  return true;
}) as typeof process.stdout.write;

const context = (): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'local-inbound-mail',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:local-inbound-mail',
  memoryLimitInMB: '1024',
  awsRequestId: ulid(),
  logGroupName: '/local/inbound-mail',
  logStreamName: 'npm-run-inbound',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const unreachable = (message: string) => /ECONNREFUSED|fetch failed|connect/i.test(message);

const s3 = createS3Client({ region, endpoint: s3Endpoint });
try {
  await ensureLocalBuckets(s3, [localBuckets.inbound]);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    unreachable(message) || (error as { name?: string }).name === 'TimeoutError'
      ? `The local S3 does not answer at ${s3Endpoint}; start the local stack with npm start.\n`
      : `The local inbound bucket cannot be made: ${message}\n`,
  );
  process.exit(1);
}
const { handler } = await import('../../functions/events/inbound-mail.js');
const { appendFileSync, mkdirSync } = await import('node:fs');
mkdirSync(localPaths.logs, { recursive: true });

let failed = false;
for (const file of positionals) {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    process.stderr.write(
      `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).\n`,
    );
    failed = true;
    continue;
  }
  // SES names the stored object by its own message id.
  const messageId = `local-${ulid().toLowerCase()}`;
  logLines.length = 0;
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: localBuckets.inbound,
        Key: `${inboundPrefix}${messageId}`,
        Body: raw,
      }),
    );
    await handler(sesReceiptEvent(raw, { messageId, verdicts }), context());
  } catch {
    // The function logged why; it is told below.
  }
  appendFileSync(
    join(localPaths.logs, 'inbound.log'),
    logLines.map((line) => `${JSON.stringify(line)}\n`).join(''),
  );
  const outcome = logLines.find(
    (line) => line.message === 'inbound mail' && line.sesMessageId === messageId,
  );
  if (outcome !== undefined) {
    const reason = typeof outcome.reason === 'string' ? ` (${outcome.reason})` : '';
    process.stdout.write(`${file}: ${String(outcome.state)}${reason}\n`);
    continue;
  }
  failed = true;
  const problem = logLines.find((line) => line.message === 'inbound mail not handled');
  const error = (problem?.error ?? {}) as { message?: string };
  const message = error.message ?? 'not handled; see the inbound log';
  process.stderr.write(
    unreachable(message)
      ? `${file}: DynamoDB Local does not answer at ${dynamodbEndpoint}; start the local stack with npm start.\n`
      : `${file}: ${message}\n`,
  );
}
process.exit(failed ? 1 : 0);
