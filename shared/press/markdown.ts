import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

/** What a press release's HTML may contain: text structure, links, nothing active. */
const allowed: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'a',
    'blockquote',
    'br',
    'hr',
  ],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // Headings move below the page's own title.
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }),
  },
};

/**
 * Renders Markdown to HTML that is safe to put into a page, a feed or a mail:
 * raw HTML in the source is escaped, scripts, styles, event handlers and
 * `javascript:` links cannot survive.
 *
 * @example
 * ```ts
 * renderMarkdown('**HAMBURG** Am heutigen Donnerstag …');
 * ```
 */
export const renderMarkdown = (source: string): string =>
  sanitizeHtml(markdown.parse(source) as string, {
    ...allowed,
    allowedAttributes: { a: ['href', 'title', 'rel'] },
  });
