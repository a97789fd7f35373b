import { type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import {
  AnyPrincipal,
  Effect,
  type IGrantable,
  type IRole,
  PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type IBucket,
  type LifecycleRule,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  incompleteUploadDays,
  lifecycleExpirationDays,
  noncurrentVersionDays,
  objectPrefixes,
  retentionClasses,
  retentionTagKey,
  unattachedUploadDays,
} from '../../shared/domain/retention.js';
import { ApiFunction } from './api-function.js';
import type { DataTable } from './data-table.js';

/** The object actions the object store (shared/adapters/s3/object-store.ts) calls on papers. */
export const papersObjectActions = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:GetObjectTagging',
  's3:PutObjectTagging',
] as const;

/**
 * On the bucket itself: without `s3:ListBucket` S3 answers a missing key
 * with 403 instead of 404, and the object store could not tell "not there".
 */
export const papersBucketActions = ['s3:ListBucket'] as const;

/** GuardDuty's tag on every scanned object, and its value for a clean one. */
export const scanStatusTag = 'GuardDutyMalwareScanStatus';
export const cleanScanStatus = 'NO_THREATS_FOUND';

/** The prefixes the product stores objects under, each scanned by GuardDuty. */
const storedPrefixes = Object.values(objectPrefixes);

export interface PapersStorageProps {
  stage: string;
  data: DataTable;
  /** Where an event the scan function could not handle after its retries is kept. */
  failedEvents: IQueue;
  /** The console's origin (`https://…`), the only one that may POST uploads. */
  consoleOrigin: string;
  /**
   * The roles that read an upload before its scan is done, to check its
   * type by its first bytes and move it under `papers/` when attached (the
   * API and console functions).
   */
  uploadCheckers: IRole[];
  /** Where S3 writes the bucket's server access logs. */
  accessLogs: IBucket;
}

/**
 * The papers and protocols of sessions: one private, versioned, encrypted
 * bucket; GuardDuty Malware Protection for S3 scans every new object and
 * tags it, and the bucket policy lets no one but the upload checkers read an
 * object that is not tagged clean; the scan result reaches the paper-scan
 * function through EventBridge. Lifecycle rules per retention class (the
 * `retention` tag the app sets, shared/domain/retention.ts) delete what the
 * app's own retention sweep missed.
 */
export class PapersStorage extends Construct {
  readonly bucket: Bucket;
  readonly scanFunction: ApiFunction;
  readonly scanRole: Role;
  readonly plan: CfnMalwareProtectionPlan;

  constructor(scope: Construct, id: string, props: PapersStorageProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 's3/papers/',
      // The console posts the upload form straight to S3 (and S3 redirects back).
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: [props.consoleOrigin],
          allowedHeaders: ['*'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: lifecycleRules(),
      // Papers and protocols are records: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.scanRole = this.malwareProtectionRole();
    this.plan = new CfnMalwareProtectionPlan(this, 'MalwareProtection', {
      role: this.scanRole.roleArn,
      protectedResource: {
        s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: storedPrefixes },
      },
      actions: { tagging: { status: 'ENABLED' } },
    });
    // GuardDuty checks the role's permissions when the plan is made: the policy must exist by then.
    const policy = this.scanRole.node.tryFindChild('DefaultPolicy');
    if (policy !== undefined) this.plan.node.addDependency(policy);

    this.shareOnlyClean(props.uploadCheckers);

    this.scanFunction = new ApiFunction(this, 'ScanFunction', {
      entry: 'functions/events/paper-scan.ts',
      description: 'Records the malware scan results of uploaded papers',
      stage: props.stage,
      // Peak RSS about 60 MB (npm run bench); objects are copied by S3, not through memory.
      memorySize: 256,
      environment: {
        TABLE_NAME: props.data.table.tableName,
        PAPERS_BUCKET: this.bucket.bucketName,
      },
    });
    props.data.grantReadWriteData(this.scanFunction.function);
    // A paper with a threat is tagged for quarantine; nothing else is touched.
    this.scanFunction.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObjectTagging', 's3:PutObjectTagging'],
        resources: storedPrefixes.map((prefix) => this.bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    this.acknowledgePrefixes(this.scanFunction.function);
    // EventBridge invokes asynchronously: after two retries the event goes to the failed-events queue.
    this.scanFunction.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(props.failedEvents),
    });
    new Rule(this, 'ScanResults', {
      description: 'GuardDuty malware scan results of the papers bucket',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        resources: [this.plan.attrArn],
        detail: { s3ObjectDetails: { bucketName: [this.bucket.bucketName] } },
      },
      targets: [
        new LambdaFunction(this.scanFunction.function, {
          deadLetterQueue: props.failedEvents,
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
  }

  /**
   * Lets a function use the object store on the bucket: the actions it
   * calls, on the product's prefixes only.
   */
  grantObjectStore(grantee: IGrantable & { node: Construct['node'] }): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...papersObjectActions],
        resources: storedPrefixes.map((prefix) => this.bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...papersBucketActions],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': storedPrefixes.map((prefix) => `${prefix}*`) } },
      }),
    );
    this.acknowledgePrefixes(grantee);
  }

  /** Lets a function hand out presigned downloads of papers and protocols (and nothing else). */
  grantDownloads(grantee: IGrantable & { node: Construct['node'] }): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [objectPrefixes.papers, objectPrefixes.protocols].map((prefix) =>
          this.bucket.arnForObjects(`${prefix}*`),
        ),
      }),
    );
    this.acknowledgePrefixes(grantee, [objectPrefixes.papers, objectPrefixes.protocols]);
  }

  /** Lets the retention sweep delete what has reached its date. */
  grantDelete(grantee: IGrantable & { node: Construct['node'] }): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject', 's3:GetObjectTagging'],
        resources: storedPrefixes.map((prefix) => this.bucket.arnForObjects(`${prefix}*`)),
      }),
    );
    this.acknowledgePrefixes(grantee);
  }

  private acknowledgePrefixes(
    grantee: { node: Construct['node'] },
    prefixes: readonly string[] = storedPrefixes,
  ) {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const target = (grantee as { role?: IRole }).role ?? grantee;
    for (const prefix of prefixes) {
      Validations.of(target as Construct).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason:
          'Papers and protocols are stored under the prefix by ids made when they are uploaded.',
      });
    }
  }

  /**
   * The role GuardDuty scans and tags with: the permissions AWS documents
   * for a Malware Protection plan of one bucket (its managed EventBridge
   * rule, the bucket's notifications, the validation object, reading and
   * tagging objects). The bucket is encrypted by S3, so no key is needed.
   */
  private malwareProtectionRole(): Role {
    const role = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for S3: scans and tags the papers bucket',
    });
    const { account, region, partition } = Stack.of(this);
    const managedRule = `arn:${partition}:events:${region}:${account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
    const statements = [
      new PolicyStatement({
        sid: 'AllowManagedRuleToSendS3EventsToGuardDuty',
        actions: [
          'events:PutRule',
          'events:DeleteRule',
          'events:PutTargets',
          'events:RemoveTargets',
        ],
        resources: [managedRule],
        conditions: {
          StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' },
        },
      }),
      new PolicyStatement({
        sid: 'AllowGuardDutyToMonitorEventBridgeManagedRule',
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [managedRule],
      }),
      new PolicyStatement({
        sid: 'AllowPostScanTag',
        actions: [
          's3:PutObjectTagging',
          's3:GetObjectTagging',
          's3:PutObjectVersionTagging',
          's3:GetObjectVersionTagging',
        ],
        resources: [this.bucket.arnForObjects('*')],
      }),
      new PolicyStatement({
        sid: 'AllowEnableS3EventBridgeEvents',
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification'],
        resources: [this.bucket.bucketArn],
      }),
      new PolicyStatement({
        sid: 'AllowPutValidationObject',
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
      new PolicyStatement({
        sid: 'AllowCheckBucketOwnership',
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
      }),
      new PolicyStatement({
        sid: 'AllowMalwareScan',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    ];
    for (const statement of statements) role.addToPolicy(statement);
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason:
        'GuardDuty scans and tags every new object of the bucket, as its documented policy for a Malware Protection plan grants.',
    });
    const regionInFinding = Token.isUnresolved(region) ? '<AWS::Region>' : region;
    const partitionInFinding = Token.isUnresolved(partition) ? '<AWS::Partition>' : partition;
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:${partitionInFinding}:events:${regionInFinding}:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]`,
      reason:
        'GuardDuty names the EventBridge rule it manages for the bucket itself; the documented policy grants its prefix, and only for rules GuardDuty manages.',
    });
    return role;
  }

  /**
   * The bucket policy of tag-based access control: nobody reads a paper or
   * protocol unless GuardDuty tagged it clean, and only GuardDuty can make it
   * so. The functions that check an upload's type read `uploads/` before the
   * scan; presigned downloads are signed by the same functions, so they
   * are never excepted on `papers/` and `protocols/`.
   */
  private shareOnlyClean(uploadCheckers: IRole[]) {
    const scanner = this.scanRole.roleArn;
    const notClean = {
      StringNotEquals: { [`s3:ExistingObjectTag/${scanStatusTag}`]: cleanScanStatus },
    };
    const readActions = ['s3:GetObject', 's3:GetObjectVersion'];
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyUnscannedPapers',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: readActions,
        resources: [objectPrefixes.papers, objectPrefixes.protocols].map((prefix) =>
          this.bucket.arnForObjects(`${prefix}*`),
        ),
        conditions: { ...notClean, ArnNotEquals: { 'aws:PrincipalArn': [scanner] } },
      }),
    );
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyUnscannedUploads',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: readActions,
        resources: [this.bucket.arnForObjects(`${objectPrefixes.uploads}*`)],
        conditions: {
          ...notClean,
          ArnNotEquals: {
            'aws:PrincipalArn': [scanner, ...uploadCheckers.map((role) => role.roleArn)],
          },
        },
      }),
    );
    // Rewriting the tags keeps GuardDuty's (the object store merges); only GuardDuty makes an object clean.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyGuardDutyTagsClean',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObjectTagging', 's3:PutObjectVersionTagging'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          StringEquals: { [`s3:RequestObjectTag/${scanStatusTag}`]: cleanScanStatus },
          ...notClean,
          ArnNotEquals: { 'aws:PrincipalArn': [scanner] },
        },
      }),
    );
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NoScanTagOnUpload',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: {
          'ForAnyValue:StringEquals': { 's3:RequestObjectTagKeys': [scanStatusTag] },
        },
      }),
    );
  }
}

/**
 * One rule per retention class with a lifecycle, from the shared module;
 * fresh uploads never attached, aborted multipart uploads, and replaced or
 * deleted versions after their days.
 */
const lifecycleRules = (): LifecycleRule[] => [
  ...retentionClasses.flatMap((retention): LifecycleRule[] => {
    const days = lifecycleExpirationDays(retention);
    return days === undefined
      ? []
      : [
          {
            id: `retention-${retention}`,
            tagFilters: { [retentionTagKey]: retention },
            expiration: Duration.days(days),
          },
        ];
  }),
  {
    id: 'unattached-uploads',
    prefix: objectPrefixes.uploads,
    expiration: Duration.days(unattachedUploadDays),
  },
  {
    id: 'housekeeping',
    abortIncompleteMultipartUploadAfter: Duration.days(incompleteUploadDays),
    noncurrentVersionExpiration: Duration.days(noncurrentVersionDays),
    expiredObjectDeleteMarker: true,
  },
];
