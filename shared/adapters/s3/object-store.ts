import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type {
  DownloadRequest,
  ObjectStore,
  PresignedUpload,
  UploadRequest,
} from '../../ports/object-store.js';

const isMissing = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'NotFound' ||
    error.name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

/** An RFC 6266 `filename*` for any name, with a plain ASCII `filename` beside it. */
const attachmentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

/**
 * The object store on one S3 bucket (or a local S3-compatible endpoint).
 *
 * @example
 * ```ts
 * const store = new S3ObjectStore(new S3Client({}), process.env.PAPERS_BUCKET);
 * const form = await store.presignUpload({ key, maxBytes: 25 * 1024 * 1024, expiresInSeconds: 900 });
 * ```
 */
export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(request: UploadRequest): Promise<PresignedUpload> {
    const fields: Record<string, string> = {};
    if (request.successRedirect !== undefined) {
      fields.success_action_redirect = request.successRedirect;
    }
    const { url, fields: signed } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: request.key,
      Conditions: [
        ['content-length-range', 1, request.maxBytes],
        ...(request.successRedirect === undefined
          ? []
          : [{ success_action_redirect: request.successRedirect }]),
      ],
      Fields: fields,
      Expires: request.expiresInSeconds,
    });
    return { url, fields: signed };
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async read(key: string, firstBytes?: number): Promise<Uint8Array | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(firstBytes === undefined ? {} : { Range: `bytes=0-${firstBytes - 1}` }),
        }),
      );
      return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async write(key: string, body: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  presignDownload(key: string, request: DownloadRequest): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(request.fileName),
        ResponseContentType: request.contentType,
      }),
      { expiresIn: request.expiresInSeconds },
    );
  }

  async copy(
    fromKey: string,
    toKey: string,
    contentType: string,
    tags: Record<string, string> = {},
  ): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: toKey,
        CopySource: `${this.bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`,
        ContentType: contentType,
        MetadataDirective: 'REPLACE',
        // The copy's tags are set with it, so no later write races the scanner's own tag.
        TaggingDirective: 'REPLACE',
        Tagging: new URLSearchParams(tags).toString(),
      }),
    );
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async tags(key: string): Promise<Record<string, string>> {
    const { TagSet } = await this.client.send(
      new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }),
    );
    return Object.fromEntries((TagSet ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  }

  async addTags(key: string, tags: Record<string, string>): Promise<void> {
    const merged = { ...(await this.tags(key)), ...tags };
    await this.client.send(
      new PutObjectTaggingCommand({
        Bucket: this.bucket,
        Key: key,
        Tagging: {
          TagSet: Object.entries(merged).map(([Key, Value]) => ({ Key, Value })),
        },
      }),
    );
  }
}
