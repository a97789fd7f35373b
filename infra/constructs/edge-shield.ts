import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests per client IP within five minutes before WAF blocks it for a while. */
export const rateLimits = {
  /** Every path together: generous, it only stops floods. */
  everything: 3000,
  /** Signed mail links (answer, ballot, release pages): a person clicks a few. */
  links: 300,
  /** The press list's pages. */
  pressList: 100,
  /** Subscribing to the press list: each one sends a mail. */
  subscribe: 10,
} as const;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const startsWith = (path: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
  },
});

const methodIs = (method: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: method,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const rateRule = (
  name: string,
  priority: number,
  limit: number,
  scopeDown?: CfnWebACL.StatementProperty,
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  action: { block: {} },
  statement: {
    rateBasedStatement: {
      aggregateKeyType: 'IP',
      limit,
      evaluationWindowSec: 300,
      ...(scopeDown === undefined ? {} : { scopeDownStatement: scopeDown }),
    },
  },
  visibilityConfig: visibility(name),
});

const managedRule = (
  name: string,
  priority: number,
  overrides: string[] = [],
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(overrides.length === 0
        ? {}
        : {
            ruleActionOverrides: overrides.map((rule) => ({
              name: rule,
              actionToUse: { count: {} },
            })),
          }),
    },
  },
  visibilityConfig: visibility(name),
});

/**
 * The web ACL in front of the CloudFront distribution (scope CLOUDFRONT,
 * hence in us-east-1): AWS's managed common, known-bad-input and IP
 * reputation rules, and per-client-IP rate limits: one for everything, a
 * tighter one for the signed links and the press list, the tightest for
 * subscribing (each subscription sends a mail). The common rules' 8 KB body
 * limit only counts: staff post longer texts (press releases, protocols),
 * and the API checks sizes itself.
 */
export class EdgeShield extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `conference-${props.stage}`,
      description: `Conference coordination ${props.stage} - managed rules and rate limits per client`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`conference-${props.stage}`),
      rules: [
        managedRule('AWSManagedRulesAmazonIpReputationList', 0),
        rateRule('SubscribeRate', 1, rateLimits.subscribe, {
          andStatement: { statements: [startsWith('/public/press-list'), methodIs('POST')] },
        }),
        rateRule('PressListRate', 2, rateLimits.pressList, startsWith('/public/press-list')),
        rateRule('LinksRate', 3, rateLimits.links, startsWith('/links/')),
        rateRule('EverythingRate', 4, rateLimits.everything),
        managedRule('AWSManagedRulesCommonRuleSet', 5, ['SizeRestrictions_BODY']),
        managedRule('AWSManagedRulesKnownBadInputsRuleSet', 6),
      ],
    });
  }
}
