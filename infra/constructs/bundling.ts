/**
 * esbuild settings shared by every function. The CDK (`ApiFunction`) and the
 * benchmark build with the same settings, so the bench measures what deploys.
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
