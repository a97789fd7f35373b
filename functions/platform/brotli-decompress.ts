import { brotliDecompressSync } from 'node:zlib';

/**
 * Stands in for `brotli/decompress.js` in the function bundles (see
 * `bundleFunction`): the font library behind pdfkit imports that pure
 * JavaScript decoder (475 KB) for WOFF2 fonts, which Node decodes natively.
 * Same call, same answer: the compressed bytes in, the decoded bytes out
 * (`size`, the length the font announces, is not needed).
 */
const decompress = (buffer: Uint8Array, _size?: number): Uint8Array => {
  const decoded = brotliDecompressSync(buffer);
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
};

export default decompress;
