import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { swaggerUiFiles } from '../../functions/http/openapi/docs-page.js';
import { productDocument } from '../../functions/http/openapi/product-document.js';
import { addConferenceStack } from '../../infra/conference-app.js';

const synth = (stage: 'dev' | 'prod') => {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'cdk-test-')),
    context: { stage, senderDomain: 'imk.example.org' },
  });
  const stack = addConferenceStack(app);
  // With the cdk-nag plugin on the app, synth throws on any unacknowledged finding.
  const assembly = app.synth();
  return { template: Template.fromStack(stack), assembly, stack };
};

interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** An API Gateway HTTP API (payload 2.0) GET event for a path. */
const httpEvent = (path: string) => ({
  version: '2.0',
  routeKey: `GET ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: { host: 'api.imk.example.org', 'x-forwarded-proto': 'https' },
  requestContext: {
    accountId: '000000000000',
    apiId: 'infra-test',
    domainName: 'api.imk.example.org',
    domainPrefix: 'api',
    http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: 'infra-test',
    routeKey: `GET ${path}`,
    stage: '$default',
    time: '23/Nov/2026:08:00:00 +0000',
    timeEpoch: 1795420800000,
  },
  isBase64Encoded: false,
});

describe('Stack: ConferenceStack', () => {
  const dev = synth('dev');
  const prod = synth('prod');

  it('passes the cdk-nag AwsSolutions checks with every acknowledgement reasoned', () => {
    const path = join(dev.assembly.directory, 'validation-report.json');
    expect(existsSync(path)).toBe(true);
    const report = JSON.parse(readFileSync(path, 'utf8')) as {
      pluginReports: {
        pluginName: string;
        conclusion: string;
        violations: unknown[];
        suppressedViolations: { ruleName: string; violatingConstructs: { reason?: string }[] }[];
      }[];
    };
    // cdk-nag, and CDK's own template checks (its ACL on the log bucket, which CloudFront's
    // logs and the papers bucket's server access logs are written with, is acknowledged by CDK).
    expect(report.pluginReports.map((plugin) => plugin.pluginName).sort()).toEqual([
      'AwsSolutions',
      'CloudFormation Validate',
    ]);
    for (const plugin of report.pluginReports) {
      expect(plugin.conclusion).toBe('success');
      expect(plugin.violations).toEqual([]);
    }
  });

  it('fails the synth on a finding that nobody acknowledged', () => {
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'cdk-test-')),
      context: { stage: 'dev', senderDomain: 'imk.example.org' },
    });
    const stack = addConferenceStack(app);
    new Queue(Stack.of(stack), 'CarelessQueue');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });

  it('has one on-demand table with both GSIs, TTL, PITR and a stream of old and new images', () => {
    dev.template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    dev.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'GSI1' }),
        Match.objectLike({ IndexName: 'GSI2' }),
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
  });

  it('retains and protects the table in prod only', () => {
    prod.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })],
      }),
    });
    dev.template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });

  it('runs the functions on Node.js 24, arm64, with their own log groups and no managed policy', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          NODE_OPTIONS: '--enable-source-maps',
          TABLE_NAME: Match.anyValue(),
        }),
      },
      LoggingConfig: Match.objectLike({ LogGroup: Match.anyValue() }),
    });
    dev.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      }),
      ManagedPolicyArns: Match.absent(),
    });
  });

  it('puts /v1 behind the Cognito JWT authorizer and leaves health and docs open', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const routes = dev.template.findResources('AWS::ApiGatewayV2::Route');
    const byKey = Object.fromEntries(
      Object.values(routes).map((route) => [
        route.Properties.RouteKey,
        route.Properties.AuthorizationType,
      ]),
    );
    for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(byKey[`${method} /v1/{proxy+}`]).toBe('JWT');
    }
    expect(byKey['GET /health']).toBe('NONE');
    expect(byKey['GET /openapi.json']).toBe('NONE');
    expect(byKey['GET /docs']).toBe('NONE');
    expect(byKey['GET /docs/{file}']).toBe('NONE');
    expect(byKey['GET /v1/sessions/{sessionId}/calendar.ics']).toBe('JWT');
  });

  it('runs eleven functions, each with its own role', () => {
    // The bucket's auto-delete helper (dev only) is CDK's own, not one of ours.
    const functions = Object.entries(dev.template.findResources('AWS::Lambda::Function'))
      .filter(([id]) => !id.startsWith('CustomS3AutoDeleteObjects'))
      .map(([, f]) => f);
    expect(functions.map((f) => f.Properties.Description).sort()).toEqual([
      'Conference coordination HTTP API',
      'Marks invitations whose mail bounced or drew a complaint',
      'Processes replies to invitations',
      'Puts the staff roles and bodies from the staff directory into access tokens',
      'Records the malware scan results of uploaded papers',
      'Renders pages and files: link pages, calendars, released resolutions',
      'Renders the PDF collection and approved press releases',
      'Scheduled jobs: reminders, written-procedure deadlines, releases',
      'Sends the mails of the outbox through SES',
      'Serves the OpenAPI document and its UI',
      'The console of the secretariat and the press office, and its assets',
    ]);
    const roles = new Set(functions.map((f) => JSON.stringify(f.Properties.Role)));
    expect(roles.size).toBe(11);
    const docs = functions.find((f) => f.Properties.Description.startsWith('Serves'));
    expect(docs?.Properties.Environment?.Variables?.TABLE_NAME).toBeUndefined();
  });

  it('ships the OpenAPI document beside the docs bundle, equal to the one built from the routes', () => {
    const assets = readdirSync(dev.assembly.directory).filter((name) => name.startsWith('asset.'));
    const withDocument = assets.filter((asset) =>
      existsSync(join(dev.assembly.directory, asset, 'openapi.json')),
    );
    expect(withDocument).toHaveLength(1);
    const shipped = JSON.parse(
      readFileSync(join(dev.assembly.directory, withDocument[0] as string, 'openapi.json'), 'utf8'),
    );
    expect(shipped).toEqual(productDocument());
    const bundles = assets.filter((asset) =>
      existsSync(join(dev.assembly.directory, asset, 'index.mjs')),
    );
    expect(bundles).toHaveLength(11);
    for (const asset of bundles) {
      expect(existsSync(join(dev.assembly.directory, asset, 'index.mjs.map'))).toBe(true);
    }
  });

  it('ships the Swagger UI files beside the docs bundle, and the bundled function serves /docs from them alone', async () => {
    const assets = readdirSync(dev.assembly.directory).filter((name) => name.startsWith('asset.'));
    const docs = assets.filter((asset) =>
      existsSync(join(dev.assembly.directory, asset, 'openapi.json')),
    );
    expect(docs).toHaveLength(1);
    const folder = join(dev.assembly.directory, docs[0] as string);
    const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    for (const file of Object.keys(swaggerUiFiles)) {
      expect(readFileSync(join(folder, file)).equals(readFileSync(join(dist, file))), file).toBe(
        true,
      );
    }

    // The function as deployed, called with API Gateway's events.
    const { handler } = (await import(pathToFileURL(join(folder, 'index.mjs')).href)) as {
      handler: (event: unknown, context: unknown) => Promise<ApiResponse>;
    };
    const get = (path: string) => handler(httpEvent(path), { awsRequestId: 'infra-test' });
    const page = await get('/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const references = [...page.body.matchAll(/\s(?:src|href)="([^"]*)"/g)].map(([, url]) => url);
    expect(references).toEqual(
      expect.arrayContaining([
        '/docs/swagger-ui.css',
        '/docs/swagger-ui-bundle.js',
        '/docs/start.js',
      ]),
    );
    for (const url of references.filter((u) => u?.startsWith('/docs/'))) {
      const asset = await get(url as string);
      expect(asset.statusCode, url).toBe(200);
      const body = asset.isBase64Encoded
        ? Buffer.from(asset.body, 'base64')
        : Buffer.from(asset.body);
      const file = url?.slice('/docs/'.length) ?? '';
      if (file in swaggerUiFiles)
        expect(body.equals(readFileSync(join(dist, file))), url).toBe(true);
    }
  });

  it('ships the standard-font metrics beside the PDF bundle, resolvable as the library asks for them', () => {
    const assets = readdirSync(dev.assembly.directory).filter((name) => name.startsWith('asset.'));
    const pdf = assets.filter((asset) =>
      existsSync(join(dev.assembly.directory, asset, 'standard-fonts')),
    );
    expect(pdf).toHaveLength(1);
    const folder = join(dev.assembly.directory, pdf[0] as string);
    // The library calls createRequire(import.meta.url)('#standard-fonts/…') from the bundle.
    const resolve = createRequire(join(folder, 'index.mjs'));
    type FontModule = { name?: string; default?: { name: string } };
    const nameOf = (id: string) => {
      const font = resolve(id) as FontModule;
      return font.default?.name ?? font.name;
    };
    expect(nameOf('#standard-fonts/Helvetica')).toBe('Helvetica');
    expect(nameOf('#standard-fonts/HelveticaBold')).toBe('Helvetica-Bold');
  });

  it('throttles the stage and writes access logs', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('has a user pool with MFA and one group per role', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    const groups = Object.values(dev.template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'chair', 'member', 'press', 'secretariat']);
  });

  it('has the outgoing mail queue with a dead-letter queue, the SES identity and configuration set', () => {
    dev.template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    // Each stage sends from its own domain: prod from the one given, dev from a subdomain.
    dev.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'dev.imk.example.org',
      MailFromAttributes: { MailFromDomain: 'bounce.dev.imk.example.org' },
    });
    prod.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'imk.example.org',
      MailFromAttributes: { MailFromDomain: 'bounce.imk.example.org' },
    });
    dev.template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  });

  it('alarms on both dead-letter queues, every function’s errors, API 5xx, table throttling, SES reputation, failing sweep items and stopped scheduled jobs', () => {
    const alarms = Object.values(dev.template.findResources('AWS::CloudWatch::Alarm'));
    const named = (metricName: string) =>
      alarms.filter((alarm) => alarm.Properties.MetricName === metricName);
    expect(named('ApproximateNumberOfMessagesVisible')).toHaveLength(2);
    expect(named('5xx')).toHaveLength(1);
    const functions = Object.keys(dev.template.findResources('AWS::Lambda::Function')).filter(
      (id) => !/CustomResource|AWS679f53fac|BucketNotifications|AutoDeleteObjects/.test(id),
    );
    const errors = named('Errors').map((alarm) => alarm.Properties.Dimensions[0].Value.Ref);
    expect(errors.sort()).toEqual(functions.sort());
    expect(named('Reputation.BounceRate')[0]?.Properties).toMatchObject({
      Namespace: 'AWS/SES',
      Threshold: 0.03,
    });
    expect(named('Reputation.ComplaintRate')[0]?.Properties.Threshold).toBe(0.0005);
    const throttled = alarms.filter((alarm) =>
      JSON.stringify(alarm.Properties.Metrics ?? []).includes('ThrottledRequests'),
    );
    expect(throttled).toHaveLength(1);
    expect(named('SweepItemFailed')).toHaveLength(1);
    const stopped = named('ScheduledJobsRun')[0];
    expect(stopped?.Properties).toMatchObject({
      Namespace: 'ConferenceCoordination',
      Period: 600,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
  });

  it('lets the mailer send only as the sender domain', () => {
    const policies = Object.values(dev.template.findResources('AWS::IAM::Policy'));
    const sending = policies.flatMap((policy) =>
      (
        policy.Properties.PolicyDocument.Statement as { Action: unknown; Condition?: unknown }[]
      ).filter((statement) => JSON.stringify(statement.Action).includes('ses:SendRawEmail')),
    );
    expect(sending).toHaveLength(1);
    expect(JSON.stringify(sending[0]?.Condition)).toContain('ses:FromAddress');
  });

  it('mails the alarms to the address given with -c alarmEmail, and outputs the topic', () => {
    const email = (template: Template) =>
      Object.values(template.findResources('AWS::SNS::Subscription')).filter(
        (subscription) => subscription.Properties.Protocol === 'email',
      );
    expect(email(dev.template)).toEqual([]);
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'cdk-test-')),
      context: { stage: 'dev', senderDomain: 'imk.example.org', alarmEmail: 'betrieb@example.org' },
    });
    const template = Template.fromStack(addConferenceStack(app));
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'betrieb@example.org',
    });
    template.hasOutput('AlarmTopicArn', {});
    expect(email(template)).toHaveLength(1);
    const careless = new App({
      outdir: mkdtempSync(join(tmpdir(), 'cdk-test-')),
      context: { stage: 'dev', senderDomain: 'imk.example.org', alarmEmail: 'kein-ziel' },
    });
    expect(() => addConferenceStack(careless)).toThrow(/alarmEmail 'kein-ziel' is not an address/);
  });

  it('loses no asynchronous event: every path has a dead-letter destination and a bound', () => {
    const queueId = (pattern: RegExp) => {
      const [id] = Object.keys(dev.template.findResources('AWS::SQS::Queue')).filter((key) =>
        pattern.test(key),
      );
      if (id === undefined) throw new Error(`no queue ${pattern}`);
      return id;
    };
    const failedEvents = queueId(/FailedEvents/);
    // The Pipe: bounded retries and age, bisect on error, failed records to the queue,
    // and created only after its role's policy (else the first deploy can fail).
    const [pipeId, pipe] = Object.entries(dev.template.findResources('AWS::Pipes::Pipe'))[0] ?? [];
    expect(pipeId).toBeDefined();
    expect(pipe?.Properties.SourceParameters.DynamoDBStreamParameters).toMatchObject({
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 3600,
      OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [failedEvents, 'Arn'] } },
    });
    const policies = Object.keys(dev.template.findResources('AWS::IAM::Policy')).filter((key) =>
      /PipeRoleDefaultPolicy/.test(key),
    );
    expect(policies).toHaveLength(1);
    expect(pipe?.DependsOn).toEqual(expect.arrayContaining(policies));
    // SES (inbound mail), SNS (bounces) and EventBridge (malware scan results) invoke
    // asynchronously: retries, an age, a destination.
    const configs = Object.values(dev.template.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(configs).toHaveLength(3);
    for (const config of configs) {
      expect(config.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 21600,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [failedEvents, 'Arn'] } },
        },
      });
    }
    // The scheduler's target.
    dev.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [failedEvents, 'Arn'] } },
      }),
    });
    // The outbox queue: a dead-letter queue, and a visibility timeout of six mailer timeouts.
    const mailer = Object.values(dev.template.findResources('AWS::Lambda::Function')).find((fn) =>
      String(fn.Properties.Description).startsWith('Sends the mails'),
    );
    const timeout = Number(mailer?.Properties.Timeout);
    dev.template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: timeout * 6,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
    // An unreadable message goes to the dead-letter queue at once: the mailer knows it.
    expect(mailer?.Properties.Environment.Variables.DEAD_LETTER_QUEUE_URL).toEqual({
      Ref: queueId(/MailDeadLetters/),
    });
  });

  it('feeds new outbox items to the mailer: stream → Pipe (filtered) → queue → function with per-record failures', () => {
    dev.template.hasResourceProperties('AWS::Pipes::Pipe', {
      SourceParameters: {
        DynamoDBStreamParameters: Match.objectLike({ StartingPosition: 'LATEST' }),
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { type: { S: ['Outbox'] } } },
              }),
            },
          ],
        },
      },
      TargetParameters: { InputTemplate: '{"outboxId": "<$.dynamodb.NewImage.id.S>"}' },
    });
    dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const mailer = Object.values(dev.template.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.Description === 'Sends the mails of the outbox through SES',
    );
    expect(Object.keys(mailer?.Properties.Environment.Variables).sort()).toEqual(
      expect.arrayContaining([
        'LINK_SECRET_ARN',
        'PUBLIC_BASE_URL',
        'SECRETARIAT_EMAIL',
        'SENDER_DOMAIN',
        'TABLE_NAME',
      ]),
    );
    const policies = JSON.stringify(dev.template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('ses:SendRawEmail');
    expect(policies).not.toContain('"ses:*"');
  });

  it('stores replies in S3 and hands them to the inbound function through an SES receipt rule', () => {
    dev.template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: 'conference-inbound',
      Rule: Match.objectLike({
        Name: 'conference-dev',
        Recipients: ['dev.imk.example.org'],
        TlsPolicy: 'Require',
        ScanEnabled: true,
        Actions: [
          { S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/' }) },
          { LambdaAction: Match.objectLike({ InvocationType: 'Event' }) },
        ],
      }),
    });
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
  });

  it('sends bounces and complaints from the configuration set to the mail-events function', () => {
    dev.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
    dev.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
  });

  it('runs the reminder sweep from an EventBridge Scheduler schedule', () => {
    dev.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
      }),
    });
  });

  it('keeps the link key in Secrets Manager and gives it only to the functions that sign or check links', () => {
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
    const readers = Object.entries(dev.template.findResources('AWS::IAM::Policy')).filter(
      ([, policy]) =>
        JSON.stringify(policy).includes('secretsmanager:GetSecretValue') &&
        JSON.stringify(policy).includes('MailLinkKey'),
    );
    expect(readers.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'ApiFunctionRoleDefaultPolicy',
      'ConsoleFunctionRoleDefaultPolicy',
      'DocumentsFunctionRoleDefaultPolicy',
      'InboundMailFunctionRoleDefaultPolicy',
      'MailerFunctionRoleDefaultPolicy',
    ]);
    const withExtension = Object.values(dev.template.findResources('AWS::Lambda::Function'))
      .filter((f) =>
        JSON.stringify(f.Properties.Layers ?? []).includes(
          'AWS-Parameters-and-Secrets-Lambda-Extension',
        ),
      )
      .map((f) => f.Properties.Description)
      .sort();
    expect(withExtension).toEqual([
      'Conference coordination HTTP API',
      'Processes replies to invitations',
      'Renders pages and files: link pages, calendars, released resolutions',
      'Renders the PDF collection and approved press releases',
      'Sends the mails of the outbox through SES',
      'The console of the secretariat and the press office, and its assets',
    ]);
  });

  it("gives every function the memory the README's table justifies by its peak RSS", () => {
    // The README names functions as the bench does; the template by logical id.
    const logicalIds: Record<string, string> = {
      api: 'ApiFunction',
      documents: 'DocumentsFunction',
      console: 'ConsoleFunction',
      renderer: 'RendererFunction',
      docs: 'DocsFunction',
      mailer: 'MailerFunction',
      'scheduled-jobs': 'ScheduledJobsFunction',
      'inbound-mail': 'InboundMailFunction',
      'mail-events': 'MailEventsFunction',
      'paper-scan': 'PapersScanFunction',
      'pre-token': 'IdentityPreTokenFunction',
    };
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('### Memory per function'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| function')));
    const justified = new Map(
      [...table.matchAll(/^\| ([a-z-]+) \| (\d+) \| ([\d.]+) \| (.+) \|$/gm)].map((row) => [
        logicalIds[row[1] as string] ?? `unknown function ${row[1]}`,
        { memory: Number(row[2]), peakRss: Number(row[3]), why: row[4] as string },
      ]),
    );
    const deployed = Object.entries(prod.template.findResources('AWS::Lambda::Function')).map(
      ([id, resource]) => ({
        prefix: id.replace(/[0-9A-F]{8}$/, ''),
        memory: (resource as { Properties: { MemorySize: number } }).Properties.MemorySize,
      }),
    );
    expect([...justified.keys()].sort()).toEqual(deployed.map((fn) => fn.prefix).sort());
    for (const fn of deployed) {
      const row = justified.get(fn.prefix);
      expect(row?.memory, fn.prefix).toBe(fn.memory);
      // Room for what the bench's requests did not reach: at least three times the peak.
      expect(fn.memory, fn.prefix).toBeGreaterThanOrEqual(3 * (row?.peakRss ?? Infinity));
      expect(row?.why.length, fn.prefix).toBeGreaterThan(20);
    }
  });

  it('refuses an unknown stage and a malformed sender domain with a clear message', () => {
    expect(() =>
      addConferenceStack(new App({ context: { stage: 'qa', senderDomain: 'a.example' } })),
    ).toThrow(/Unknown stage 'qa'/);
    expect(() =>
      addConferenceStack(new App({ context: { stage: 'dev', senderDomain: 'nodot' } })),
    ).toThrow(/senderDomain 'nodot' is not a domain/);
  });
});
