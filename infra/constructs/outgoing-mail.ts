import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The mailer's timeout; the outbox queue's visibility timeout is six times as long. */
export const mailerTimeout = Duration.seconds(30);

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
  /**
   * Where events that could not be handled end: the Pipe's records, and the
   * asynchronous invocations of the inbound-mail, mail-events and scheduled
   * jobs functions after their retries. An alarm watches it.
   */
  readonly failedEvents: Queue;
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
    this.failedEvents = new Queue(this, 'FailedEvents', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });
    Validations.of(this.failedEvents).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of failed events.',
    });
    this.queue = new Queue(this, 'Outbox', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the mailer's timeout, so a slow batch is never handed out twice.
      visibilityTimeout: Duration.seconds(mailerTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
      removalPolicy,
    });
  }
}
