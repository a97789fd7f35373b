import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { GetAccountSettingsCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeActiveReceiptRuleSetCommand, SESClient } from '@aws-sdk/client-ses';
import {
  GetAccountCommand,
  GetEmailIdentityCommand,
  NotFoundException,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type PreflightClients, runPreflight } from '../../infra/preflight/checks.js';
import { type Code, exitCodeFor, type Finding, finding } from '../../infra/preflight/findings.js';
import {
  languageFromEnvironment,
  type PreflightOptions,
  parsePreflightArguments,
} from '../../infra/preflight/options.js';
import { formatReport } from '../../infra/preflight/report.js';
import { describeFinding } from '../../infra/preflight/texts.js';

const config = {
  region: 'eu-central-1',
  credentials: { accessKeyId: 'AKIDPREFLIGHT', secretAccessKey: 'not-a-secret' },
};
const clients: PreflightClients = {
  sts: new STSClient(config),
  sesv2: new SESv2Client(config),
  ses: new SESClient(config),
  lambda: new LambdaClient(config),
  cloudFormation: new CloudFormationClient(config),
};
const sts = mockClient(clients.sts);
const sesv2 = mockClient(clients.sesv2);
const ses = mockClient(clients.ses);
const lambda = mockClient(clients.lambda);
const cloudFormation = mockClient(clients.cloudFormation);

const options: PreflightOptions = {
  region: 'eu-central-1',
  stage: 'prod',
  senderDomain: 'mail.imk.example.de',
  lang: 'en',
  reservedConcurrency: 0,
};
// The rule set every stage shares, named by the mail rules stack.
const ourRuleSet = 'conference-inbound';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });
const stackDoesNotExist = (stack: string) =>
  awsError('ValidationError', `Stack with id ${stack} does not exist`);

/** An account in which everything is in order and the stack is deployed. */
const accountInOrder = () => {
  sts.on(GetCallerIdentityCommand).resolves({
    Account: '123456789012',
    Arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/operator',
  });
  sesv2.on(GetAccountCommand).resolves({
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    EnforcementStatus: 'HEALTHY',
    SendQuota: { MaxSendRate: 14, Max24HourSend: 50_000, SentLast24Hours: 12 },
  });
  sesv2.on(GetEmailIdentityCommand).resolves({
    IdentityType: 'DOMAIN',
    VerifiedForSendingStatus: true,
    VerificationStatus: 'SUCCESS',
    DkimAttributes: { SigningEnabled: true, Status: 'SUCCESS', Tokens: ['tok1', 'tok2', 'tok3'] },
  });
  // The stack has more than 100 resources: its rule set comes on a later page.
  const resource = (logicalId: string, type: string, physicalId: string) => ({
    LogicalResourceId: logicalId,
    PhysicalResourceId: physicalId,
    ResourceType: type,
    ResourceStatus: 'CREATE_COMPLETE' as const,
    LastUpdatedTimestamp: new Date('2027-01-04T09:00:00Z'),
  });
  cloudFormation
    .on(ListStackResourcesCommand, { StackName: 'Conference-prod', NextToken: undefined })
    .resolves({
      StackResourceSummaries: Array.from({ length: 100 }, (_, i) =>
        resource(`Role${i}`, 'AWS::IAM::Role', `conference-prod-role-${i}`),
      ),
      NextToken: 'page-2',
    })
    .on(ListStackResourcesCommand, { StackName: 'Conference-prod', NextToken: 'page-2' })
    .resolves({
      StackResourceSummaries: [
        resource('InboundMailMessagesEC54DF6C', 'AWS::S3::Bucket', 'conference-prod-messages'),
        resource('InboundMailRules4ABCF248', 'AWS::SES::ReceiptRuleSet', ourRuleSet),
      ],
    });
  ses.on(DescribeActiveReceiptRuleSetCommand).resolves({
    Metadata: { Name: ourRuleSet, CreatedTimestamp: new Date('2027-01-04T09:00:00Z') },
    Rules: [],
  });
  lambda.on(GetAccountSettingsCommand).resolves({
    AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 },
  });
  cloudFormation.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({
    Stacks: [
      {
        StackName: 'CDKToolkit',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date('2026-11-30T08:00:00Z'),
        Outputs: [{ OutputKey: 'BootstrapVersion', OutputValue: '30' }],
      },
    ],
  });
};

/** The same account before the first deploy of the stack. */
const stackNotDeployed = () => {
  cloudFormation.on(ListStackResourcesCommand).rejects(stackDoesNotExist('Conference-prod'));
  sesv2
    .on(GetEmailIdentityCommand)
    .rejects(new NotFoundException({ message: 'Email identity does not exist.', $metadata: {} }));
  ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});
};

const byCheck = (findings: readonly Finding[]) =>
  Object.fromEntries(findings.map((f) => [f.check, f.code]));
const statuses = (findings: readonly Finding[]) =>
  Object.fromEntries(findings.map((f) => [f.check, f.status]));

describe('Unit: runPreflight', () => {
  beforeEach(() => {
    for (const mock of [sts, sesv2, ses, lambda, cloudFormation]) mock.reset();
    accountInOrder();
  });

  it('finds nothing missing in an account in order, asking only read-only questions', async () => {
    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(statuses(findings)).toEqual({
      credentials: 'ok',
      region: 'ok',
      sending: 'ok',
      senderIdentity: 'ok',
      receiptRuleSet: 'ok',
      concurrency: 'ok',
      bootstrap: 'ok',
    });
    expect(findings.map((f) => f.check)).toEqual([
      'credentials',
      'region',
      'sending',
      'senderIdentity',
      'receiptRuleSet',
      'concurrency',
      'bootstrap',
    ]);
    expect(exitCodeFor(findings)).toBe(0);
    expect(sesv2.commandCalls(GetEmailIdentityCommand)[0]?.args[0].input).toEqual({
      EmailIdentity: 'mail.imk.example.de',
    });
    // Both pages read (the paginator reuses one input object, so only the last token shows).
    const listed = cloudFormation.commandCalls(ListStackResourcesCommand);
    expect(listed).toHaveLength(2);
    expect(listed[1]?.args[0].input).toEqual({ StackName: 'Conference-prod', NextToken: 'page-2' });
    expect(cloudFormation.commandCalls(DescribeStacksCommand)[0]?.args[0].input).toEqual({
      StackName: 'CDKToolkit',
    });
    const sent = [sts, sesv2, ses, lambda, cloudFormation].flatMap((mock) =>
      mock.calls().map((call) => (call.args[0] as object).constructor.name),
    );
    expect(sent.sort()).toEqual([
      'DescribeActiveReceiptRuleSetCommand',
      'DescribeStacksCommand',
      'GetAccountCommand',
      'GetAccountSettingsCommand',
      'GetCallerIdentityCommand',
      'GetEmailIdentityCommand',
      'ListStackResourcesCommand',
      'ListStackResourcesCommand',
    ]);
  });

  it('prints the maximum send rate, which the stack must not exceed', async () => {
    // Act
    const report = formatReport(await runPreflight(options, clients), options);

    // Assess
    expect(report).toContain(
      'ok  SES sending: SES has production access in eu-central-1: at most 14 mails a second, 50000 in 24 hours.',
    );
    expect(report).toContain("The stack's mailsPerSecond must not exceed 14.");
    expect(report).toContain('Signed in to account 123456789012');
    expect(report.endsWith('Nothing is missing.')).toBe(true);
  });

  it('reports a sandbox account as missing production access', async () => {
    // Prepare
    sesv2.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      SendQuota: { MaxSendRate: 1, Max24HourSend: 200, SentLast24Hours: 0 },
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).sending).toBe('sending.sandbox');
    expect(statuses(findings).sending).toBe('missing');
    expect(exitCodeFor(findings)).toBe(1);
    const report = formatReport(findings, options);
    expect(report).toContain(
      'MISSING  SES sending: SES is still in the sandbox in eu-central-1: mail goes only to verified addresses, at most 200 mails in 24 hours and 1 a second.',
    );
    expect(report).toContain('Request production access in the SES console (eu-central-1');
    expect(report.endsWith('One thing is missing.')).toBe(true);
  });

  it('says a request for production access is under review, and to wait', async () => {
    // Prepare
    sesv2.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      SendQuota: { MaxSendRate: 1, Max24HourSend: 200 },
      Details: { ReviewDetails: { Status: 'PENDING', CaseId: '17654321' } },
    });

    // Act
    const report = formatReport(await runPreflight(options, clients), options);

    // Assess
    expect(report).toContain('A request for production access is under review (case 17654321).');
    expect(report).toContain('→ Wait for AWS to decide, then run this check again.');
  });

  it('reports paused sending as missing, ahead of everything else about sending', async () => {
    // Prepare
    sesv2.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: true,
      SendingEnabled: false,
      EnforcementStatus: 'SHUTDOWN',
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).sending).toBe('sending.paused');
    expect(exitCodeFor(findings)).toBe(1);
  });

  it('warns about an account on probation without failing the run', async () => {
    // Prepare
    sesv2.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: true,
      SendingEnabled: true,
      EnforcementStatus: 'PROBATION',
      SendQuota: { MaxSendRate: 14, Max24HourSend: 50_000 },
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(statuses(findings).sending).toBe('warning');
    expect(exitCodeFor(findings)).toBe(0);
  });

  it('lists the DKIM records to publish for an unverified sender domain', async () => {
    // Prepare
    sesv2.on(GetEmailIdentityCommand).resolves({
      IdentityType: 'DOMAIN',
      VerifiedForSendingStatus: false,
      VerificationStatus: 'PENDING',
      DkimAttributes: { SigningEnabled: true, Status: 'PENDING', Tokens: ['tok1', 'tok2', 'tok3'] },
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).senderIdentity).toBe('senderIdentity.unverified');
    expect(exitCodeFor(findings)).toBe(1);
    const report = formatReport(findings, options);
    expect(report).toContain(
      'MISSING  Sender domain: The sender domain mail.imk.example.de is not verified (DKIM: PENDING).',
    );
    for (const token of ['tok1', 'tok2', 'tok3']) {
      expect(report).toContain(
        `${token}._domainkey.mail.imk.example.de CNAME ${token}.dkim.amazonses.com`,
      );
    }
  });

  it('does not count a verified domain whose DKIM failed as verified', async () => {
    // Prepare
    sesv2.on(GetEmailIdentityCommand).resolves({
      VerifiedForSendingStatus: true,
      DkimAttributes: { Status: 'FAILED', Tokens: ['tok1'] },
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).senderIdentity).toBe('senderIdentity.unverified');
  });

  it('reports a missing identity of a deployed stack as missing', async () => {
    // Prepare
    sesv2
      .on(GetEmailIdentityCommand)
      .rejects(new NotFoundException({ message: 'Email identity does not exist.', $metadata: {} }));

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).senderIdentity).toBe('senderIdentity.absent');
    expect(exitCodeFor(findings)).toBe(1);
  });

  it('before the first deploy, expects the stack to create identity and rule set', async () => {
    // Prepare
    stackNotDeployed();

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings)).toMatchObject({
      senderIdentity: 'senderIdentity.awaitsDeploy',
      receiptRuleSet: 'receiptRuleSet.awaitsDeploy',
    });
    expect(statuses(findings)).toMatchObject({
      senderIdentity: 'warning',
      receiptRuleSet: 'warning',
    });
    expect(exitCodeFor(findings)).toBe(0);
  });

  it('before the first deploy, reports an identity that exists already, which the deploy cannot create', async () => {
    // Prepare
    stackNotDeployed();
    sesv2.on(GetEmailIdentityCommand).resolves({ VerifiedForSendingStatus: true });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).senderIdentity).toBe('senderIdentity.outsideStack');
    expect(exitCodeFor(findings)).toBe(1);
  });

  it('reports no active rule set, with the command that activates the stack’s', async () => {
    // Prepare
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).receiptRuleSet).toBe('receiptRuleSet.inactive');
    expect(exitCodeFor(findings)).toBe(1);
    expect(formatReport(findings, options)).toContain(
      `aws ses set-active-receipt-rule-set --rule-set-name ${ourRuleSet} --region eu-central-1`,
    );
  });

  it('reports a foreign active rule set, and that activating ours switches it off', async () => {
    // Prepare
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({
      Metadata: { Name: 'helpdesk-inbound' },
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(findings.find((f) => f.check === 'receiptRuleSet')).toEqual(
      finding('receiptRuleSet', 'receiptRuleSet.foreign', {
        active: 'helpdesk-inbound',
        ours: ourRuleSet,
        region: 'eu-central-1',
      }),
    );
    expect(exitCodeFor(findings)).toBe(1);
    expect(formatReport(findings, options)).toContain(
      'first find out whether helpdesk-inbound still receives mail for another application',
    );
  });

  it('before the first deploy, warns that a foreign active rule set will be switched off', async () => {
    // Prepare
    stackNotDeployed();
    ses
      .on(DescribeActiveReceiptRuleSetCommand)
      .resolves({ Metadata: { Name: 'helpdesk-inbound' } });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).receiptRuleSet).toBe('receiptRuleSet.foreignBeforeDeploy');
    expect(statuses(findings).receiptRuleSet).toBe('warning');
  });

  it('warns about the reduced concurrency quota of a new account', async () => {
    // Prepare
    lambda.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 },
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).concurrency).toBe('concurrency.reducedQuota');
    expect(statuses(findings).concurrency).toBe('warning');
    expect(formatReport(findings, options)).toContain(
      'Lambda allows only 10 concurrent executions',
    );
  });

  it('reports a quota too low for what the stack reserves as missing: the deploy would fail', async () => {
    // Prepare
    lambda.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 100, UnreservedConcurrentExecutions: 100 },
    });

    // Act
    const findings = await runPreflight({ ...options, reservedConcurrency: 5 }, clients);

    // Assess
    expect(findings.find((f) => f.check === 'concurrency')).toEqual(
      finding('concurrency', 'concurrency.tooLow', { limit: 100, reserved: 5 }),
    );
    expect(exitCodeFor(findings)).toBe(1);
  });

  it('warns when other functions leave too little unreserved for the stack’s reservations', async () => {
    // Prepare
    lambda.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 104 },
    });

    // Act
    const findings = await runPreflight({ ...options, reservedConcurrency: 5 }, clients);

    // Assess
    expect(byCheck(findings).concurrency).toBe('concurrency.crowded');
    expect(exitCodeFor(findings)).toBe(0);
  });

  it('accepts a quota that fits the reservations exactly', async () => {
    // Prepare
    lambda.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 105 },
    });

    // Act
    const findings = await runPreflight({ ...options, reservedConcurrency: 5 }, clients);

    // Assess
    expect(byCheck(findings).concurrency).toBe('concurrency.ok');
  });

  it('reports a missing CDK bootstrap with the command for this account and region', async () => {
    // Prepare
    cloudFormation
      .on(DescribeStacksCommand, { StackName: 'CDKToolkit' })
      .rejects(stackDoesNotExist('CDKToolkit'));

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).bootstrap).toBe('bootstrap.absent');
    expect(formatReport(findings, options)).toContain(
      'npx cdk bootstrap aws://123456789012/eu-central-1',
    );
  });

  it('reports a CDK bootstrap stack left broken', async () => {
    // Prepare
    cloudFormation.on(DescribeStacksCommand, { StackName: 'CDKToolkit' }).resolves({
      Stacks: [
        { StackName: 'CDKToolkit', StackStatus: 'ROLLBACK_COMPLETE', CreationTime: new Date() },
      ],
    });

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(byCheck(findings).bootstrap).toBe('bootstrap.unusable');
    expect(exitCodeFor(findings)).toBe(1);
  });

  it('reports AccessDenied as that check’s problem, without a stack trace, and runs the others', async () => {
    // Prepare
    lambda
      .on(GetAccountSettingsCommand)
      .rejects(
        awsError(
          'AccessDeniedException',
          'User: arn:aws:sts::123456789012:assumed-role/ReadOnly/operator is not authorized to perform: lambda:GetAccountSettings',
        ),
      );

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(findings.find((f) => f.check === 'concurrency')).toEqual(
      finding('concurrency', 'call.accessDenied', { action: 'lambda:GetAccountSettings' }),
    );
    expect(statuses(findings)).toEqual({
      credentials: 'ok',
      region: 'ok',
      sending: 'ok',
      senderIdentity: 'ok',
      receiptRuleSet: 'ok',
      concurrency: 'missing',
      bootstrap: 'ok',
    });
    expect(exitCodeFor(findings)).toBe(1);
    const report = formatReport(findings, options);
    expect(report).toContain(
      'MISSING  Lambda quota: Not checked: the profile may not call lambda:GetAccountSettings (AccessDenied).',
    );
    expect(report).not.toMatch(/\n\s+at /);
  });

  it('reports a network failure as the check’s problem and still checks the rest', async () => {
    // Prepare
    ses
      .on(DescribeActiveReceiptRuleSetCommand)
      .rejects(awsError('TimeoutError', 'Connection timed out after 5000 ms'));

    // Act
    const findings = await runPreflight(options, clients);

    // Assess
    expect(findings.find((f) => f.check === 'receiptRuleSet')).toEqual(
      finding('receiptRuleSet', 'call.failed', {
        action: 'ses:DescribeActiveReceiptRuleSet',
        error: 'TimeoutError: Connection timed out after 5000 ms',
      }),
    );
    expect(statuses(findings).bootstrap).toBe('ok');
  });

  it('gives the sign-in advice once when there are no credentials at all', async () => {
    // Prepare
    const noCredentials = () =>
      awsError('CredentialsProviderError', 'Could not load credentials from any providers');
    sts.on(GetCallerIdentityCommand).rejects(noCredentials());
    sesv2.on(GetAccountCommand).rejects(noCredentials());
    lambda.on(GetAccountSettingsCommand).rejects(noCredentials());

    // Act
    const findings = await runPreflight({ ...options, profile: 'imk-prod' }, clients);
    const report = formatReport(findings, { ...options, profile: 'imk-prod' });

    // Assess
    expect(byCheck(findings)).toMatchObject({
      credentials: 'call.noCredentials',
      sending: 'call.noCredentials',
      concurrency: 'call.noCredentials',
    });
    expect(report.match(/aws sso login --profile imk-prod/g)).toHaveLength(1);
    expect(report).toContain(
      'MISSING  Lambda quota: Not checked, without credentials (see above).',
    );
  });

  it('reports a region where SES does not receive mail, and checks the rest all the same', async () => {
    // Act
    const findings = await runPreflight({ ...options, region: 'eu-central-2' }, clients);

    // Assess
    expect(byCheck(findings).region).toBe('region.noReceiving');
    expect(statuses(findings).sending).toBe('ok');
    expect(exitCodeFor(findings)).toBe(1);
  });
});

describe('Unit: parsePreflightArguments', () => {
  it('reads every option and defaults stage, region and language', () => {
    // Act
    const minimal = parsePreflightArguments(['--sender-domain', 'Mail.IMK.example.de'], {});
    const full = parsePreflightArguments(
      [
        '--profile',
        'imk-prod',
        '--region=eu-west-1',
        '--stage',
        'prod',
        '--sender-domain',
        'mail.imk.example.de',
        '--lang',
        'en',
      ],
      { LANG: 'de_DE.UTF-8' },
    );

    // Assess
    expect(minimal).toEqual({
      kind: 'run',
      options: {
        profile: undefined,
        region: 'eu-central-1',
        stage: 'dev',
        senderDomain: 'mail.imk.example.de',
        lang: 'de',
        reservedConcurrency: 0,
      },
    });
    expect(full).toEqual({
      kind: 'run',
      options: {
        profile: 'imk-prod',
        region: 'eu-west-1',
        stage: 'prod',
        senderDomain: 'mail.imk.example.de',
        lang: 'en',
        reservedConcurrency: 0,
      },
    });
  });

  it.each([
    [['--stage', 'prod'], 'senderDomainMissing'],
    [['--sender-domain', 'not a domain'], 'senderDomainInvalid'],
    [['--sender-domain', 'mail.example.de', '--stage', 'test'], 'stageInvalid'],
    [['--sender-domain', 'mail.example.de', '--region', 'frankfurt'], 'regionInvalid'],
    [['--sender-domain', 'mail.example.de', '--lang', 'fr'], 'langInvalid'],
    [['--sender-domain', 'mail.example.de', '--profile', 'a b'], 'profileInvalid'],
    [['--sender-domain', 'mail.example.de', '--verbose'], 'unknownOption'],
    [['--sender-domain', 'mail.example.de', 'extra'], 'unknownOption'],
    [['--sender-domain'], 'unknownOption'],
  ])('refuses %j (%s)', (argv, code) => {
    // Act
    const parsed = parsePreflightArguments(argv, {});

    // Assess
    expect(parsed).toMatchObject({ kind: 'invalid', problem: { code } });
  });

  it('answers a wrong command line in the language asked for', () => {
    // Act
    const parsed = parsePreflightArguments(['--lang', 'en', '--stage', 'test'], { LANG: 'de_DE' });

    // Assess
    expect(parsed).toMatchObject({ kind: 'invalid', lang: 'en' });
  });

  it.each([
    [{}, 'de'],
    [{ LANG: 'de_DE.UTF-8' }, 'de'],
    [{ LANG: 'C.UTF-8' }, 'de'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'en' }, 'en'],
    [{ LANG: 'de_DE.UTF-8', LC_ALL: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'en_GB.UTF-8', LC_MESSAGES: 'de_DE.UTF-8' }, 'de'],
  ])('takes the language from %j: %s', (env, lang) => {
    // Act & Assess
    expect(languageFromEnvironment(env)).toBe(lang);
  });
});

describe('Unit: preflight command', () => {
  const run = promisify(execFile);
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run('npx', ['tsx', 'infra/preflight/cli.ts', ...args], {
      env: { ...process.env, LANG: '', LC_ALL: '', LC_MESSAGES: '', ...env },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it('exits 2 with a clear message in German for a wrong command line', async () => {
    // Act
    const result = await cli(['--sender-domain', 'mail.example.de', '--stage', 'test']);

    // Assess
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unbekannte Stufe „test“: --stage dev oder --stage prod');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('exits 2 in English when the locale is English, and 0 for --help', async () => {
    // Act
    const wrong = await cli([], { LANG: 'en_US.UTF-8' });
    const help = await cli(['--help'], { LANG: 'en_US.UTF-8' });

    // Assess
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      'The sender domain is missing: --sender-domain mail.your-conference.de',
    );
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Checks an AWS account before a deploy, read-only.');
  }, 30_000);
});

describe('Unit: preflight texts', () => {
  it('reads as German for a sandbox account before its first deploy', async () => {
    // Prepare
    for (const mock of [sts, sesv2, ses, lambda, cloudFormation]) mock.reset();
    accountInOrder();
    stackNotDeployed();
    sesv2.on(GetAccountCommand).resolves({
      ProductionAccessEnabled: false,
      SendingEnabled: true,
      SendQuota: { MaxSendRate: 1, Max24HourSend: 200 },
    });
    lambda.on(GetAccountSettingsCommand).resolves({
      AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 },
    });
    const german = { ...options, lang: 'de' as const };

    // Act
    const report = formatReport(await runPreflight(german, clients), german);

    // Assess
    expect(report.split('\n')).toEqual([
      'Prüfung vor dem Deploy von Conference-prod in eu-central-1 (Absenderdomain mail.imk.example.de)',
      '',
      'ok       Zugangsdaten: Angemeldet in Konto 123456789012 als arn:aws:sts::123456789012:assumed-role/Deployer/operator.',
      'ok       Region: SES empfängt in eu-central-1 E-Mails.',
      'FEHLT    SES-Versand: SES ist in eu-central-1 noch in der Sandbox: Es geht nur Post an bestätigte Adressen, höchstens 200 E-Mails in 24 Stunden und 1 pro Sekunde.',
      '         → Beantragen Sie den Produktionszugang in der SES-Konsole (eu-central-1, Kontoübersicht, „Request production access“): Versandart transaktional, mit einer kurzen Beschreibung der Einladungen an die Länder.',
      'HINWEIS  Absenderdomain: Für mail.imk.example.de gibt es noch keine SES-Identität; der erste Deploy von Conference-prod legt sie an.',
      '         → Veröffentlichen Sie nach dem Deploy die drei DKIM-Einträge, die diese Prüfung dann anzeigt, im DNS von mail.imk.example.de.',
      'HINWEIS  Eingang (Regelsatz): In eu-central-1 ist kein Regelsatz für eingehende E-Mails aktiv; Conference-prod ist noch nicht bereitgestellt.',
      '         → Aktivieren Sie nach dem ersten Deploy den Regelsatz des Stacks (aws ses set-active-receipt-rule-set --rule-set-name <Name> --region eu-central-1); diese Prüfung nennt dann den Namen.',
      'HINWEIS  Lambda-Kontingent: Lambda erlaubt nur 10 gleichzeitige Ausführungen, das verringerte Kontingent eines neuen Kontos; unter Last werden Anfragen gedrosselt.',
      '         → Beantragen Sie unter Service Quotas (AWS Lambda, „Concurrent executions“) 1000.',
      'ok       CDK-Bootstrap: Das Konto ist für die CDK vorbereitet (CDKToolkit, Version 30).',
      '',
      'Eine Sache fehlt, dazu 3 Hinweise.',
    ]);
  });

  it('has a German and an English text for every outcome, and they differ', () => {
    // Prepare
    const samples: { [C in Code]: Extract<Finding, { code: C }>['facts'] } = {
      'credentials.ok': { account: '1', arn: 'arn' },
      'region.ok': { region: 'eu-central-1' },
      'region.noReceiving': { region: 'eu-central-2', receivingRegions: ['eu-central-1'] },
      'sending.ok': { region: 'r', maxSendRate: 14, max24HourSend: 50_000 },
      'sending.sandbox': { region: 'r', maxSendRate: 1, max24HourSend: 200 },
      'sending.paused': { region: 'r' },
      'sending.probation': { region: 'r', maxSendRate: 14, max24HourSend: 50_000 },
      'senderIdentity.ok': { domain: 'd' },
      'senderIdentity.awaitsDeploy': { domain: 'd', stackName: 's' },
      'senderIdentity.absent': { domain: 'd', stackName: 's' },
      'senderIdentity.outsideStack': { domain: 'd', stackName: 's' },
      'senderIdentity.unverified': { domain: 'd', dkimStatus: 'PENDING', records: [] },
      'receiptRuleSet.ok': { name: 'n' },
      'receiptRuleSet.awaitsDeploy': { region: 'r', stackName: 's' },
      'receiptRuleSet.inactive': { name: 'n', region: 'r' },
      'receiptRuleSet.foreign': { active: 'a', ours: 'o', region: 'r' },
      'receiptRuleSet.foreignBeforeDeploy': { active: 'a', region: 'r', stackName: 's' },
      'concurrency.ok': { limit: 1000, unreserved: 1000, reserved: 0 },
      'concurrency.tooLow': { limit: 10, reserved: 5 },
      'concurrency.crowded': { unreserved: 100, reserved: 5 },
      'concurrency.reducedQuota': { limit: 10 },
      'bootstrap.ok': {},
      'bootstrap.absent': { account: '1', region: 'r' },
      'bootstrap.unusable': { status: 'ROLLBACK_COMPLETE', account: '1', region: 'r' },
      'call.accessDenied': { action: 'ses:GetAccount' },
      'call.noCredentials': { reason: 'none' },
      'call.failed': { action: 'ses:GetAccount', error: 'TimeoutError: slow' },
    };

    for (const [code, facts] of Object.entries(samples)) {
      // Act
      const f = finding('region', code as Code, facts as never);
      const german = describeFinding(f, 'de');
      const english = describeFinding(f, 'en');

      // Assess
      expect(german.summary, code).toMatch(/^\S.*[.)]$/);
      expect(english.summary, code).toMatch(/^\S.*[.)]$/);
      expect(german.summary, code).not.toBe(english.summary);
      if (f.status !== 'ok') {
        expect(german.todo, code).toBeTruthy();
        expect(english.todo, code).toBeTruthy();
      }
    }
  });
});
