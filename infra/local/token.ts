/**
 * Prints a local staff token:
 *   npm run --silent token -- --role secretariat --email someone@example.org [--body imk] [--ttl 3600]
 */
import { parseArgs } from 'node:util';
import { EmailSchema } from '../../shared/domain/body.js';
import { RoleSchema, roles } from '../../shared/domain/roles.js';
import { ensureSigningKey, localIssuer, signLocalToken } from './local-auth.js';

const usage = `usage: npm run --silent token -- --role <${roles.join('|')}> --email <address> [--body <bodyId>]... [--ttl <seconds>]`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
};

let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
const options = {
  role: { type: 'string' },
  email: { type: 'string' },
  body: { type: 'string', multiple: true },
  ttl: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
try {
  ({ values } = parseArgs({ options, strict: true }));
} catch (error) {
  values = fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const role = RoleSchema.safeParse(values.role);
if (!role.success) fail(`--role must be one of ${roles.join(', ')}.`);
const email = EmailSchema.safeParse(values.email);
if (!email.success) fail('--email must be an email address.');
const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0))
  fail('--ttl must be a whole number of seconds.');

const key = await ensureSigningKey();
const token = await signLocalToken(key, localIssuer(Number(process.env.PORT ?? 3000)), {
  role: role.data as (typeof roles)[number],
  email: email.data as string,
  bodies: values.body ?? [],
  ...(ttl === undefined ? {} : { ttlSeconds: ttl }),
});
process.stdout.write(`${token}\n`);
