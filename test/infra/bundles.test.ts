import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction, eagerBytes } from '../../infra/constructs/bundling.js';

const out = mkdtempSync(join(tmpdir(), 'bundles-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The packages whose code a cold start reads: those in the entry and its static chunks. */
const eagerPackages = (metafile: Metafile) => {
  const packages = new Set<string>();
  for (const file of eagerBytes(metafile).files) {
    for (const input of Object.keys(metafile.outputs[file]?.inputs ?? {})) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      if (name !== undefined) packages.add(name);
    }
  }
  return packages;
};

const allPackages = (metafile: Metafile) =>
  new Set(
    Object.keys(metafile.inputs)
      .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1])
      .filter((name) => name !== undefined),
  );

describe('function bundles as deployed', () => {
  // Loaded only when a request needs them: papers (S3), staff accounts (Cognito),
  // the browser sign-in (openid-client) and file type detection.
  const onFirstUse = [
    '@aws-sdk/client-s3',
    '@aws-sdk/s3-presigned-post',
    '@aws-sdk/s3-request-presigner',
    '@aws-sdk/client-cognito-identity-provider',
    'openid-client',
    'file-type',
  ];

  it.each([
    ['api', 'functions/http/lambda.ts'],
    ['documents', 'functions/http/documents-lambda.ts'],
    ['console', 'functions/http/console-lambda.ts'],
  ])(
    '%s: keeps the S3 and Cognito clients, sign-in and file detection out of the cold start, in chunks of their own',
    (name, entry) => {
      const metafile = bundleFunction(entry, join(out, name), { root: process.cwd() });
      const eager = eagerPackages(metafile);
      const carried = allPackages(metafile);
      for (const name of onFirstUse) expect(eager.has(name), name).toBe(false);
      // Still in the bundle for the requests that need them.
      expect(carried.has('@aws-sdk/client-s3')).toBe(true);
      expect(eager.has('@aws-sdk/client-dynamodb')).toBe(true);
    },
  );

  it('documents: the public pages and link pages carry no PDF or Markdown renderer, not even in a chunk', () => {
    const metafile = bundleFunction('functions/http/documents-lambda.ts', join(out, 'pages'), {
      root: process.cwd(),
    });
    const carried = allPackages(metafile);
    for (const name of ['pdfkit', 'pdf-lib', 'fontkit', 'marked', 'sanitize-html']) {
      expect(carried.has(name), name).toBe(false);
    }
  });

  it('renderer: loads each PDF library with the route that needs it, and decodes Brotli with Node', () => {
    const metafile = bundleFunction('functions/http/renderer-lambda.ts', join(out, 'renderer'), {
      root: process.cwd(),
    });
    const eager = eagerPackages(metafile);
    const carried = allPackages(metafile);
    for (const name of ['pdfkit', 'pdf-lib', 'fontkit', 'marked', 'sanitize-html']) {
      expect(eager.has(name), name).toBe(false);
      expect(carried.has(name), name).toBe(true);
    }
    expect(carried.has('brotli')).toBe(false);
  });
});
