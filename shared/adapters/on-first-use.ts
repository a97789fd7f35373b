/**
 * An adapter whose implementation is loaded on its first call. Its module
 * (an SDK client, a parser) then stays out of the function's cold start
 * until a request needs it: the deployed bundles are split, so a module
 * that is only imported here is neither read nor compiled before.
 *
 * Every listed method must return a promise. A failed load is tried again
 * on the next call.
 *
 * @example
 * ```ts
 * const objects = onFirstUse<ObjectStore>(
 *   async () => new (await import('./s3/object-store.js')).S3ObjectStore(client(), bucket),
 *   ['read', 'write'],
 * );
 * ```
 */
export const onFirstUse = <T extends object>(
  load: () => Promise<T>,
  methods: readonly AsyncMethodName<T>[],
): T => {
  const target = loadOnce(load);
  return Object.fromEntries(
    methods.map((name) => [
      name,
      async (...args: unknown[]) => {
        const loaded = await target();
        return (loaded[name] as (...a: unknown[]) => Promise<unknown>).apply(loaded, args);
      },
    ]),
  ) as T;
};

/**
 * A load made on the first call and shared by every later one; a failed
 * load is tried again on the next call.
 *
 * @example
 * ```ts
 * const queue = loadOnce(async () => new (await import('@aws-sdk/client-sqs')).SQSClient({}));
 * await (await queue()).send(command);
 * ```
 */
export const loadOnce = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load();
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
};

/** The names of a type's methods that answer with a promise. */
export type AsyncMethodName<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T] &
  string;
