import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.js';
import { branding } from './branding.js';

/** The files the console's pages load, by name, with their content type. */
export const consoleAssets = {
  'htmx.min.js': 'text/javascript; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
} as const;

export type AssetName = keyof typeof consoleAssets;

/** Where the assets are served. */
export const assetsPath = '/assets';

/** Where each asset lies in the repository: what the CDK copies beside the console's bundle. */
export const assetSources: Record<AssetName, string> = {
  'htmx.min.js': 'node_modules/htmx.org/dist/htmx.min.js',
  'console.js': 'functions/http/console/assets/console.js',
  'console.css': 'functions/http/console/assets/console.css',
};

/** Finds an asset locally: the pinned htmx package, and the console's own files in the source tree. */
export const localAssetFile = (name: AssetName): string =>
  name === 'htmx.min.js'
    ? join(dirname(createRequire(import.meta.url).resolve('htmx.org/package.json')), 'dist', name)
    : join(import.meta.dirname, 'assets', name);

interface Loaded {
  body: string;
  version: string;
}

const loaded = new Map<AssetName, Promise<Loaded>>();

const load = (name: AssetName, locate: (name: AssetName) => string): Promise<Loaded> => {
  let entry = loaded.get(name);
  if (entry === undefined) {
    entry = readFile(locate(name), 'utf8').then((text) => {
      // The stylesheet carries the configured colour: no style attribute is needed anywhere.
      const body =
        name === 'console.css' ? `:root { --brand: ${branding().colour}; }\n${text}` : text;
      return { body, version: createHash('sha256').update(body).digest('base64url').slice(0, 12) };
    });
    loaded.set(name, entry);
  }
  return entry;
};

let locator: (name: AssetName) => string = localAssetFile;

/**
 * Says where this function finds the assets its pages link to, for a
 * function that renders pages but does not serve `/assets/` (the documents
 * function ships `console.css` beside its bundle to hash it).
 *
 * @example
 * ```ts
 * useAssetFiles((name) => join(import.meta.dirname, name)); // in the documents function
 * ```
 */
export const useAssetFiles = (locate: (name: AssetName) => string) => {
  locator = locate;
};

/**
 * The address of an asset with its content's hash, so that browsers may
 * keep it for a year and still load a new version at once.
 *
 * @example
 * ```ts
 * await assetUrl('htmx.min.js'); // '/assets/htmx.min.js?v=3xF…'
 * ```
 */
export const assetUrl = async (name: AssetName): Promise<string> =>
  `${assetsPath}/${name}?v=${(await load(name, locator)).version}`;

/**
 * Serves the console's script and stylesheet from this product: htmx from
 * the pinned npm package, the console's own small script and stylesheet.
 * Nothing is loaded from elsewhere, so the policy can say `'self'`.
 *
 * @example
 * ```ts
 * mountConsoleAssets(app, (name) => join(import.meta.dirname, name)); // in Lambda
 * ```
 */
export const mountConsoleAssets = (
  app: Hono<AppEnv>,
  locate: (name: AssetName) => string = localAssetFile,
) => {
  locator = locate;
  app.get(`${assetsPath}/:name`, async (c) => {
    const name = c.req.param('name');
    if (!Object.hasOwn(consoleAssets, name)) return c.notFound();
    const asset = await load(name as AssetName, locate);
    const versioned = c.req.query('v') === asset.version;
    return c.body(asset.body, 200, {
      'Content-Type': consoleAssets[name as AssetName],
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    });
  });
};
