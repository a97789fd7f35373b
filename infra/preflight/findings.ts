/** What a check found: everything in order, something to do before it works, or worth a look. */
export type Status = 'ok' | 'missing' | 'warning';

/** The checks, in the order the report lists them. */
export const checkIds = [
  'credentials',
  'region',
  'sending',
  'senderIdentity',
  'receiptRuleSet',
  'concurrency',
  'bootstrap',
] as const;
export type CheckId = (typeof checkIds)[number];

/** The facts each outcome carries; the texts in `texts.ts` are written per outcome. */
export interface Facts {
  'credentials.ok': { account: string; arn: string };
  'region.ok': { region: string };
  'region.noReceiving': { region: string; receivingRegions: readonly string[] };
  'sending.ok': { region: string; maxSendRate: number; max24HourSend: number };
  'sending.sandbox': {
    region: string;
    maxSendRate: number;
    max24HourSend: number;
    reviewStatus?: string | undefined;
    caseId?: string | undefined;
  };
  'sending.paused': { region: string };
  'sending.probation': { region: string; maxSendRate: number; max24HourSend: number };
  'senderIdentity.ok': { domain: string };
  'senderIdentity.awaitsDeploy': { domain: string; stackName: string };
  'senderIdentity.absent': { domain: string; stackName: string };
  'senderIdentity.outsideStack': { domain: string; stackName: string };
  'senderIdentity.unverified': { domain: string; dkimStatus: string; records: readonly string[] };
  'receiptRuleSet.ok': { name: string };
  'receiptRuleSet.awaitsDeploy': { region: string; stackName: string };
  'receiptRuleSet.inactive': { name: string; region: string };
  'receiptRuleSet.foreign': { active: string; ours: string; region: string };
  'receiptRuleSet.foreignBeforeDeploy': { active: string; region: string; stackName: string };
  'concurrency.ok': { limit: number; unreserved: number; reserved: number };
  'concurrency.tooLow': { limit: number; reserved: number };
  'concurrency.crowded': { unreserved: number; reserved: number };
  'concurrency.reducedQuota': { limit: number };
  'bootstrap.ok': { version?: string | undefined };
  'bootstrap.absent': { account: string; region: string };
  'bootstrap.unusable': { status: string; account: string; region: string };
  'call.accessDenied': { action: string };
  'call.noCredentials': { profile?: string | undefined; reason: string };
  'call.failed': { action: string; error: string };
}
export type Code = keyof Facts;

const statusOf: Record<Code, Status> = {
  'credentials.ok': 'ok',
  'region.ok': 'ok',
  'region.noReceiving': 'missing',
  'sending.ok': 'ok',
  'sending.sandbox': 'missing',
  'sending.paused': 'missing',
  'sending.probation': 'warning',
  'senderIdentity.ok': 'ok',
  'senderIdentity.awaitsDeploy': 'warning',
  'senderIdentity.absent': 'missing',
  'senderIdentity.outsideStack': 'missing',
  'senderIdentity.unverified': 'missing',
  'receiptRuleSet.ok': 'ok',
  'receiptRuleSet.awaitsDeploy': 'warning',
  'receiptRuleSet.inactive': 'missing',
  'receiptRuleSet.foreign': 'missing',
  'receiptRuleSet.foreignBeforeDeploy': 'warning',
  'concurrency.ok': 'ok',
  'concurrency.tooLow': 'missing',
  'concurrency.crowded': 'warning',
  'concurrency.reducedQuota': 'warning',
  'bootstrap.ok': 'ok',
  'bootstrap.absent': 'missing',
  'bootstrap.unusable': 'missing',
  // A check that could not ask has verified nothing.
  'call.accessDenied': 'missing',
  'call.noCredentials': 'missing',
  'call.failed': 'missing',
};

/** One check's outcome. */
export type Finding = {
  [C in Code]: { check: CheckId; status: Status; code: C; facts: Facts[C] };
}[Code];

/**
 * Makes a finding; its status follows from the outcome.
 *
 * @example
 * finding('region', 'region.ok', { region: 'eu-central-1' });
 * // { check: 'region', status: 'ok', code: 'region.ok', facts: { region: 'eu-central-1' } }
 */
export const finding = <C extends Code>(check: CheckId, code: C, facts: Facts[C]): Finding =>
  ({ check, status: statusOf[code], code, facts }) as Finding;

/**
 * The process's exit code for a run: 1 when anything is missing, else 0
 * (warnings do not fail a run).
 *
 * @example
 * process.exitCode = exitCodeFor(await runPreflight(options, clients));
 */
export const exitCodeFor = (findings: readonly Finding[]): 0 | 1 =>
  findings.some((f) => f.status === 'missing') ? 1 : 0;
