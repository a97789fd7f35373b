import { S3Client } from '@aws-sdk/client-s3';

/** The one key pair the local S3 (s3rver) accepts: its default account. */
export const localS3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3ClientOptions {
  region: string;
  /** The local S3's URL (`S3_ENDPOINT`); omitted in AWS. */
  endpoint?: string | undefined;
}

/**
 * Makes the S3 client. In AWS it uses the function's role; with an
 * `endpoint` (the local stack) it speaks path style to the local S3 with its
 * fixed credentials. Call it once per process and pass the client on.
 *
 * @example
 * ```ts
 * const s3 = createS3Client({ region: 'eu-central-1', endpoint: process.env.S3_ENDPOINT });
 * ```
 */
export const createS3Client = ({ region, endpoint }: S3ClientOptions): S3Client =>
  new S3Client({
    region,
    ...(endpoint === undefined || endpoint === ''
      ? {}
      : { endpoint, forcePathStyle: true, credentials: localS3Credentials }),
  });
