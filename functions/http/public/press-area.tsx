import type { PressRelease } from '../../../shared/domain/press-release.js';
import { germanDateTimeShort, TextField } from '../console/components.js';
import { publicPage } from './public-page.js';

/** Where the press area and its subscription live. */
export const pressAreaPaths = {
  list: '/public/press-releases',
  release: (id: string) => `/public/press-releases/${id}`,
  subscription: '/public/press-list/subscription',
  feed: (format: 'atom' | 'rss' | 'json') => `/public/feeds/press-releases.${format}`,
} as const;

/** The feeds of the press releases, as `<link rel="alternate">` and as visible links. */
export const pressFeeds = [
  {
    type: 'application/atom+xml',
    href: pressAreaPaths.feed('atom'),
    title: 'Pressemitteilungen (Atom)',
    label: 'Atom',
  },
  {
    type: 'application/rss+xml',
    href: pressAreaPaths.feed('rss'),
    title: 'Pressemitteilungen (RSS)',
    label: 'RSS',
  },
  {
    type: 'application/feed+json',
    href: pressAreaPaths.feed('json'),
    title: 'Pressemitteilungen (JSON Feed)',
    label: 'JSON Feed',
  },
] as const;

/** What the subscription form shows: empty, or again with what was sent and what is wrong. */
export interface SubscriptionForm {
  email?: string | undefined;
  name?: string | undefined;
  error?: string | undefined;
}

/** The press list's form: address and optional name; the double opt-in follows by mail. */
const SubscribeForm = ({ form }: { form: SubscriptionForm }) => (
  <form method="post" action={pressAreaPaths.subscription} class="subscribe" novalidate>
    <TextField
      name="email"
      label="E-Mail-Adresse"
      type="email"
      value={form.email}
      error={form.error}
      required
      autocomplete="email"
    />
    <TextField
      name="name"
      label="Name oder Redaktion (freiwillig)"
      value={form.name}
      autocomplete="organization"
    />
    <p class="hint">
      Sie erhalten zuerst eine E-Mail mit einem Bestätigungslink. Erst nach Ihrer Bestätigung senden
      wir Ihnen Pressemitteilungen; jede Mitteilung enthält einen Link zum Abmelden.
    </p>
    <div class="actions">
      <button type="submit">Presseliste abonnieren</button>
    </div>
  </form>
);

const ReleaseEntry = ({ release }: { release: PressRelease }) => (
  <li class="release-entry">
    <h3>
      <a href={pressAreaPaths.release(release.id)}>{release.title}</a>
    </h3>
    <p class="meta">
      {release.publishAt ? (
        <time datetime={release.publishAt}>{germanDateTimeShort(release.publishAt)}</time>
      ) : null}
      {release.dateline ? <span> · {release.dateline}</span> : null}
      {release.correctedAt ? (
        <span>
          {' · '}
          <span class="badge">korrigiert am {germanDateTimeShort(release.correctedAt)}</span>
        </span>
      ) : null}
    </p>
  </li>
);

export interface PressListingInput {
  releases: readonly PressRelease[];
  /** The cursor of the next (older) page, if there is one. */
  next: string | undefined;
  /** True when this is not the first page. */
  paged: boolean;
  limit: number;
}

/**
 * The public press area: the published releases newest first, a page at a
 * time, each linking to its page; the feeds (also as `<link rel="alternate">`);
 * and the press list's subscription form, which works without script.
 *
 * @example
 * ```ts
 * c.html(pressListingPage({ releases: page.items, next: page.next, paged: false, limit: 25 }));
 * ```
 */
export const pressListingPage = (input: PressListingInput) =>
  publicPage(
    'Pressemitteilungen',
    <>
      <h1>Pressemitteilungen</h1>
      <p class="lead">Die veröffentlichten Pressemitteilungen, die neuesten zuerst.</p>
      <section aria-labelledby="mitteilungen">
        <h2 id="mitteilungen" class="visually-hidden">
          Mitteilungen
        </h2>
        {input.releases.length === 0 ? (
          <p>
            {input.paged
              ? 'Auf dieser Seite sind keine weiteren Pressemitteilungen.'
              : 'Es sind noch keine Pressemitteilungen veröffentlicht.'}
          </p>
        ) : (
          <ol class="release-list">
            {input.releases.map((release) => (
              <ReleaseEntry release={release} />
            ))}
          </ol>
        )}
        {input.paged || input.next !== undefined ? (
          <nav aria-label="Seiten der Pressemitteilungen">
            <ul class="pagination">
              {input.paged ? (
                <li>
                  <a href={pressAreaPaths.list}>Neueste Pressemitteilungen</a>
                </li>
              ) : null}
              {input.next !== undefined ? (
                <li>
                  <a
                    href={`${pressAreaPaths.list}?${new URLSearchParams({
                      ...(input.limit === 25 ? {} : { limit: String(input.limit) }),
                      next: input.next,
                    }).toString()}`}
                  >
                    Ältere Pressemitteilungen
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </section>
      <section aria-labelledby="abonnieren" class="press-side">
        <h2 id="abonnieren">Presseliste abonnieren</h2>
        <p>
          Wir senden Ihnen jede neue Pressemitteilung per E-Mail, sobald sie veröffentlicht ist.
        </p>
        <SubscribeForm form={{}} />
      </section>
      <section aria-labelledby="feeds">
        <h2 id="feeds">Newsfeeds</h2>
        <p>Die Pressemitteilungen gibt es auch als Feed für Ihren Feedreader:</p>
        <ul class="feed-links">
          {pressFeeds.map((feed) => (
            <li>
              <a href={feed.href} type={feed.type}>
                {feed.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>,
    { indexable: true, wide: true, alternates: pressFeeds },
  );

/**
 * The press list's subscription page: the form (again with the error, if
 * the address was not one), or what happens next once it was sent. The
 * answer reads the same whether or not the address is on the list already.
 *
 * @example
 * ```ts
 * c.html(subscriptionPage({ kind: 'requested', email: 'redaktion@zeitung.example.org' }));
 * ```
 */
export const subscriptionPage = (
  state:
    | { kind: 'form'; form: SubscriptionForm }
    | { kind: 'requested'; email: string }
    | { kind: 'too-many'; text: string },
) =>
  publicPage(
    state.kind === 'requested' ? 'Anmeldung zur Presseliste erhalten' : 'Presseliste abonnieren',
    state.kind === 'requested' ? (
      <>
        <h1>Bitte bestätigen Sie Ihre Anmeldung</h1>
        <p class="notice success" role="status">
          Wir haben Ihnen eine E-Mail an <strong>{state.email}</strong> geschickt. Bitte öffnen Sie
          den Link darin, um Ihre Anmeldung zur Presseliste zu bestätigen.
        </p>
        <p>
          Erst mit Ihrer Bestätigung nehmen wir die Adresse in die Presseliste auf. Kommt keine
          E-Mail an, sehen Sie bitte im Spam-Ordner nach; ist die Adresse bereits angemeldet,
          erhalten Sie keine weitere E-Mail. Ohne Bestätigung senden wir Ihnen nichts.
        </p>
        <p>
          <a href={pressAreaPaths.list}>Zurück zu den Pressemitteilungen</a>
        </p>
      </>
    ) : (
      <>
        <h1>Presseliste abonnieren</h1>
        {state.kind === 'too-many' ? (
          <p class="notice error" role="alert">
            {state.text}
          </p>
        ) : null}
        <p>
          Wir senden Ihnen jede neue Pressemitteilung per E-Mail, sobald sie veröffentlicht ist.
        </p>
        <SubscribeForm form={state.kind === 'form' ? state.form : {}} />
        <p>
          <a href={pressAreaPaths.list}>Zurück zu den Pressemitteilungen</a>
        </p>
      </>
    ),
    { indexable: state.kind === 'form' && state.form.error === undefined },
  );
