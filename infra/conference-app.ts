import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageContext } from './bin/stage-context.js';
import { ConferenceStack } from './stacks/conference-stack.js';

/**
 * Adds the product's stack to an app, with cdk-nag's AwsSolutions checks as
 * a validation plugin: a finding without an acknowledgement fails the synth.
 * Used by `infra/bin/app.ts` and by the infrastructure tests.
 */
export const addConferenceStack = (app: App): ConferenceStack => {
  const context = readStageContext(app);
  const { stage } = context;
  const stack = new ConferenceStack(app, `Conference-${stage}`, {
    ...context,
    description: `Conference coordination backend (${stage})`,
    env: {
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1',
    },
    tags: { project: 'conference-coordination', stage },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
};
