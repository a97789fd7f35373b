import type { App } from 'aws-cdk-lib';
import { defaultRegion, sesReceivingRegionProblem } from '../regions.js';

const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

const domainPattern = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const addressPattern = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

/** SES's send rate of a new production account: the stack's pace unless `-c mailsPerSecond` says otherwise. */
export const defaultMailsPerSecond = 14;

export interface StageContext {
  stage: Stage;
  /** The region the stack lives in (`-c region=…`, default `eu-central-1`). */
  region: string;
  /** The domain as given (`-c senderDomain=…`); prod sends from it, other stages from a subdomain. */
  baseDomain: string;
  /** The domain this stage sends from and receives replies at: `dev.<baseDomain>` for dev. */
  senderDomain: string;
  secretariatEmail: string;
  /** The public host name with its certificate and DNS records, when one is given. */
  customDomain?: { domainName: string; hostedZoneId: string; zoneName: string } | undefined;
  /** Who receives the alarms by e-mail, if anyone. */
  alarmEmail?: string | undefined;
  /** The account's SES maximum send rate; the mailer never sends faster. */
  mailsPerSecond: number;
  /** Whether the stack makes the shared receipt rule set the active one. */
  activateReceiptRules: boolean;
}

const text = (app: App, key: string): string | undefined => {
  const value = app.node.tryGetContext(key) as unknown;
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

const flag = (app: App, key: string): boolean => {
  const value = text(app, key);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new Error(`${key} '${value}' must be true or false.`);
};

/**
 * The sender domain of a stage: prod uses the domain as given, every other
 * stage a subdomain named after it, so that two stages can live side by side
 * in one account and region without sharing an SES identity or a receipt rule.
 *
 * @example
 * ```ts
 * stageSenderDomain('dev', 'imk.example.org'); // 'dev.imk.example.org'
 * ```
 */
export const stageSenderDomain = (stage: Stage, baseDomain: string): string =>
  stage === 'prod' ? baseDomain : `${stage}.${baseDomain}`;

/**
 * Reads and checks the context of a deploy, with a clear error when a value
 * is wrong: `-c stage=dev|prod`, `-c senderDomain=…`, and optionally
 * `-c region=…`, `-c secretariatEmail=…`, `-c domainName=… -c hostedZoneId=…
 * [-c hostedZoneName=…]`, `-c alarmEmail=…`, `-c mailsPerSecond=…`,
 * `-c activateReceiptRules=true`. The public address of the links is never
 * given: it is the custom domain, or the CloudFront distribution's own name.
 *
 * @example
 * ```ts
 * const context = readStageContext(app);
 * new ConferenceStack(app, `Conference-${context.stage}`, context);
 * ```
 */
export const readStageContext = (app: App): StageContext => {
  const stage = text(app, 'stage') ?? 'dev';
  if (!(stages as readonly string[]).includes(stage)) {
    throw new Error(`Unknown stage '${stage}': use -c stage=dev or -c stage=prod.`);
  }
  const region = text(app, 'region') ?? defaultRegion;
  // Replies to invitations arrive through SES receiving: only where SES receives mail.
  const regionProblem = sesReceivingRegionProblem(region);
  if (regionProblem !== undefined) throw new Error(regionProblem);
  const baseDomain = text(app, 'senderDomain') ?? '';
  if (!domainPattern.test(baseDomain)) {
    throw new Error(
      `senderDomain '${baseDomain}' is not a domain: pass -c senderDomain=mail.example.org.`,
    );
  }
  const senderDomain = stageSenderDomain(stage as Stage, baseDomain.toLowerCase());
  const secretariatEmail = text(app, 'secretariatEmail') ?? `geschaeftsstelle@${senderDomain}`;
  if (!addressPattern.test(secretariatEmail)) {
    throw new Error(`secretariatEmail '${secretariatEmail}' is not an address.`);
  }
  if (text(app, 'publicBaseUrl') !== undefined) {
    throw new Error(
      'publicBaseUrl is derived, not given: pass -c domainName=… -c hostedZoneId=… for a name of your own, or nothing for the CloudFront address.',
    );
  }
  const domainName = text(app, 'domainName');
  const hostedZoneId = text(app, 'hostedZoneId');
  if ((domainName === undefined) !== (hostedZoneId === undefined)) {
    throw new Error('domainName and hostedZoneId go together: pass both or neither.');
  }
  let customDomain: StageContext['customDomain'];
  if (domainName !== undefined && hostedZoneId !== undefined) {
    if (!domainPattern.test(domainName)) {
      throw new Error(`domainName '${domainName}' is not a domain such as konferenz.example.org.`);
    }
    if (!/^Z[A-Z0-9]{4,31}$/.test(hostedZoneId)) {
      throw new Error(`hostedZoneId '${hostedZoneId}' is not a Route 53 hosted zone id (Z…).`);
    }
    // The zone's name: given, or the domain without its first label (konferenz.imk.de → imk.de).
    const zoneName = text(app, 'hostedZoneName') ?? domainName.split('.').slice(1).join('.');
    if (domainName !== zoneName && !domainName.endsWith(`.${zoneName}`)) {
      throw new Error(`domainName '${domainName}' does not lie in the zone '${zoneName}'.`);
    }
    customDomain = { domainName: domainName.toLowerCase(), hostedZoneId, zoneName };
  }
  const alarmEmail = text(app, 'alarmEmail');
  if (alarmEmail !== undefined && !addressPattern.test(alarmEmail)) {
    throw new Error(`alarmEmail '${alarmEmail}' is not an address.`);
  }
  const rate = text(app, 'mailsPerSecond') ?? String(defaultMailsPerSecond);
  const mailsPerSecond = Number(rate);
  if (!Number.isInteger(mailsPerSecond) || mailsPerSecond < 1 || mailsPerSecond > 1000) {
    throw new Error(
      `mailsPerSecond '${rate}' must be a whole number from 1 to 1000: the account's SES maximum send rate (npm run preflight prints it).`,
    );
  }
  return {
    stage: stage as Stage,
    region,
    baseDomain: baseDomain.toLowerCase(),
    senderDomain,
    secretariatEmail,
    customDomain,
    alarmEmail,
    mailsPerSecond,
    activateReceiptRules: flag(app, 'activateReceiptRules'),
  };
};
