import { createS3Client } from '../adapters/s3/client.js';
import { S3ObjectStore } from '../adapters/s3/object-store.js';
import type { ObjectStore } from '../ports/object-store.js';

/**
 * The papers store from the environment: `PAPERS_BUCKET` names the bucket,
 * `S3_ENDPOINT` a local S3-compatible endpoint (the local stack; path-style,
 * with its fixed credentials), and `PAPER_SCANNING` how files are scanned:
 * `guardduty` (the default; papers wait for the scan's result) or `local`
 * (no scanner: papers are shared at once, marked "lokal nicht geprüft").
 * Undefined without a bucket: the function handles no papers.
 *
 * @example
 * ```ts
 * const papers = papersFromEnvironment(process.env, (client) => tracer.captureAWSv3Client(client));
 * ```
 */
export const papersFromEnvironment = (
  env: Record<string, string | undefined>,
  traceClient: <T extends object>(client: T) => T = (client) => client,
): { objects: ObjectStore; scanning: 'guardduty' | 'local' } | undefined => {
  const bucket = env.PAPERS_BUCKET;
  if (bucket === undefined || bucket === '') return undefined;
  const endpoint = env.S3_ENDPOINT;
  const scanning = env.PAPER_SCANNING ?? (endpoint === undefined ? 'guardduty' : 'local');
  if (scanning !== 'guardduty' && scanning !== 'local') {
    throw new Error(`PAPER_SCANNING must be 'guardduty' or 'local', not '${scanning}'.`);
  }
  const client = traceClient(
    createS3Client({ region: env.AWS_REGION ?? 'eu-central-1', endpoint }),
  );
  return { objects: new S3ObjectStore(client, bucket), scanning };
};
