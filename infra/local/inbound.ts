/**
 * Feeds a raw message to the same inbound-mail code that runs in AWS, against
 * the local stack started by `npm start`, as a local delivery that passed
 * every check unless `--verdicts` says otherwise:
 *   npm run inbound -- [--verdicts dkim=FAIL,dmarc=GRAY,…] message.eml [more.eml …]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { systemClock } from '../../shared/ports/clock.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { ensureLinkSecret } from './local-auth.js';
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
const endpoint = `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
const repo = new DynamoConferenceRepository(
  createDocumentClient({ region: process.env.AWS_REGION ?? 'eu-central-1', endpoint }),
  process.env.TABLE_NAME ?? 'conference-local',
);
const deps = {
  repo,
  clock: systemClock,
  linkSecret: ensureLinkSecret(),
  senderDomain: process.env.SENDER_DOMAIN ?? 'imk.example.org',
};
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
  try {
    const record = await processInboundMail(
      deps,
      await parseInboundMail(raw, { verdicts, delivery: 'local' }),
    );
    process.stdout.write(`${file}: ${record.state}${record.reason ? ` (${record.reason})` : ''}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      /ECONNREFUSED|fetch failed/.test(message)
        ? `${file}: DynamoDB Local does not answer at ${endpoint}; start the local stack with npm start.\n`
        : `${file}: ${message}\n`,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
