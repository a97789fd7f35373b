import { Parser } from 'htmlparser2';

/** Elements that start and end a line of their own. */
const blocks = new Set([
  'address',
  'article',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);

/** Elements whose content a reader never sees. */
const hidden = new Set(['head', 'script', 'style', 'template', 'title']);

/** The classes mail clients give the signature they add (Gmail, Thunderbird, Outlook on the web). */
const signatureClass = /\b(gmail_signature|moz-signature|elementToProof-signature)\b/i;

/** How much HTML is read: an answer never needs more. */
const maxHtmlChars = 512 * 1024;

/**
 * The text of an HTML-only mail as a plain-text client would quote it: one
 * line per paragraph, `<br>` and block, every line inside a `<blockquote>`
 * (Gmail, Apple Mail, Thunderbird) prefixed with `> ` once per level, and a
 * signature the client marked set off by a `--` line, so that the same rules
 * find the person's own words in both kinds of mail. Scripts, styles and the
 * head are left out; entities are decoded.
 *
 * @example
 * ```ts
 * htmlMailText('<div>Zusage</div><blockquote type="cite">Bitte antworten Sie …</blockquote>');
 * // 'Zusage\n> Bitte antworten Sie …'
 * ```
 */
export const htmlMailText = (html: string): string => {
  const lines: string[] = [];
  let line = '';
  let quoteDepth = 0;
  let hiddenDepth = 0;
  /** The tags open on the stack, with whether each opened a quote or a signature. */
  const open: { name: string; quote: boolean }[] = [];
  const endLine = () => {
    const content = line.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (content !== '' || quoteDepth === 0) {
      lines.push(`${'> '.repeat(quoteDepth)}${content}`.trimEnd());
    }
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (hidden.has(name)) hiddenDepth += 1;
        if (blocks.has(name)) endLine();
        if (signatureClass.test(attributes.class ?? '')) lines.push('--');
        const quote = name === 'blockquote';
        if (quote) quoteDepth += 1;
        if (name !== 'br' && name !== 'hr') open.push({ name, quote });
      },
      ontext(text) {
        if (hiddenDepth === 0) line += text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (hidden.has(name)) hiddenDepth = Math.max(0, hiddenDepth - 1);
        if (name === 'br' || name === 'hr') return;
        const index = open.findLastIndex((tag) => tag.name === name);
        if (index < 0) return;
        if (blocks.has(name)) endLine();
        for (const tag of open.splice(index)) {
          if (tag.quote) quoteDepth = Math.max(0, quoteDepth - 1);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html.slice(0, maxHtmlChars));
  parser.end();
  endLine();
  // Collapse the runs of empty lines that nested blocks leave.
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
};
