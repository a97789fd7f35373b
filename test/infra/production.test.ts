import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { addConferenceStack } from '../../infra/conference-app.js';
import { readActions, writeActions } from '../../infra/constructs/data-table.js';
import { mailerConcurrency, mailerPace } from '../../infra/constructs/mailer.js';
import { papersBucketActions, papersObjectActions } from '../../infra/constructs/papers-storage.js';

type Context = Record<string, string>;

/** Synthesizes one stage without bundling the functions (the templates are what is checked). */
const synth = (context: Context = {}) => {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'cdk-production-')),
    context: {
      stage: 'dev',
      senderDomain: 'imk.example.org',
      'aws:cdk:bundling-stacks': [],
      ...context,
    },
  });
  const stack = addConferenceStack(app);
  const assembly = app.synth();
  const templateOf = (name: string) =>
    Template.fromJSON(
      JSON.parse(readFileSync(join(assembly.directory, `${name}.template.json`), 'utf8')),
    );
  return {
    template: Template.fromStack(stack),
    edge: templateOf(`ConferenceEdge-${context.stage ?? 'dev'}`),
    rules: templateOf('ConferenceMailRules'),
    assembly,
  };
};

const withDomain = {
  stage: 'prod',
  domainName: 'konferenz.imk.example.org',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'imk.example.org',
};

const functionsOf = (template: Template) =>
  Object.entries(template.findResources('AWS::Lambda::Function'));

describe('Stack: production entrance (CloudFront, WAF, certificate)', () => {
  const dev = synth();
  const prod = synth(withDomain);

  it('puts a CloudFront distribution with the web ACL from us-east-1 in front of the HTTP API', () => {
    // Prepare: the edge stack lives in us-east-1, as CloudFront requires
    const edgeArtifact = dev.assembly.getStackByName('ConferenceEdge-dev');
    expect(edgeArtifact.environment.region).toBe('us-east-1');
    dev.edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });

    // Assess: the distribution reads the ACL's ARN across regions, without custom resources
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: {
          'Fn::GetStackOutput': Match.objectLike({
            StackName: 'ConferenceEdge-dev',
            Region: 'us-east-1',
          }),
        },
        Origins: [
          Match.objectLike({
            DomainName: {
              'Fn::Join': [
                '',
                [
                  { Ref: Match.stringLikeRegexp('^HttpGateway') },
                  Match.anyValue(),
                  Match.anyValue(),
                ],
              ],
            },
            CustomOriginConfig: Match.objectLike({
              OriginProtocolPolicy: 'https-only',
              OriginSSLProtocols: ['TLSv1.2'],
            }),
            OriginCustomHeaders: [Match.objectLike({ HeaderName: 'x-origin-verify' })],
          }),
        ],
      }),
    });
    expect(JSON.stringify(dev.template.toJSON())).not.toContain('Custom::CrossRegion');
  });

  it('caches the public pages, feeds and OParl by the app’s Cache-Control, and never the staff API or the links', () => {
    const distribution = Object.values(
      dev.template.findResources('AWS::CloudFront::Distribution'),
    )[0]?.Properties.DistributionConfig;
    // The managed CachingDisabled policy
    const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
    expect(distribution.DefaultCacheBehavior.CachePolicyId).toBe(cachingDisabled);
    const cached = distribution.CacheBehaviors.map(
      (behavior: { PathPattern: string }) => behavior.PathPattern,
    );
    expect(cached.sort()).toEqual(['/assets/*', '/oparl/*', '/public/*']);
    for (const behavior of distribution.CacheBehaviors) {
      expect(behavior.CachePolicyId).not.toBe(cachingDisabled);
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    }
    dev.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        // Nothing is kept without the app's Cache-Control; at most ten minutes with it.
        DefaultTTL: 0,
        MinTTL: 0,
        MaxTTL: 600,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Accept', 'Accept-Language'] },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
        }),
      }),
    });
  });

  it('shields the distribution with managed rules and per-client rate limits, strictest on subscribing', () => {
    const acl = Object.values(dev.edge.findResources('AWS::WAFv2::WebACL'))[0]?.Properties;
    const rules = acl.Rules as Array<{
      Name: string;
      Statement: {
        ManagedRuleGroupStatement?: { Name: string };
        RateBasedStatement?: {
          Limit: number;
          AggregateKeyType: string;
          ScopeDownStatement?: unknown;
        };
      };
    }>;
    const managed = rules.flatMap((r) => r.Statement.ManagedRuleGroupStatement?.Name ?? []);
    expect(managed).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesAmazonIpReputationList',
      ]),
    );
    const limit = (name: string) => {
      const rate = rules.find((r) => r.Name === name)?.Statement.RateBasedStatement;
      expect(rate?.AggregateKeyType).toBe('IP');
      return rate?.Limit ?? Number.NaN;
    };
    expect(limit('SubscribeRate')).toBeLessThan(limit('PressListRate'));
    expect(limit('PressListRate')).toBeLessThan(limit('LinksRate'));
    expect(limit('LinksRate')).toBeLessThan(limit('EverythingRate'));
    const scoped = JSON.stringify(rules.find((r) => r.Name === 'LinksRate'));
    expect(scoped).toContain('/links/');
    expect(JSON.stringify(rules.find((r) => r.Name === 'SubscribeRate'))).toContain('POST');
  });

  it('derives the public address of the links: the distribution’s name, or the custom domain', () => {
    for (const [, fn] of functionsOf(dev.template)) {
      const url = fn.Properties.Environment?.Variables?.PUBLIC_BASE_URL;
      if (url === undefined) continue;
      expect(url).toEqual({
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::GetAtt': [expect.stringMatching(/^EdgeDistribution/), 'DomainName'] },
          ],
        ],
      });
    }
    const prodUrls = functionsOf(prod.template).flatMap(
      ([, fn]) => fn.Properties.Environment?.Variables?.PUBLIC_BASE_URL ?? [],
    );
    expect(prodUrls.length).toBeGreaterThanOrEqual(5);
    expect(new Set(prodUrls)).toEqual(new Set(['https://konferenz.imk.example.org']));
    expect(() => synth({ publicBaseUrl: 'https://api.imk.example.org' })).toThrow(
      /publicBaseUrl is derived, not given/,
    );
  });

  it('serves a custom domain with a DNS-validated certificate from us-east-1 and alias records', () => {
    prod.edge.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'konferenz.imk.example.org',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: 'konferenz.imk.example.org', HostedZoneId: 'Z0123456789ABCDEFGHIJ' },
      ],
    });
    prod.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['konferenz.imk.example.org'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }),
      }),
    });
    for (const type of ['A', 'AAAA']) {
      prod.template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'konferenz.imk.example.org.',
        Type: type,
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      });
    }
    // The sender domain lies in the zone too: SES's records are made there.
    prod.template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'imk.example.org.',
      Type: 'MX',
      ResourceRecords: ['10 inbound-smtp.eu-central-1.amazonaws.com'],
    });
    prod.template.resourceCountIs('AWS::Route53::RecordSet', 2 + 3 + 3);
    dev.edge.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    expect(() => synth({ domainName: 'konferenz.imk.example.org' })).toThrow(
      /domainName and hostedZoneId go together/,
    );
  });

  it('outputs everything a first deploy needs: the address, the DNS records, the rule set and its activation', () => {
    const outputs = dev.template.toJSON().Outputs as Record<
      string,
      { Value: unknown; Description?: string }
    >;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['PublicUrl', 'AlarmTopicArn', 'ReceiptRuleSet', 'DistributionId']),
    );
    const lines = Object.entries(outputs)
      .filter(([id]) => id.startsWith('DnsRecord'))
      .map(([, output]) => JSON.stringify(output.Value));
    expect(lines.filter((line) => line.includes('DkimDNSTokenName'))).toHaveLength(3);
    expect(lines.join('\n')).toContain(
      'dev.imk.example.org. MX 10 inbound-smtp.eu-central-1.amazonaws.com',
    );
    expect(lines.join('\n')).toContain(
      'bounce.dev.imk.example.org. MX 10 feedback-smtp.eu-central-1.amazonses.com',
    );
    expect(lines.join('\n')).toContain('v=spf1 include:amazonses.com');
    expect(outputs.ReceiptRuleSet?.Description).toContain(
      'aws ses set-active-receipt-rule-set --rule-set-name conference-inbound --region eu-central-1',
    );
  });

  it('activates the shared receipt rule set only when asked', () => {
    dev.rules.hasResourceProperties('AWS::SES::ReceiptRuleSet', {
      RuleSetName: 'conference-inbound',
    });
    dev.rules.resourceCountIs('Custom::AWS', 0);
    const activated = synth({ activateReceiptRules: 'true' });
    activated.rules.hasResourceProperties('Custom::AWS', {
      Create: Match.stringLikeRegexp('setActiveReceiptRuleSet'),
    });
    expect(() => synth({ activateReceiptRules: 'yes' })).toThrow(/must be true or false/);
  });
});

describe('Stack: regions and stages', () => {
  it('takes the region from -c region, eu-central-1 by default', () => {
    const frankfurt = synth();
    expect(frankfurt.assembly.getStackByName('Conference-dev').environment.region).toBe(
      'eu-central-1',
    );
    const ireland = synth({ region: 'eu-west-1' });
    expect(ireland.assembly.getStackByName('Conference-dev').environment.region).toBe('eu-west-1');
    expect(() => synth({ region: 'frankfurt' })).toThrow(/not an AWS region name/);
    // Zurich has SES sending but no receiving: replies would never arrive.
    expect(() => synth({ region: 'eu-central-2' })).toThrow(/SES does not receive mail there/);
  });

  it('lets two stages live side by side: no explicit name of one stage is used by the other', () => {
    // Prepare: every literal physical name (unique per account and region) in a stage's stacks
    const physicalNames: Record<string, string[]> = {
      'AWS::Pipes::Pipe': ['Name'],
      'AWS::SES::ReceiptRule': ['Rule.Name', 'RuleSetName'],
      'AWS::SES::ConfigurationSet': ['Name'],
      'AWS::SES::EmailIdentity': ['EmailIdentity'],
      'AWS::WAFv2::WebACL': ['Name'],
      'AWS::SQS::Queue': ['QueueName'],
      'AWS::SNS::Topic': ['TopicName'],
      'AWS::Lambda::Function': ['FunctionName'],
      'AWS::DynamoDB::GlobalTable': ['TableName'],
      'AWS::S3::Bucket': ['BucketName'],
      'AWS::IAM::Role': ['RoleName'],
      'AWS::Logs::LogGroup': ['LogGroupName'],
      'AWS::Cognito::UserPool': ['UserPoolName'],
      'AWS::Scheduler::Schedule': ['Name'],
      'AWS::SecretsManager::Secret': ['Name'],
      'AWS::CloudFront::CachePolicy': ['CachePolicyConfig.Name'],
      'AWS::CloudWatch::Dashboard': ['DashboardName'],
    };
    const names = (...templates: Template[]) => {
      const found: string[] = [];
      for (const template of templates) {
        for (const [type, paths] of Object.entries(physicalNames)) {
          for (const resource of Object.values(template.findResources(type))) {
            for (const path of paths) {
              let value: unknown = resource.Properties;
              for (const key of path.split('.')) value = (value as Record<string, unknown>)?.[key];
              if (typeof value === 'string') found.push(value);
            }
          }
        }
      }
      return new Set(found);
    };
    const dev = synth();
    const prod = synth({ stage: 'prod' });
    const devNames = names(dev.template, dev.edge);
    const prodNames = names(prod.template, prod.edge);

    // Assess: only the shared rule set's name is common
    const shared = [...devNames].filter((name) => prodNames.has(name));
    expect(shared).toEqual(['conference-inbound']);
    expect(devNames).toContain('conference-dev');
    expect(prodNames).toContain('conference-prod');
  });
});

describe('Stack: least privilege', () => {
  const { template } = synth();
  const policies = Object.entries(template.findResources('AWS::IAM::Policy'));
  // biome-ignore lint/suspicious/noExplicitAny: a template's resource as the assertions library returns it
  const statementsOf = (policy: { [key: string]: any }) =>
    policy.Properties.PolicyDocument.Statement as Array<{
      Action: string | string[];
      Resource: unknown;
      Condition?: unknown;
    }>;
  const actionsOf = (statement: { Action: string | string[] }) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action];

  it('grants each function only the DynamoDB actions the repository calls', () => {
    // Prepare: the commands the repository sends, by their IAM action
    const commandAction: Record<string, string[]> = {
      GetCommand: ['dynamodb:GetItem'],
      BatchGetCommand: ['dynamodb:BatchGetItem'],
      QueryCommand: ['dynamodb:Query'],
      PutCommand: ['dynamodb:PutItem'],
      UpdateCommand: ['dynamodb:UpdateItem'],
      // A transaction is authorised per contained action: Put, Update, Delete, ConditionCheck.
      TransactWriteCommand: [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
    };
    const folder = join(import.meta.dirname, '../../shared/adapters/dynamodb');
    const used = new Set<string>();
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      for (const [, command] of readFileSync(join(folder, file), 'utf8').matchAll(
        /new (\w+Command)\(/g,
      )) {
        const actions = commandAction[command ?? ''];
        expect(actions, `${command} in ${file} has no IAM action in this test`).toBeDefined();
        for (const action of actions ?? []) used.add(action);
      }
    }
    expect([...used].sort()).toEqual([...readActions, ...writeActions].sort());

    // Assess: no role may scan, batch-write or administer the table
    const dynamo = policies.flatMap(([, policy]) =>
      statementsOf(policy)
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('dynamodb:')),
    );
    const allowed = new Set([
      ...readActions,
      ...writeActions,
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ]);
    expect(dynamo.filter((action) => !allowed.has(action))).toEqual([]);
    expect(dynamo).not.toContain('dynamodb:Scan');
    expect(dynamo).not.toContain('dynamodb:BatchWriteItem');
  });

  it('grants the object store’s functions only the S3 actions its adapter calls', () => {
    // Prepare: the commands and presigners the S3 adapter uses, by their IAM actions. S3
    // answers a missing key with 404 only to a caller that may list the bucket.
    const commandAction: Record<string, string[]> = {
      HeadObjectCommand: ['s3:GetObject', 's3:ListBucket'],
      GetObjectCommand: ['s3:GetObject', 's3:ListBucket'],
      PutObjectCommand: ['s3:PutObject'],
      DeleteObjectCommand: ['s3:DeleteObject'],
      GetObjectTaggingCommand: ['s3:GetObjectTagging'],
      PutObjectTaggingCommand: ['s3:PutObjectTagging'],
      // The copy reads its source and writes its target, tags included.
      CopyObjectCommand: [
        's3:GetObject',
        's3:PutObject',
        's3:GetObjectTagging',
        's3:PutObjectTagging',
      ],
      // A presigned POST form is signed by the function: S3 checks PutObject against its role.
      createPresignedPost: ['s3:PutObject'],
    };
    const source = readFileSync(
      join(import.meta.dirname, '../../shared/adapters/s3/object-store.ts'),
      'utf8',
    );
    const used = new Set<string>();
    for (const match of source.matchAll(/new (\w+Command)\(|(createPresignedPost)\(/g)) {
      const call = match[1] ?? match[2];
      const actions = commandAction[call ?? ''];
      expect(actions, `${call} in the S3 adapter has no IAM action in this test`).toBeDefined();
      for (const action of actions ?? []) used.add(action);
    }
    expect([...used].sort()).toEqual([...papersObjectActions, ...papersBucketActions].sort());

    // Assess: the object store's grants hold these actions and no other S3 action
    const granted = policies.flatMap(([, policy]) =>
      statementsOf(policy)
        .flatMap(actionsOf)
        .filter((action) => action.startsWith('s3:')),
    );
    for (const action of used) expect(granted).toContain(action);
    const others = granted.filter(
      (action) =>
        !used.has(action) &&
        // The inbound function reads stored messages, the sweep deletes, GuardDuty's role scans and tags.
        ![
          's3:GetObjectVersion',
          's3:GetObjectVersionTagging',
          's3:PutObjectVersionTagging',
          's3:GetBucketNotification',
          's3:PutBucketNotification',
        ].includes(action),
    );
    expect(others).toEqual([]);
  });

  it('uses a wildcard resource only for X-Ray, which has no resource-level permissions', () => {
    const wildcard = policies.flatMap(([, policy]) =>
      statementsOf(policy)
        .filter((statement) => statement.Resource === '*')
        .flatMap(actionsOf),
    );
    expect(wildcard.length).toBeGreaterThan(0);
    expect(wildcard.filter((action) => !action.startsWith('xray:'))).toEqual([]);
  });

  it('lets the services assume a role or invoke a function only for this account', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    for (const role of roles) {
      for (const statement of role.Properties.AssumeRolePolicyDocument.Statement) {
        const service = statement.Principal?.Service;
        if (service === 'scheduler.amazonaws.com' || service === 'pipes.amazonaws.com') {
          expect(statement.Condition).toEqual({
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          });
        }
      }
    }
    for (const permission of Object.values(template.findResources('AWS::Lambda::Permission'))) {
      const { SourceArn, SourceAccount } = permission.Properties;
      expect(SourceArn ?? SourceAccount, JSON.stringify(permission)).toBeDefined();
    }
  });

  it('traces every function and logs JSON on the platform', () => {
    for (const [id, fn] of functionsOf(template)) {
      if (
        id.startsWith('CustomS3AutoDelete') ||
        (fn.Properties.Handler === 'index.handler' &&
          fn.Properties.Runtime?.startsWith?.('nodejs') &&
          id.startsWith('Custom'))
      )
        continue;
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig, id).toEqual(
        expect.objectContaining({ LogFormat: 'JSON' }),
      );
    }
  });
});

describe('Stack: the operations dashboard', () => {
  it('shows mails sent and failed, answers by channel, inbound outcomes, API latency and errors', () => {
    const { template } = synth();
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    // The body is the dashboard's JSON, joined around the stack's references.
    const parts = dashboards[0]?.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    const body = parts.map((part) => (typeof part === 'string' ? part : '<ref>')).join('');
    for (const shown of [
      'MetricName=\\"MailSent\\"',
      'MetricName=\\"MailFailed\\"',
      'MetricName=\\"MailThrottled\\"',
      '{ConferenceCoordination,service,channel} MetricName=\\"AnswerRecorded\\"',
      '{ConferenceCoordination,service,state} MetricName=\\"InboundOutcome\\"',
      '"AWS/ApiGateway","Latency"',
      '"AWS/ApiGateway","5xx"',
      '"AWS/CloudFront","5xxErrorRate"',
      '"ApproximateAgeOfOldestMessage"',
    ]) {
      expect(body, shown).toContain(shown);
    }
  });
});

describe('Stack: sending within the SES rate', () => {
  it('paces the mailer so that its concurrency times its pace never exceeds mailsPerSecond', () => {
    for (const rate of [1, 2, 7, 14, 50, 200]) {
      const pace = mailerPace(rate);
      expect(pace.perWorker * mailerConcurrency).toBeLessThanOrEqual(rate);
      // A batch is sent within half the mailer's 30-second timeout at that pace.
      expect(pace.batchSize / pace.perWorker).toBeLessThanOrEqual(15);
    }
    const { template } = synth({ mailsPerSecond: '4' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: mailerConcurrency },
      BatchSize: mailerPace(4).batchSize,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ MAILS_PER_SECOND_PER_WORKER: '2' }),
      },
    });
    expect(() => synth({ mailsPerSecond: '0' })).toThrow(
      /mailsPerSecond '0' must be a whole number/,
    );
  });
});
