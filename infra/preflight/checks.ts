import {
  CloudFormationClient,
  DescribeStacksCommand,
  paginateListStackResources,
} from '@aws-sdk/client-cloudformation';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeActiveReceiptRuleSetCommand, SESClient } from '@aws-sdk/client-ses';
import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { stageSenderDomain } from '../bin/stage-context.js';
import { isSesReceivingRegion, sesReceivingRegions } from '../regions.js';
import { receiptRuleSetName } from '../stacks/mail-rules-stack.js';
import { type Finding, finding } from './findings.js';
import { type PreflightOptions, stackNameFor } from './options.js';

/** The SDK clients the checks read through; tests pass mocked ones. */
export interface PreflightClients {
  sts: STSClient;
  sesv2: SESv2Client;
  ses: SESClient;
  lambda: LambdaClient;
  cloudFormation: CloudFormationClient;
}

/**
 * Clients for the operator's profile and the target region, made once per run.
 *
 * @example
 * const clients = makePreflightClients({ region: 'eu-central-1', profile: 'imk-prod' });
 */
export const makePreflightClients = (options: {
  region: string;
  profile?: string | undefined;
}): PreflightClients => {
  const config = {
    region: options.region,
    maxAttempts: 2,
    ...(options.profile ? { profile: options.profile } : {}),
  };
  return {
    sts: new STSClient(config),
    sesv2: new SESv2Client(config),
    ses: new SESClient(config),
    lambda: new LambdaClient(config),
    cloudFormation: new CloudFormationClient(config),
  };
};

/** Lambda keeps this much of the account's concurrency unreserved, always. */
const lambdaUnreservedMinimum = 100;
/** The quota an established account has; new accounts start lower until AWS raises it. */
const usualConcurrencyQuota = 1000;

type StackState =
  | { known: true; deployed: false }
  | { known: true; deployed: true }
  | { known: false; failure: Finding };

/**
 * Checks an account read-only before a deploy: credentials, region, SES
 * production access and send rate, the sender domain's identity and DKIM,
 * the active receipt rule set, Lambda concurrency and the CDK bootstrap.
 * Each check yields one finding; a call that fails (AccessDenied, network)
 * becomes that check's finding and the others still run.
 *
 * @example
 * const findings = await runPreflight(options, makePreflightClients(options));
 * console.log(formatReport(findings, options));
 * process.exitCode = exitCodeFor(findings);
 */
export const runPreflight = async (
  options: PreflightOptions,
  clients: PreflightClients,
): Promise<Finding[]> => {
  const [credentials, stack] = await Promise.all([
    checkCredentials(options, clients),
    readStackState(options, clients),
  ]);
  const account = credentials.code === 'credentials.ok' ? credentials.facts.account : '<account>';
  const rest = await Promise.all([
    checkSending(options, clients),
    checkSenderIdentity(options, clients, stack),
    checkReceiptRuleSet(options, clients, stack),
    checkConcurrency(options, clients),
    checkBootstrap(options, clients, account),
  ]);
  return [credentials, checkRegion(options), ...rest];
};

/** Turns a failed call into the check's finding: refused, no credentials, or failed. */
const callFailed = (
  check: Finding['check'],
  action: string,
  error: unknown,
  options: PreflightOptions,
): Finding => {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  if (/AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(name)) {
    return finding(check, 'call.accessDenied', { action });
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(name)) {
    return finding(check, 'call.noCredentials', { profile: options.profile, reason: message });
  }
  return finding(check, 'call.failed', { action, error: `${name}: ${message}` });
};

const notFound = (error: unknown, names: readonly string[], message?: RegExp): boolean =>
  error instanceof Error &&
  names.includes(error.name) &&
  (message === undefined || message.test(error.message));

const checkCredentials = async (
  options: PreflightOptions,
  { sts }: PreflightClients,
): Promise<Finding> => {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return finding('credentials', 'credentials.ok', {
      account: identity.Account ?? '?',
      arn: identity.Arn ?? '?',
    });
  } catch (error) {
    return callFailed('credentials', 'sts:GetCallerIdentity', error, options);
  }
};

const checkRegion = ({ region }: PreflightOptions): Finding =>
  isSesReceivingRegion(region)
    ? finding('region', 'region.ok', { region })
    : finding('region', 'region.noReceiving', { region, receivingRegions: sesReceivingRegions });

const checkSending = async (
  options: PreflightOptions,
  { sesv2 }: PreflightClients,
): Promise<Finding> => {
  try {
    const account = await sesv2.send(new GetAccountCommand({}));
    const quota = {
      region: options.region,
      maxSendRate: account.SendQuota?.MaxSendRate ?? 0,
      max24HourSend: account.SendQuota?.Max24HourSend ?? 0,
    };
    if (account.SendingEnabled === false) {
      return finding('sending', 'sending.paused', { region: options.region });
    }
    if (account.ProductionAccessEnabled !== true) {
      const review = account.Details?.ReviewDetails;
      return finding('sending', 'sending.sandbox', {
        ...quota,
        reviewStatus: review?.Status,
        caseId: review?.CaseId,
      });
    }
    if (account.EnforcementStatus === 'PROBATION') {
      return finding('sending', 'sending.probation', quota);
    }
    return finding('sending', 'sending.ok', quota);
  } catch (error) {
    return callFailed('sending', 'ses:GetAccount', error, options);
  }
};

/** Whether the stage's stack exists yet. */
const readStackState = async (
  options: PreflightOptions,
  { cloudFormation }: PreflightClients,
): Promise<StackState> => {
  try {
    // DescribeStackResources stops at 100 resources; the stack has more.
    const pages = paginateListStackResources(
      { client: cloudFormation },
      { StackName: stackNameFor(options.stage) },
    );
    // Reading the pages proves the stack is there; its resources are not needed further.
    for await (const _page of pages) {
      // every page read: the stack exists
    }
    return { known: true, deployed: true };
  } catch (error) {
    if (notFound(error, ['ValidationError'], /does not exist/)) {
      return { known: true, deployed: false };
    }
    return {
      known: false,
      failure: callFailed('receiptRuleSet', 'cloudformation:ListStackResources', error, options),
    };
  }
};

const checkSenderIdentity = async (
  options: PreflightOptions,
  { sesv2 }: PreflightClients,
  stack: StackState,
): Promise<Finding> => {
  // The stage's own sender domain: dev sends from dev.<domain>, prod from the domain itself.
  const domain = stageSenderDomain(options.stage, options.senderDomain);
  const stackName = stackNameFor(options.stage);
  // Unknown counts as deployed: an identity is then expected, and one that exists is fine.
  const deployed = !stack.known || stack.deployed;
  try {
    const identity = await sesv2.send(new GetEmailIdentityCommand({ EmailIdentity: domain }));
    if (!deployed) {
      return finding('senderIdentity', 'senderIdentity.outsideStack', { domain, stackName });
    }
    const dkimStatus = identity.DkimAttributes?.Status ?? 'NOT_STARTED';
    if (identity.VerifiedForSendingStatus !== true || dkimStatus !== 'SUCCESS') {
      const records = (identity.DkimAttributes?.Tokens ?? []).map(
        (token) => `${token}._domainkey.${domain} CNAME ${token}.dkim.amazonses.com`,
      );
      return finding('senderIdentity', 'senderIdentity.unverified', {
        domain,
        dkimStatus,
        records,
      });
    }
    return finding('senderIdentity', 'senderIdentity.ok', { domain });
  } catch (error) {
    if (notFound(error, ['NotFoundException'])) {
      return deployed
        ? finding('senderIdentity', 'senderIdentity.absent', { domain, stackName })
        : finding('senderIdentity', 'senderIdentity.awaitsDeploy', { domain, stackName });
    }
    return callFailed('senderIdentity', 'ses:GetEmailIdentity', error, options);
  }
};

const checkReceiptRuleSet = async (
  options: PreflightOptions,
  { ses }: PreflightClients,
  stack: StackState,
): Promise<Finding> => {
  if (!stack.known) return stack.failure;
  const { region } = options;
  const stackName = stackNameFor(options.stage);
  try {
    const { Metadata } = await ses.send(new DescribeActiveReceiptRuleSetCommand({}));
    const active = Metadata?.Name;
    // Every stage adds its rule to the one shared set, whose name is fixed.
    const ours = receiptRuleSetName;
    if (!stack.deployed) {
      return active === undefined
        ? finding('receiptRuleSet', 'receiptRuleSet.awaitsDeploy', { region, stackName })
        : finding('receiptRuleSet', 'receiptRuleSet.foreignBeforeDeploy', {
            active,
            region,
            stackName,
          });
    }
    if (active === undefined) {
      return finding('receiptRuleSet', 'receiptRuleSet.inactive', { name: ours, region });
    }
    if (active !== ours) {
      return finding('receiptRuleSet', 'receiptRuleSet.foreign', { active, ours, region });
    }
    return finding('receiptRuleSet', 'receiptRuleSet.ok', { name: ours });
  } catch (error) {
    return callFailed('receiptRuleSet', 'ses:DescribeActiveReceiptRuleSet', error, options);
  }
};

const checkConcurrency = async (
  options: PreflightOptions,
  { lambda }: PreflightClients,
): Promise<Finding> => {
  try {
    const { AccountLimit } = await lambda.send(new GetAccountSettingsCommand({}));
    const limit = AccountLimit?.ConcurrentExecutions ?? 0;
    const unreserved = AccountLimit?.UnreservedConcurrentExecutions ?? limit;
    const reserved = options.reservedConcurrency;
    if (reserved > 0 && limit - lambdaUnreservedMinimum < reserved) {
      return finding('concurrency', 'concurrency.tooLow', { limit, reserved });
    }
    if (limit < usualConcurrencyQuota) {
      return finding('concurrency', 'concurrency.reducedQuota', { limit });
    }
    if (unreserved - lambdaUnreservedMinimum < reserved) {
      return finding('concurrency', 'concurrency.crowded', { unreserved, reserved });
    }
    return finding('concurrency', 'concurrency.ok', { limit, unreserved, reserved });
  } catch (error) {
    return callFailed('concurrency', 'lambda:GetAccountSettings', error, options);
  }
};

const checkBootstrap = async (
  options: PreflightOptions,
  { cloudFormation }: PreflightClients,
  account: string,
): Promise<Finding> => {
  const { region } = options;
  try {
    const { Stacks = [] } = await cloudFormation.send(
      new DescribeStacksCommand({ StackName: 'CDKToolkit' }),
    );
    const toolkit = Stacks[0];
    const status = toolkit?.StackStatus ?? 'UNKNOWN';
    if (
      !/^(CREATE|UPDATE|IMPORT)_COMPLETE$/.test(status) &&
      status !== 'UPDATE_ROLLBACK_COMPLETE'
    ) {
      return finding('bootstrap', 'bootstrap.unusable', { status, account, region });
    }
    const version = toolkit?.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue;
    return finding('bootstrap', 'bootstrap.ok', { version });
  } catch (error) {
    if (notFound(error, ['ValidationError'], /does not exist/)) {
      return finding('bootstrap', 'bootstrap.absent', { account, region });
    }
    return callFailed('bootstrap', 'cloudformation:DescribeStacks', error, options);
  }
};
