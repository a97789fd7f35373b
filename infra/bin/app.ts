import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConferenceStack } from '../stacks/conference-stack.js';
import { readStageContext } from './stage-context.js';

const app = new App();
const { stage, senderDomain } = readStageContext(app);

new ConferenceStack(app, `Conference-${stage}`, {
  stage,
  senderDomain,
  description: `Conference coordination backend (${stage})`,
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1',
  },
  tags: { project: 'conference-coordination', stage },
});

// cdk-nag as a validation plugin: a finding without an acknowledgement fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
