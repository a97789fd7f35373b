import { Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { StageContext } from '../bin/stage-context.js';
import { EdgeShield } from '../constructs/edge-shield.js';

export interface EdgeStackProps extends StackProps {
  stage: string;
  customDomain?: StageContext['customDomain'];
}

/**
 * What CloudFront takes only from us-east-1: the web ACL, and the
 * certificate of the public host name (DNS-validated in its hosted zone)
 * when one is given. The conference stack reads both across regions.
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;
  readonly certificate?: Certificate;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.webAclArn = new EdgeShield(this, 'Shield', { stage: props.stage }).webAcl.attrArn;
    const domain = props.customDomain;
    if (domain !== undefined) {
      const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: domain.hostedZoneId,
        zoneName: domain.zoneName,
      });
      this.certificate = new Certificate(this, 'Certificate', {
        domainName: domain.domainName,
        validation: CertificateValidation.fromDns(zone),
      });
    }
  }
}
