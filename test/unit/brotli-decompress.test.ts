import { createRequire } from 'node:module';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import decompress from '../../functions/platform/brotli-decompress.js';

const require = createRequire(import.meta.url);
/** The JavaScript decoder the font library imports, which the bundles replace. */
const original = require('brotli/decompress.js') as (
  buffer: Uint8Array,
  size?: number,
) => Uint8Array;

describe('Function: brotli decompress (Node’s decoder in the bundles)', () => {
  it('decodes what the JavaScript decoder decodes, byte for byte', () => {
    const text = new TextEncoder().encode(
      'Beschluss der Innenministerkonferenz zum Schutz kritischer Infrastrukturen. '.repeat(200),
    );
    const compressed = new Uint8Array(brotliCompressSync(text));
    const ours = decompress(compressed, text.length);
    expect(ours).toEqual(new Uint8Array(original(compressed, text.length)));
    expect(new TextDecoder().decode(ours)).toBe(new TextDecoder().decode(text));
  });

  it('refuses bytes that are no Brotli stream', () => {
    expect(() => decompress(new Uint8Array([1, 2, 3, 4, 5]), 5)).toThrow();
  });
});
