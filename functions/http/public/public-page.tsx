import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import { exerciseNotice, exerciseTitle } from '../../../shared/mail/exercise.js';
import { consoleDocument, PublicFrame, type PublicFrameProps } from '../console/layout.js';

/** What a public page or a page behind a mail link says about itself besides its title. */
export interface PublicPageOptions {
  /** Public pages may be found by search engines; personal link pages may not. */
  indexable?: boolean;
  /** Feeds and calendars of the page, as `<link rel="alternate">`. */
  alternates?: PublicFrameProps['alternates'];
  /** Wide pages (lists) use the console's full width; forms and letters stay narrow. */
  wide?: boolean;
  /** A page of an exercise: "ÜBUNG" in its title and a notice above its content. */
  exercise?: boolean | undefined;
}

/**
 * A whole German page in the public frame (the console's calm design, the
 * conference's name, its one stylesheet, no script) around content rendered
 * with `hono/html` or JSX (both are children of the frame). The pages behind mail links and the public pages
 * all come through here.
 *
 * @example
 * ```ts
 * return c.html(publicPage('Presseliste', html`<h1>Presseliste</h1>`));
 * ```
 */
export const publicPage = async (
  title: string,
  content: Child,
  options: PublicPageOptions = {},
): Promise<HtmlEscapedString> =>
  raw(
    await consoleDocument(
      <PublicFrame
        title={options.exercise === true ? exerciseTitle(title) : title}
        indexable={options.indexable ?? false}
        alternates={options.alternates ?? []}
        narrow={options.wide !== true}
      >
        {options.exercise === true ? (
          <p class="notice exercise" role="status">
            <strong>{exerciseNotice}</strong>
          </p>
        ) : null}
        {content}
      </PublicFrame>,
    ),
  );
