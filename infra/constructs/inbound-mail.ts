import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { ReceiptRule, ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import {
  Lambda as LambdaAction,
  LambdaInvocationType,
  S3 as S3Action,
} from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.js';
import type { DataTable } from './data-table.js';
import type { OutgoingMail } from './outgoing-mail.js';

export interface InboundMailProps {
  data: DataTable;
  mail: OutgoingMail;
  senderDomain: string;
  stage: string;
  /** The shared receipt rule set this stage adds its rule to. */
  receiptRuleSetName: string;
  environment: Record<string, string>;
}

const prefix = 'inbound/';

/**
 * Replies to invitations: an SES receipt rule for this stage's sender domain,
 * in the rule set all stages share, stores each message in S3 and invokes
 * the inbound-mail function.
 */
export class InboundMail extends Construct {
  readonly bucket: Bucket;
  readonly function: ApiFunction;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    this.bucket = new Bucket(this, 'Messages', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      lifecycleRules: [{ prefix, expiration: Duration.days(prod ? 365 : 30) }],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !prod,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only SES writes and only the inbound function reads this bucket; each message is logged when processed.',
    });
    this.function = new ApiFunction(this, 'Function', {
      entry: 'functions/events/inbound-mail.ts',
      description: 'Processes replies to invitations',
      stage: props.stage,
      timeout: Duration.seconds(30),
      readsSecrets: true,
      environment: {
        ...props.environment,
        TABLE_NAME: props.data.table.tableName,
        INBOUND_BUCKET: this.bucket.bucketName,
        INBOUND_PREFIX: prefix,
      },
    });
    // Read the stored messages and nothing else.
    this.function.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${prefix}*`)],
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(this.function.function.role ?? this.function.function).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
      reason:
        'Messages are stored under the prefix by SES message id, which is known only when one arrives.',
    });
    props.data.grantReadWriteData(this.function.function);
    props.mail.linkKey.grantRead(this.function.function);
    // SES invokes asynchronously: after two retries the event goes to the failed-events queue.
    this.function.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(props.mail.failedEvents),
    });

    new ReceiptRule(this, 'Rule', {
      ruleSet: ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', props.receiptRuleSetName),
      receiptRuleName: `conference-${props.stage}`,
      recipients: [props.senderDomain],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3Action({ bucket: this.bucket, objectKeyPrefix: prefix }),
        new LambdaAction({
          function: this.function.function,
          invocationType: LambdaInvocationType.EVENT,
        }),
      ],
    });
  }
}
