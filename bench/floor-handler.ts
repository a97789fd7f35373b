/**
 * The floor of the fixed libraries (see `floor-app.ts`) as every function of
 * the stack runs: with the Powertools tracer and its traced DynamoDB client.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { floorHandler } from './floor-app.js';

const tracer = new Tracer({ serviceName: 'floor' });

export const handler = floorHandler((client) => tracer.captureAWSv3Client(client));
