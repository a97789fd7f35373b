import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OutgoingMailProps {
  /** The domain mail is sent from and replies come back to, e.g. `imk.example.org`. */
  senderDomain: string;
  stage: string;
}

/**
 * Everything outgoing mail needs: the SES domain identity with DKIM, a
 * configuration set for bounce and complaint events, and the queue the
 * outbox feeds to the mailer, with a dead-letter queue.
 */
export class OutgoingMail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** The key that signs answer links and reply addresses; shared by the API and the mailer. */
  readonly linkKey: Secret;

  constructor(scope: Construct, id: string, props: OutgoingMailProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
    });
    this.identity = new EmailIdentity(this, 'SenderDomain', {
      identity: Identity.domain(props.senderDomain),
      configurationSet: this.configurationSet,
    });
    const removalPolicy = props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });
    this.linkKey = new Secret(this, 'LinkKey', {
      description: 'Signs the personal links and reply addresses of invitations',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });
    Validations.of(this.linkKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the link key would invalidate every answer link already in ministers’ inboxes; it is rotated by hand between conference periods.',
    });
    this.queue = new Queue(this, 'Outbox', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(60),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
      removalPolicy,
    });
  }
}
