import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** The buckets of the local stack, named like the stack's own in AWS. */
export const localBuckets = {
  /** Papers and protocols (`PAPERS_BUCKET`). */
  papers: 'conference-papers-local',
  /** Raw inbound mail, under `inbound/` as SES's receipt rule stores it (`npm run inbound`). */
  inbound: 'conference-inbound-local',
} as const;

/** The key prefix SES's receipt rule stores messages under (as in infra/constructs/inbound-mail.ts). */
export const inboundPrefix = 'inbound/';

/**
 * Creates the buckets in the local S3 unless they are there; true for each
 * one it created.
 *
 * @example
 * ```ts
 * await ensureLocalBuckets(createS3Client({ region, endpoint }), Object.values(localBuckets));
 * ```
 */
export const ensureLocalBuckets = async (
  client: S3Client,
  names: readonly string[],
): Promise<Record<string, boolean>> => {
  const created: Record<string, boolean> = {};
  for (const name of names) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      created[name] = true;
    } catch (error) {
      if (!(error instanceof BucketAlreadyOwnedByYou || error instanceof BucketAlreadyExists)) {
        throw error;
      }
      created[name] = false;
    }
  }
  return created;
};
