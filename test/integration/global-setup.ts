import type { TestProject } from 'vitest/node';
import {
  checkJava,
  freePort,
  startDynamoDbLocal,
  startSesLocal,
  stopChild,
  waitForHttp,
} from '../../infra/local/services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
  }
}

/**
 * Starts DynamoDB Local (in memory) and the local SES on free loopback ports
 * for the integration tests, and stops them afterwards.
 */
export default async function setup(project: TestProject) {
  checkJava();
  const [dynamodbPort, sesPort] = [await freePort(), await freePort()];
  const dynamodb = startDynamoDbLocal({ port: dynamodbPort });
  const ses = startSesLocal({ port: sesPort });
  const dynamodbEndpoint = `http://127.0.0.1:${dynamodbPort}`;
  const sesEndpoint = `http://127.0.0.1:${sesPort}`;
  try {
    await Promise.all([
      waitForHttp(dynamodbEndpoint, 30_000, () => dynamodb.exitCode === null),
      waitForHttp(`${sesEndpoint}/health-check`, 30_000, () => ses.exitCode === null),
    ]);
  } catch (error) {
    await Promise.all([stopChild(dynamodb), stopChild(ses)]);
    throw error;
  }
  project.provide('dynamodbEndpoint', dynamodbEndpoint);
  project.provide('sesEndpoint', sesEndpoint);
  return async () => {
    await Promise.all([stopChild(dynamodb), stopChild(ses)]);
  };
}
