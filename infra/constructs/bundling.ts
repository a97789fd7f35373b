import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';

/**
 * esbuild settings shared by every function. The CDK (`ApiFunction`) and the
 * benchmark build through `bundleFunction` below, so the bench measures what
 * deploys.
 */
export const bundlingSettings = {
  target: 'node24',
  minify: true,
  sourceMap: true,
  format: 'esm' as const,
  mainFields: ['module', 'main'],
  /** Some CommonJS dependencies call `require`; ESM bundles need it defined. */
  banner:
    "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);",
} as const;

/** The file Lambda loads: `index.mjs`, so the handler is `index.handler`. */
export const bundleEntryFile = 'index.mjs';

export interface BundleExtras {
  /** Files to write beside the bundle, by name, with their content. */
  files?: Record<string, string> | undefined;
  /** Folders to copy beside the bundle: target name → folder, relative to `root`. */
  folders?: Record<string, string> | undefined;
  /** Files to copy beside the bundle as they are: target name → file, relative to `root`. */
  copies?: Record<string, string> | undefined;
}

const plainName = (name: string) => {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`'${name}' is not a plain file name.`);
  return name;
};

/**
 * Bundles one function into `outDir`: `index.mjs` with the handler, and
 * beside it the chunks of what it imports dynamically (`chunk-<hash>.mjs`).
 * The bundle is split so that a module imported only with `import()` (the
 * S3 and Cognito clients, the sign-in library, file type detection, the
 * SDK's rarer credential providers) is neither read nor compiled at a cold
 * start, only when a request needs it. Chunks lie beside the entry, so
 * `import.meta.dirname` means the same folder in every one of them.
 *
 * @example
 * ```ts
 * bundleFunction('functions/http/lambda.ts', 'cdk.out/api', { root: process.cwd() });
 * ```
 */
export const bundleFunction = (
  entry: string,
  outDir: string,
  options: BundleExtras & { root: string },
): Metafile => {
  mkdirSync(outDir, { recursive: true });
  const settings: BuildOptions = {
    entryPoints: { index: join(options.root, entry) },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    target: bundlingSettings.target,
    format: bundlingSettings.format,
    minify: bundlingSettings.minify,
    sourcemap: bundlingSettings.sourceMap,
    mainFields: [...bundlingSettings.mainFields],
    banner: { js: bundlingSettings.banner },
    absWorkingDir: options.root,
    // Node's own Brotli decoder instead of the font library's JavaScript one.
    alias: {
      'brotli/decompress.js': join(options.root, 'functions/platform/brotli-decompress.ts'),
    },
    metafile: true,
    logLevel: 'error',
  };
  const { metafile } = buildSync(settings);
  for (const [name, content] of Object.entries(options.files ?? {})) {
    writeFileSync(join(outDir, plainName(name)), content);
  }
  for (const [name, from] of Object.entries(options.folders ?? {})) {
    cpSync(join(options.root, from), join(outDir, plainName(name)), { recursive: true });
  }
  for (const [name, from] of Object.entries(options.copies ?? {})) {
    cpSync(join(options.root, from), join(outDir, plainName(name)));
  }
  return metafile as Metafile;
};

/**
 * The bytes a cold start reads: the entry and every chunk it imports
 * statically, without the chunks only `import()` reaches.
 */
export const eagerBytes = (metafile: Metafile): { bytes: number; files: string[] } => {
  const { outputs } = metafile;
  const entry = Object.keys(outputs).find((file) => file.endsWith(`/${bundleEntryFile}`));
  if (entry === undefined) throw new Error(`The bundle has no ${bundleEntryFile}.`);
  const reached = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && outputs[imported.path] !== undefined) {
        pending.push(imported.path);
      }
    }
  }
  const files = [...reached];
  return { bytes: files.reduce((sum, file) => sum + (outputs[file]?.bytes ?? 0), 0), files };
};
