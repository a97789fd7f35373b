import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  CnameRecord,
  HostedZone,
  type IHostedZone,
  MxRecord,
  TxtRecord,
} from 'aws-cdk-lib/aws-route53';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageContext } from '../bin/stage-context.js';

/** The mailer's timeout; the outbox queue's visibility timeout is six times as long. */
export const mailerTimeout = Duration.seconds(30);

export interface OutgoingMailProps {
  /** The domain mail is sent from and replies come back to, e.g. `imk.example.org`. */
  senderDomain: string;
  stage: string;
  /** With a hosted zone that holds the sender domain, the mail records are made there too. */
  customDomain?: StageContext['customDomain'];
}

/** A DNS record a first deploy needs, as a zone-file line, and what it is for. */
export interface DnsRecordLine {
  line: string;
  purpose: string;
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
  readonly senderDomain: string;
  /** The custom MAIL FROM domain (`bounce.<sender domain>`). */
  readonly mailFromDomain: string;

  constructor(scope: Construct, id: string, props: OutgoingMailProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
    });
    this.senderDomain = props.senderDomain;
    this.mailFromDomain = `bounce.${props.senderDomain}`;
    this.identity = new EmailIdentity(this, 'SenderDomain', {
      identity: Identity.domain(props.senderDomain),
      configurationSet: this.configurationSet,
      // Bounces go to a subdomain of ours, so SPF and DMARC align on the sender domain.
      mailFromDomain: this.mailFromDomain,
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
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
    const zone = props.customDomain;
    if (
      zone !== undefined &&
      (props.senderDomain === zone.zoneName || props.senderDomain.endsWith(`.${zone.zoneName}`))
    ) {
      this.addRecords(
        HostedZone.fromHostedZoneAttributes(this, 'Zone', {
          hostedZoneId: zone.hostedZoneId,
          zoneName: zone.zoneName,
        }),
      );
    }
  }

  private dkimTokens(): Array<{ name: string; value: string }> {
    const id = this.identity;
    return [
      { name: id.dkimDnsTokenName1, value: id.dkimDnsTokenValue1 },
      { name: id.dkimDnsTokenName2, value: id.dkimDnsTokenValue2 },
      { name: id.dkimDnsTokenName3, value: id.dkimDnsTokenValue3 },
    ];
  }

  /** Makes the DKIM, MX and MAIL FROM records in the hosted zone that holds the sender domain. */
  private addRecords(zone: IHostedZone): void {
    const region = Stack.of(this).region;
    this.dkimTokens().forEach(({ name, value }, index) => {
      // The token is only known at deploy: the trailing dot keeps CDK from appending the zone.
      new CnameRecord(this, `Dkim${index + 1}`, {
        zone,
        recordName: `${name}.`,
        domainName: value,
      });
    });
    new MxRecord(this, 'InboundMx', {
      zone,
      recordName: this.senderDomain,
      values: [{ priority: 10, hostName: `inbound-smtp.${region}.amazonaws.com` }],
    });
    new MxRecord(this, 'MailFromMx', {
      zone,
      recordName: this.mailFromDomain,
      values: [{ priority: 10, hostName: `feedback-smtp.${region}.amazonses.com` }],
    });
    new TxtRecord(this, 'MailFromSpf', {
      zone,
      recordName: this.mailFromDomain,
      values: ['v=spf1 include:amazonses.com ~all'],
    });
  }

  /**
   * The DNS records SES needs for this stage, as zone-file lines for the
   * operator (outputs of the stack): DKIM, the MX that brings replies to
   * SES, and the custom MAIL FROM domain's MX and SPF.
   *
   * @example
   * ```ts
   * mail.dnsRecords('eu-central-1')[3].line;
   * // 'dev.imk.example.org. MX 10 inbound-smtp.eu-central-1.amazonaws.com'
   * ```
   */
  dnsRecords(region: string): DnsRecordLine[] {
    return [
      ...this.dkimTokens().map(({ name, value }) => ({
        line: `${name} CNAME ${value}`,
        purpose: 'DKIM signature of the sender domain',
      })),
      {
        line: `${this.senderDomain}. MX 10 inbound-smtp.${region}.amazonaws.com`,
        purpose: 'Replies to invitations reach SES',
      },
      {
        line: `${this.mailFromDomain}. MX 10 feedback-smtp.${region}.amazonses.com`,
        purpose: 'Custom MAIL FROM domain: bounces',
      },
      {
        line: `${this.mailFromDomain}. TXT "v=spf1 include:amazonses.com ~all"`,
        purpose: 'Custom MAIL FROM domain: SPF',
      },
      {
        line: `_dmarc.${this.senderDomain}. TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@${this.senderDomain}"`,
        purpose: 'DMARC policy (recommended; adjust the report address)',
      },
    ];
  }
}
