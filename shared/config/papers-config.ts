import { onFirstUse } from '../adapters/on-first-use.js';
import type { ObjectStore } from '../ports/object-store.js';

/** Every method of the store: the S3 client behind them loads on the first call. */
const storeMethods = [
  'presignUpload',
  'size',
  'read',
  'write',
  'presignDownload',
  'copy',
  'remove',
  'tags',
  'addTags',
] as const satisfies readonly (keyof ObjectStore)[];

/**
 * The papers store from the environment: `PAPERS_BUCKET` names the bucket,
 * `S3_ENDPOINT` a local S3-compatible endpoint (the local stack; path-style,
 * with its fixed credentials), and `PAPER_SCANNING` how files are scanned:
 * `guardduty` (the default; papers wait for the scan's result) or `local`
 * (no scanner: papers are shared at once, marked "lokal nicht geprüft").
 * Undefined without a bucket: the function handles no papers. The S3
 * client is made (and its module loaded) on the store's first call, so a
 * request that touches no paper does not pay for it.
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
  const objects = onFirstUse<ObjectStore>(async () => {
    const [{ createS3Client }, { S3ObjectStore }] = await Promise.all([
      import('../adapters/s3/client.js'),
      import('../adapters/s3/object-store.js'),
    ]);
    const client = traceClient(
      createS3Client({ region: env.AWS_REGION ?? 'eu-central-1', endpoint }),
    );
    return new S3ObjectStore(client, bucket);
  }, storeMethods);
  return { objects, scanning };
};
