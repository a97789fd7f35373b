/** A form that uploads one file straight to the store: POST `fields` and then `file` to `url`. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface UploadRequest {
  key: string;
  /** The largest file the store accepts for this form, in bytes. */
  maxBytes: number;
  expiresInSeconds: number;
  /** Where the store sends the browser after the upload (with `bucket`, `key` and `etag`). */
  successRedirect?: string | undefined;
}

export interface DownloadRequest {
  expiresInSeconds: number;
  /** The file name the browser saves the download under. */
  fileName: string;
  contentType: string;
}

/**
 * Object storage for papers and protocols: S3 in AWS, a local S3-compatible
 * endpoint in the local stack. Keys are the store's; nothing here is public.
 */
export interface ObjectStore {
  /** A presigned POST form for one upload to `key`, limited in size and time. */
  presignUpload(request: UploadRequest): Promise<PresignedUpload>;
  /** The size of a stored object, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** The bytes of an object (or of its first `firstBytes`), or undefined when there is none. */
  read(key: string, firstBytes?: number): Promise<Uint8Array | undefined>;
  write(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** A short-lived presigned GET of an object, saved as `fileName`. */
  presignDownload(key: string, request: DownloadRequest): Promise<string>;
  /** Copies an object within the store (server-side), with its content type and only `tags`. */
  copy(
    fromKey: string,
    toKey: string,
    contentType: string,
    tags?: Record<string, string>,
  ): Promise<void>;
  /** Deletes an object; deleting one that is gone is no error. */
  remove(key: string): Promise<void>;
  tags(key: string): Promise<Record<string, string>>;
  /** Adds (or overwrites) the given tags, keeping the others. */
  addTags(key: string, tags: Record<string, string>): Promise<void>;
}
