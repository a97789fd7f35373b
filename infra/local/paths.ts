import { resolve } from 'node:path';

/** Everything the local stack keeps between runs lives under `.local/`. */
export const localRoot = resolve(process.env.LOCAL_DIR ?? '.local');

export const localPaths = {
  root: localRoot,
  dynamodb: resolve(localRoot, 'dynamodb'),
  /** The local S3's buckets and objects. */
  s3: resolve(localRoot, 's3'),
  logs: resolve(localRoot, 'logs'),
  signingKey: resolve(localRoot, 'signing-key.json'),
  linkSecret: resolve(localRoot, 'link-secret'),
  sessionKey: resolve(localRoot, 'session-key'),
} as const;
