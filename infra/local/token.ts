/**
 * Prints a local access token for a member of the staff directory of the
 * local table, with the claims the pre-token-generation trigger gives in AWS:
 *   npm run --silent token -- --email gs@imk.example.org [--grant secretariat:ak-iv]... [--ttl 3600]
 * `--role R [--body B]...` is short for `--grant R:B` for each body.
 */
import { parseArgs } from 'node:util';
import { EmailSchema } from '../../shared/domain/body.js';
import { RoleSchema, roles } from '../../shared/domain/roles.js';
import { claimsForEmail } from '../../shared/use-cases/staff.js';
import { type ExtraGrant, localClaims, parseGrantOption } from './grant-option.js';
import { ensureSigningKey, localIssuer, signLocalToken } from './local-auth.js';
import { localStaffDirectory } from './local-directory.js';

const usage = `usage: npm run --silent token -- --email <staff address> [--grant <role>[:<bodyId>[:<memberId>]]]... [--ttl <seconds>]
       (--role <${roles.join('|')}> [--body <bodyId>]... is short for --grant <role>:<bodyId>)`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
};

let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
const options = {
  email: { type: 'string' },
  grant: { type: 'string', multiple: true },
  role: { type: 'string' },
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
const email = EmailSchema.safeParse(values.email);
if (!email.success) fail('--email must be an email address.');
const grantTexts = [...(values.grant ?? [])];
if (values.role !== undefined) {
  const role = RoleSchema.safeParse(values.role);
  if (!role.success) fail(`--role must be one of ${roles.join(', ')}.`);
  const bodies = values.body ?? [];
  if (bodies.length === 0) grantTexts.push(values.role);
  else grantTexts.push(...bodies.map((body) => `${values.role}:${body}`));
} else if (values.body !== undefined) {
  fail('--body needs --role.');
}
const extra = grantTexts.map((text): ExtraGrant => {
  const parsed = parseGrantOption(text);
  return typeof parsed === 'string' ? fail(parsed) : parsed;
});
const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
if (ttl !== undefined && (!Number.isInteger(ttl) || ttl <= 0))
  fail('--ttl must be a whole number of seconds.');

const address = email.data as string;
const { directory, where } = localStaffDirectory(process.env);
let found: Awaited<ReturnType<typeof claimsForEmail>>;
try {
  found = await claimsForEmail(directory, address);
} catch (error) {
  found = fail(
    `The staff directory (${where}) cannot be read: ${error instanceof Error ? error.message : String(error)}. Is the local stack running (npm start)?`,
  );
}
if (found.staff === undefined) {
  fail(
    `${address} is not in the staff directory (${where}). Use a staff address that npm start lists, add one with POST /v1/staff, or make an admin with npm run admin:create -- --local --email ${address}.`,
  );
}
const staff = found.staff as NonNullable<typeof found.staff>;
const claims = localClaims(staff, extra);

const key = await ensureSigningKey();
const token = await signLocalToken(key, localIssuer(Number(process.env.PORT ?? 3000)), {
  email: address,
  ...claims,
  ...(ttl === undefined ? {} : { ttlSeconds: ttl }),
});
process.stdout.write(`${token}\n`);
