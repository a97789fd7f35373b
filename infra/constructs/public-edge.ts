import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AaaaRecord, ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { originVerifyHeader } from '../../shared/config/origin.js';
import type { StageContext } from '../bin/stage-context.js';

export interface PublicEdgeProps {
  api: HttpApi;
  stage: string;
  /** The WAF web ACL (scope CLOUDFRONT) from the edge stack. */
  webAclArn: string;
  /** The public host name, its certificate (us-east-1) and hosted zone, when one is given. */
  customDomain?: StageContext['customDomain'];
  certificate?: ICertificate | undefined;
}

/** Paths whose answers CloudFront may keep as long as the app's `Cache-Control` says (the console's assets for a year, under their hash). */
export const cachedPaths = ['/public/*', '/oparl/*', '/assets/*'] as const;

/**
 * The one public entrance: a CloudFront distribution in front of the HTTP
 * API, shielded by the WAF web ACL. The public pages, feeds and OParl are
 * cached for as long as the app's `Cache-Control` allows (30 to 60 seconds,
 * so a publication or correction shows within a minute); the staff API and
 * the signed links are never cached. CloudFront adds a secret header the
 * API checks, so the API answers only through this entrance and can trust
 * the client address CloudFront reports. With a custom domain it serves
 * that name with its certificate and DNS records; without one, the
 * distribution's own name. Either way the links in mails use `publicBaseUrl`.
 */
export class PublicEdge extends Construct {
  readonly distribution: Distribution;
  /** The secret value CloudFront sends to the API in the origin-verify header. */
  readonly originVerify: Secret;
  /** Where the links in mails point: `https://<custom domain or distribution domain>`. */
  readonly publicBaseUrl: string;
  /** The log bucket: CloudFront's standard logs, and the server access logs of other buckets. */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: PublicEdgeProps) {
    super(scope, id);
    const prod = props.stage === 'prod';
    this.originVerify = new Secret(this, 'OriginVerify', {
      description:
        'Sent by CloudFront to the API: requests without it did not come through CloudFront',
      generateSecretString: { passwordLength: 40, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.originVerify).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Only CloudFront and the API functions know the value; it is rotated by hand with a redeploy (the functions cache it for their lifetime).',
    });

    const origin = new HttpOrigin(
      `${props.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`,
      {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        customHeaders: { [originVerifyHeader]: this.originVerify.secretValue.unsafeUnwrap() },
        readTimeout: Duration.seconds(30),
      },
    );
    const publicCache = new CachePolicy(this, 'PublicCache', {
      comment: 'Public pages, feeds and OParl: as long as the app says, per Accept and language',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(10),
      headerBehavior: CacheHeaderBehavior.allowList('Accept', 'Accept-Language'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const uncached: BehaviorOptions = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // API Gateway answers only to its own host name: everything but Host goes on.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const cached: BehaviorOptions = { ...uncached, cachePolicy: publicCache, compress: true };

    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(prod ? 180 : 30) }],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !prod,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket holds the access logs of the distribution; it is not logged itself.',
    });
    this.accessLogs = logs;

    const domain = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Conference coordination (${props.stage})`,
      defaultBehavior: uncached,
      additionalBehaviors: Object.fromEntries(cachedPaths.map((path) => [path, cached])),
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(domain !== undefined && props.certificate !== undefined
        ? { domainNames: [domain.domainName], certificate: props.certificate }
        : {}),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Ministers, their offices and the press read from anywhere, travels included; the web ACL limits each client instead.',
    });
    if (domain === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without -c domainName the distribution serves its own cloudfront.net name, whose default certificate CloudFront fixes; with a domain, TLS 1.2 (2021) is the minimum.',
      });
    }

    if (domain !== undefined) {
      const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: domain.hostedZoneId,
        zoneName: domain.zoneName,
      });
      const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
      new ARecord(this, 'Address', { zone, recordName: domain.domainName, target });
      new AaaaRecord(this, 'AddressV6', { zone, recordName: domain.domainName, target });
      this.publicBaseUrl = `https://${domain.domainName}`;
    } else {
      this.publicBaseUrl = `https://${this.distribution.distributionDomainName}`;
    }
  }
}
