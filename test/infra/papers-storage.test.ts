import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { addConferenceStack } from '../../infra/conference-app.js';
import { papersBucketActions, papersObjectActions } from '../../infra/constructs/papers-storage.js';
import { lifecycleExpirationDays, retentionClasses } from '../../shared/domain/retention.js';

/** One stage without bundling the functions; cdk-nag runs on synth and throws on any finding. */
const synth = (stage: 'dev' | 'prod') => {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'cdk-papers-')),
    context: { stage, senderDomain: 'imk.example.org', 'aws:cdk:bundling-stacks': [] },
  });
  const stack = addConferenceStack(app);
  app.synth();
  return Template.fromStack(stack);
};

// biome-ignore lint/suspicious/noExplicitAny: template resources as the assertions library returns them
type Resource = { [key: string]: any };

const only = (template: Template, type: string, filter?: Record<string, unknown>) => {
  const found = Object.entries(template.findResources(type, filter));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Resource];
};

const arnOf = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
const objectsOf = (bucketId: string, pattern: string) => ({
  'Fn::Join': ['', [arnOf(bucketId), `/${pattern}`]],
});

/** The function whose environment names it by this construct path prefix, e.g. `ApiFunction`. */
const functionId = (template: Template, prefix: string) => {
  const ids = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) =>
    id.startsWith(prefix),
  );
  expect(ids, prefix).toHaveLength(1);
  return ids[0] as string;
};
const roleOf = (template: Template, fnId: string) =>
  template.findResources('AWS::Lambda::Function')[fnId]?.Properties.Role['Fn::GetAtt'][0] as string;

/** Every Allow statement of the policies attached to a role. */
const statementsOfRole = (template: Template, roleId: string) =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
    )
    .flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as {
          Sid?: string;
          Action: string | string[];
          Resource: unknown;
          Condition?: unknown;
        }[],
    );
const actionsOf = (statement: { Action: string | string[] }) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

describe('Stack: papers storage', () => {
  // The dev stage: papers are retained in every stage, being records.
  const template = synth('dev');
  const [bucketId, bucket] = only(template, 'AWS::S3::Bucket', {
    Properties: { LoggingConfiguration: { LogFilePrefix: 's3/papers/' } },
  });
  const [, bucketPolicy] = only(template, 'AWS::S3::BucketPolicy', {
    Properties: { Bucket: { Ref: bucketId } },
  });
  const statements = bucketPolicy.Properties.PolicyDocument.Statement as Resource[];
  const [planId, plan] = only(template, 'AWS::GuardDuty::MalwareProtectionPlan');
  const scanRoleId = plan.Properties.Role['Fn::GetAtt'][0] as string;
  const scanFunctionId = functionId(template, 'PapersScanFunction');

  it('keeps the bucket private, encrypted, versioned and owned, logged, and never deleted with the stack', () => {
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ],
    });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.OwnershipControls).toEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({
      Ref: expect.stringMatching(/^EdgeAccessLogs/),
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
  });

  it('answers only over TLS', () => {
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        Resource: [arnOf(bucketId), objectsOf(bucketId, '*')],
      }),
    );
  });

  it('takes presigned POST uploads from the console’s origin only', () => {
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: ['POST'],
        AllowedOrigins: [
          {
            'Fn::Join': [
              '',
              [
                'https://',
                { 'Fn::GetAtt': [expect.stringMatching(/^EdgeDistribution/), 'DomainName'] },
              ],
            ],
          },
        ],
      }),
    ]);
  });

  it('has one lifecycle rule per retention class, with the shared module’s days, and none for keep', () => {
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Resource[];
    for (const retention of retentionClasses) {
      const tagged = rules.filter((rule) =>
        (rule.TagFilters ?? []).some(
          (tag: { Key: string; Value: string }) =>
            tag.Key === 'retention' && tag.Value === retention,
        ),
      );
      const days = lifecycleExpirationDays(retention);
      if (days === undefined) {
        expect(tagged, retention).toEqual([]);
        continue;
      }
      expect(tagged, retention).toEqual([
        expect.objectContaining({ Status: 'Enabled', ExpirationInDays: days }),
      ]);
      expect(tagged[0]?.Prefix, retention).toBeUndefined();
    }
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 2, Status: 'Enabled' }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        ExpiredObjectDeleteMarker: true,
      }),
    );
    expect(rules.filter((rule) => rule.TagFilters !== undefined)).toHaveLength(6);
  });

  it('attaches a GuardDuty Malware Protection plan to the bucket that tags scanned objects', () => {
    expect(plan.Properties).toEqual({
      Actions: { Tagging: { Status: 'ENABLED' } },
      ProtectedResource: {
        S3Bucket: {
          BucketName: { Ref: bucketId },
          ObjectPrefixes: ['uploads/', 'papers/', 'protocols/'],
        },
      },
      Role: arnOf(scanRoleId),
    });
    // The role's policy exists before GuardDuty validates the role.
    expect(plan.DependsOn).toEqual([
      expect.stringMatching(/^PapersMalwareProtectionRoleDefaultPolicy/),
    ]);
  });

  it('gives the plan’s role exactly the permissions AWS documents for the plan, on this bucket', () => {
    const role = template.findResources('AWS::IAM::Role')[scanRoleId];
    expect(role?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' },
      },
    ]);
    const granted = Object.fromEntries(
      statementsOfRole(template, scanRoleId).map((statement) => [
        statement.Sid,
        { actions: actionsOf(statement).sort(), resource: statement.Resource },
      ]),
    );
    const managedRule = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:eu-central-1:',
          { Ref: 'AWS::AccountId' },
          ':rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*',
        ],
      ],
    };
    expect(granted).toEqual({
      AllowManagedRuleToSendS3EventsToGuardDuty: {
        actions: [
          'events:DeleteRule',
          'events:PutRule',
          'events:PutTargets',
          'events:RemoveTargets',
        ],
        resource: managedRule,
      },
      AllowGuardDutyToMonitorEventBridgeManagedRule: {
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resource: managedRule,
      },
      AllowPostScanTag: {
        actions: [
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        resource: objectsOf(bucketId, '*'),
      },
      AllowEnableS3EventBridgeEvents: {
        actions: ['s3:GetBucketNotification', 's3:PutBucketNotification'],
        resource: arnOf(bucketId),
      },
      AllowPutValidationObject: {
        actions: ['s3:PutObject'],
        resource: objectsOf(bucketId, 'malware-protection-resource-validation-object'),
      },
      AllowCheckBucketOwnership: { actions: ['s3:ListBucket'], resource: arnOf(bucketId) },
      AllowMalwareScan: {
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resource: objectsOf(bucketId, '*'),
      },
    });
    expect(
      statementsOfRole(template, scanRoleId).find(
        (statement) => statement.Sid === 'AllowManagedRuleToSendS3EventsToGuardDuty',
      )?.Condition,
    ).toEqual({
      StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' },
    });
  });

  it('sends the plan’s scan results for this bucket to the scan function, failures to the failed-events queue, errors to an alarm', () => {
    const [, rule] = only(template, 'AWS::Events::Rule', {
      Properties: { EventPattern: { source: ['aws.guardduty'] } },
    });
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      resources: [arnOf(planId)],
      detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId }] } },
    });
    const queueId = Object.keys(template.findResources('AWS::SQS::Queue')).find((id) =>
      id.startsWith('MailFailedEvents'),
    );
    const failedEvents = arnOf(queueId ?? 'MailFailedEvents');
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: arnOf(scanFunctionId),
        DeadLetterConfig: { Arn: failedEvents },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 },
      }),
    ]);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: scanFunctionId },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: failedEvents } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: scanFunctionId } }],
    });
  });

  it('shares papers and protocols only when GuardDuty tagged them clean, uploads also with the functions that check their type', () => {
    const clean = {
      StringNotEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' },
    };
    const checkers = ['ApiFunction', 'ConsoleFunction'].map((prefix) =>
      arnOf(roleOf(template, functionId(template, prefix))),
    );
    const bySid = (sid: string) => statements.find((statement) => statement.Sid === sid);
    expect(bySid('DenyUnscannedPapers')).toEqual({
      Sid: 'DenyUnscannedPapers',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: [objectsOf(bucketId, 'papers/*'), objectsOf(bucketId, 'protocols/*')],
      Condition: { ...clean, ArnNotEquals: { 'aws:PrincipalArn': [arnOf(scanRoleId)] } },
    });
    expect(bySid('DenyUnscannedUploads')).toEqual({
      Sid: 'DenyUnscannedUploads',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: objectsOf(bucketId, 'uploads/*'),
      Condition: {
        ...clean,
        ArnNotEquals: { 'aws:PrincipalArn': [arnOf(scanRoleId), ...checkers] },
      },
    });
    // Nobody but GuardDuty makes an object clean: neither by tagging it nor by uploading it tagged.
    expect(bySid('OnlyGuardDutyTagsClean')).toMatchObject({
      Effect: 'Deny',
      Action: ['s3:PutObjectTagging', 's3:PutObjectVersionTagging'],
      Condition: {
        StringEquals: { 's3:RequestObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' },
        ...clean,
        ArnNotEquals: { 'aws:PrincipalArn': [arnOf(scanRoleId)] },
      },
    });
    expect(bySid('NoScanTagOnUpload')).toMatchObject({
      Effect: 'Deny',
      Action: 's3:PutObject',
      Condition: {
        'ForAnyValue:StringEquals': { 's3:RequestObjectTagKeys': ['GuardDutyMalwareScanStatus'] },
      },
    });
  });

  it('lets the API and console functions use the object store on the product’s prefixes, the documents function hand out downloads, the sweep delete, the scan function tag', () => {
    const prefixes = ['uploads/*', 'papers/*', 'protocols/*'].map((p) => objectsOf(bucketId, p));
    for (const prefix of ['ApiFunction', 'ConsoleFunction']) {
      const granted = statementsOfRole(template, roleOf(template, functionId(template, prefix)));
      expect(granted, prefix).toContainEqual(
        expect.objectContaining({ Action: [...papersObjectActions], Resource: prefixes }),
      );
      expect(granted, prefix).toContainEqual(
        expect.objectContaining({
          Action: papersBucketActions[0],
          Resource: arnOf(bucketId),
          Condition: { StringLike: { 's3:prefix': ['uploads/*', 'papers/*', 'protocols/*'] } },
        }),
      );
    }
    const sweep = statementsOfRole(
      template,
      roleOf(template, functionId(template, 'ScheduledJobs')),
    );
    expect(sweep).toContainEqual(
      expect.objectContaining({
        Action: ['s3:DeleteObject', 's3:GetObjectTagging'],
        Resource: prefixes,
      }),
    );
    const scan = statementsOfRole(template, roleOf(template, scanFunctionId));
    expect(
      scan.filter((statement) => actionsOf(statement).some((a) => a.startsWith('s3:'))),
    ).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObjectTagging', 's3:PutObjectTagging'],
        Resource: prefixes,
      }),
    ]);
    // Nothing else in the stack reads or writes the papers.
    const others = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes(`"${bucketId}"`),
    );
    expect(others).toHaveLength(7);
    // The documents function hands out the links, the renderer reads PDF papers into the folder.
    for (const reader of ['DocumentsFunction', 'RendererFunction']) {
      const statements = statementsOfRole(template, roleOf(template, functionId(template, reader)));
      expect(
        statements.filter((statement) => actionsOf(statement).some((a) => a.startsWith('s3:'))),
        reader,
      ).toEqual([
        expect.objectContaining({
          Action: 's3:GetObject',
          Resource: [objectsOf(bucketId, 'papers/*'), objectsOf(bucketId, 'protocols/*')],
        }),
      ]);
    }
  });

  it('tells the API, console, documents, renderer, scheduled jobs and scan functions the bucket', () => {
    const withBucket = Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.PAPERS_BUCKET !== undefined)
      .map(([id, fn]) => {
        expect(fn.Properties.Environment.Variables.PAPERS_BUCKET, id).toEqual({ Ref: bucketId });
        return id.replace(/[0-9A-F]{8}$/, '');
      });
    expect(withBucket.sort()).toEqual(
      [
        'ApiFunction',
        'ConsoleFunction',
        'DocumentsFunction',
        'PapersScanFunction',
        'RendererFunction',
        'ScheduledJobsFunction',
      ].map((id) => expect.stringMatching(new RegExp(`^${id}`))),
    );
    template.hasOutput('PapersBucket', { Value: { Ref: bucketId } });
  });
});
