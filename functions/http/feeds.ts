import { Feed } from 'feed';
import type { PressRelease } from '../../shared/domain/press-release.js';

export type FeedFormat = 'atom' | 'rss' | 'json';

export const feedTypes: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/**
 * Escapes text for a feed field that readers treat as HTML: Atom titles are
 * written as `type="html"`, and many readers render RSS titles as HTML too.
 */
const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The public feed of press releases in Atom, RSS 2.0 or JSON Feed. Each
 * entry's id is its page's address, so a correction is the same entry with
 * a later `updated` date (and "(korrigiert)" in its summary).
 */
export const pressFeed = (
  releases: readonly PressRelease[],
  options: { base: string; title: string; format: FeedFormat; now: Date },
): string => {
  const listUrl = `${options.base}/public/press-releases`;
  const updated = releases
    .map((release) => release.correctedAt ?? release.publishAt ?? '')
    .sort()
    .at(-1);
  const feed = new Feed({
    title: options.title,
    description: `Pressemitteilungen – ${options.title}`,
    id: listUrl,
    link: listUrl,
    language: 'de',
    copyright: options.title,
    updated: new Date(updated || options.now.toISOString()),
    generator: 'conference-coordination',
    feedLinks: {
      atom: `${options.base}/public/feeds/press-releases.atom`,
      rss: `${options.base}/public/feeds/press-releases.rss`,
      json: `${options.base}/public/feeds/press-releases.json`,
    },
  });
  // JSON Feed titles are plain text by definition; Atom and RSS ones may be read as HTML.
  const text = options.format === 'json' ? (value: string) => value : escapeHtml;
  for (const release of releases) {
    const url = `${listUrl}/${release.id}`;
    const published = new Date(release.publishAt ?? release.createdAt);
    feed.addItem({
      title: text(release.title),
      id: url,
      link: url,
      date: new Date(release.correctedAt ?? published),
      published,
      description: text(`${release.dateline}${release.correctedAt ? ' (korrigiert)' : ''}`),
      content: release.html ?? '',
    });
  }
  return options.format === 'atom'
    ? feed.atom1()
    : options.format === 'rss'
      ? feed.rss2()
      : feed.json1();
};
