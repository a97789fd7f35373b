import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  checkJava,
  freePort,
  startDynamoDbLocal,
  startS3Local,
  startSesLocal,
  stopChild,
  waitForHttp,
} from '../../infra/local/services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
    s3Endpoint: string;
  }
}

/**
 * Starts DynamoDB Local (in memory), the local SES and the local S3 (in a
 * temporary folder) on free loopback ports for the integration tests, and
 * stops them afterwards.
 */
export default async function setup(project: TestProject) {
  checkJava();
  const [dynamodbPort, sesPort, s3Port] = [await freePort(), await freePort(), await freePort()];
  const s3Directory = mkdtempSync(join(tmpdir(), 'conference-s3-'));
  const dynamodb = startDynamoDbLocal({ port: dynamodbPort });
  const ses = startSesLocal({ port: sesPort });
  const s3 = startS3Local({ port: s3Port, directory: s3Directory });
  const dynamodbEndpoint = `http://127.0.0.1:${dynamodbPort}`;
  const sesEndpoint = `http://127.0.0.1:${sesPort}`;
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  const stop = async () => {
    await Promise.all([stopChild(dynamodb), stopChild(ses), stopChild(s3)]);
    rmSync(s3Directory, { recursive: true, force: true });
  };
  try {
    await Promise.all([
      waitForHttp(dynamodbEndpoint, 30_000, () => dynamodb.exitCode === null),
      waitForHttp(`${sesEndpoint}/health-check`, 30_000, () => ses.exitCode === null),
      waitForHttp(s3Endpoint, 30_000, () => s3.exitCode === null),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('dynamodbEndpoint', dynamodbEndpoint);
  project.provide('sesEndpoint', sesEndpoint);
  project.provide('s3Endpoint', s3Endpoint);
  return stop;
}
