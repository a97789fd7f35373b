import { App } from 'aws-cdk-lib';
import { addConferenceStack } from '../conference-app.js';

const app = new App();
addConferenceStack(app);
app.synth();
