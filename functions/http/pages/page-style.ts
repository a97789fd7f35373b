import { createHash } from 'node:crypto';

/**
 * The stylesheet of every page, inlined in its head. Pages send a
 * Content-Security-Policy without `'unsafe-inline'`: this exact text is
 * allowed by its hash, so the pages need no second request for their style
 * and no style can be injected beside it.
 */
export const pageStylesheet = `
*, *::before, *::after { box-sizing: border-box; }
body { font-family: Arial, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
fieldset { border: 1px solid #888; padding: 1rem; margin: 1rem 0; }
label { display: block; margin: 0.4rem 0; }
input[type=text], input[type=email], textarea { width: 100%; padding: 0.4rem; font-size: 1rem; }
button { font-size: 1rem; padding: 0.6rem 1.2rem; }
figure img { max-width: 100%; }
.notice { border-left: 4px solid #357; padding: 0.5rem 1rem; background: #eef3f8; }
`;

/** The CSP source that allows `pageStylesheet` and nothing else: `'sha256-…'`. */
export const pageStyleSource = `'sha256-${createHash('sha256').update(pageStylesheet).digest('base64')}'`;
