import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { ReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';

/** The one receipt rule set of the product in a region; every stage adds its own rule to it. */
export const receiptRuleSetName = 'conference-inbound';

export interface MailRulesStackProps extends StackProps {
  /** Make the rule set the region's active one (SES allows one), with a custom resource. */
  activate: boolean;
}

/**
 * The receipt rule set all stages share: SES lets one rule set be active per
 * account and region, so two stages side by side each add a rule (for their
 * own sender domain) to this one set instead of bringing their own. The set
 * is activated once, by the command in the output or with
 * `-c activateReceiptRules=true`.
 */
export class MailRulesStack extends Stack {
  constructor(scope: Construct, id: string, props: MailRulesStackProps) {
    super(scope, id, props);
    const ruleSet = new ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName });
    new CfnOutput(this, 'ReceiptRuleSetName', { value: receiptRuleSetName });
    new CfnOutput(this, 'ActivateReceiptRuleSet', {
      description:
        'Run once after the first deploy, unless deployed with -c activateReceiptRules=true',
      value: `aws ses set-active-receipt-rule-set --rule-set-name ${receiptRuleSetName} --region ${this.region}`,
    });
    if (!props.activate) return;
    const activation = new AwsCustomResource(this, 'Activation', {
      onUpdate: {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: receiptRuleSetName },
        physicalResourceId: PhysicalResourceId.of(`active-${receiptRuleSetName}`),
      },
      // Deleting this stack deactivates the set: SES then receives nothing for the product.
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      // The action works on the account's receipt settings, not on a resource.
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: AwsCustomResourcePolicy.ANY_RESOURCE,
      }),
      installLatestAwsSdk: false,
    });
    activation.node.addDependency(ruleSet);
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "The CDK's custom-resource provider for the one-time activation logs with the basic execution role.",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'ses:SetActiveReceiptRuleSet does not support resource-level permissions.',
      },
    );
  }
}
