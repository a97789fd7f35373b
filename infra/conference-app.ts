import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageContext } from './bin/stage-context.js';
import { ConferenceStack } from './stacks/conference-stack.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { MailRulesStack, receiptRuleSetName } from './stacks/mail-rules-stack.js';

const crossStackReferences = '@aws-cdk/core:defaultCrossStackReferences';

/**
 * Adds the product's stacks for one stage to an app: the edge stack in
 * us-east-1 (web ACL, certificate), the receipt rule set every stage of the
 * region shares, and the conference stack itself; with cdk-nag's
 * AwsSolutions checks as a validation plugin, so a finding without an
 * acknowledgement fails the synth. Used by `infra/bin/app.ts` and by the
 * infrastructure tests.
 *
 * @example
 * ```ts
 * const app = new App({ context: { stage: 'dev', senderDomain: 'imk.example.org' } });
 * const stack = addConferenceStack(app);
 * ```
 */
export const addConferenceStack = (app: App): ConferenceStack => {
  const context = readStageContext(app);
  const { stage, region } = context;
  // The conference stack reads the edge stack's outputs across regions
  // through Fn::GetStackOutput: no exports that pin the edge stack, and no
  // custom resources to carry the values.
  if (app.node.tryGetContext(crossStackReferences) === undefined) {
    app.node.setContext(crossStackReferences, 'weak');
  }
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const tags = { project: 'conference-coordination', stage };
  const edge = new EdgeStack(app, `ConferenceEdge-${stage}`, {
    stage,
    customDomain: context.customDomain,
    description: `Conference coordination: web ACL and certificate for CloudFront (${stage})`,
    env: { account, region: 'us-east-1' },
    tags,
  });
  const mailRules =
    (app.node.tryFindChild('ConferenceMailRules') as MailRulesStack | undefined) ??
    new MailRulesStack(app, 'ConferenceMailRules', {
      activate: context.activateReceiptRules,
      description: 'Conference coordination: the receipt rule set all stages share',
      env: { account, region },
      tags: { project: 'conference-coordination' },
    });
  const stack = new ConferenceStack(app, `Conference-${stage}`, {
    ...context,
    webAclArn: edge.webAclArn,
    certificate: edge.certificate,
    receiptRuleSetName,
    crossRegionReferences: region !== 'us-east-1',
    description: `Conference coordination backend (${stage})`,
    env: { account, region },
    tags,
  });
  stack.addStackDependency(edge);
  stack.addStackDependency(mailRules);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
};
