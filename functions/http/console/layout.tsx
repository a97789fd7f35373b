import type { Child } from 'hono/jsx';
import type { Principal, Role } from '../../../shared/domain/roles.js';
import { csrfField, csrfHeader } from '../auth/csrf.js';
import { authPaths } from '../auth/oidc-client.js';
import { assetUrl } from './assets.js';
import { type Branding, branding } from './branding.js';

/** One entry of the console's main navigation, shown to the roles that can use it. */
interface NavEntry {
  key: string;
  href: string;
  label: string;
  roles: readonly Role[] | 'staff';
}

/** The console's sections. Pages say which one they belong to, for `aria-current`. */
export const consoleNav: readonly NavEntry[] = [
  { key: 'overview', href: '/console', label: 'Übersicht', roles: 'staff' },
  { key: 'bodies', href: '/console/bodies', label: 'Gremien', roles: 'staff' },
  {
    key: 'procedures',
    href: '/console/procedures',
    label: 'Umlaufverfahren',
    roles: ['admin', 'secretariat', 'chair'],
  },
  {
    key: 'press',
    href: '/console/press',
    label: 'Presse',
    roles: ['admin', 'secretariat', 'chair', 'press'],
  },
  { key: 'staff', href: '/console/staff', label: 'Personal', roles: ['admin', 'secretariat'] },
];

/** htmx settings: no eval, no scripts from swapped content, no page copies kept in the browser. */
const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  selfRequestsOnly: true,
});

/** Who is signed in, as the frame of a console page shows it. */
export interface SignedInUser {
  principal: Principal;
  email: string;
  /** The session's CSRF token: in every form, and in htmx's request headers. */
  csrf: string;
}

const Brand = ({ brand }: { brand: Branding }) => (
  <a class="brand" href="/console">
    {brand.logoUrl === undefined ? null : <img src={brand.logoUrl} alt="" />}
    <span>{brand.conferenceName}</span>
  </a>
);

const allowed = (entry: NavEntry, principal: Principal) =>
  entry.roles === 'staff'
    ? principal.roles.length > 0
    : principal.roles.some((role) => (entry.roles as readonly Role[]).includes(role));

export interface ConsoleFrameProps {
  title: string;
  user: SignedInUser;
  /** The navigation entry this page belongs to. */
  section?: string;
  children?: Child;
}

/**
 * The frame of every console page: German, a skip link to the content, the
 * conference's name, the sections the signed-in person may use, and the
 * sign-out form. The stylesheet and scripts come from this product only
 * (the policy allows nothing else, and no inline script or style); every
 * form works without the scripts.
 *
 * @example
 * ```tsx
 * c.html(await consoleDocument(<ConsoleFrame title="Übersicht" user={user}>…</ConsoleFrame>));
 * ```
 */
export const ConsoleFrame = async ({ title, user, section, children }: ConsoleFrameProps) => {
  const brand = branding();
  const [css, htmx, script] = await Promise.all([
    assetUrl('console.css'),
    assetUrl('htmx.min.js'),
    assetUrl('console.js'),
  ]);
  return (
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="htmx-config" content={htmxConfig} />
        <title>{`${title} – ${brand.conferenceName}`}</title>
        <link rel="stylesheet" href={css} />
        <script src={htmx} defer></script>
        <script src={script} defer></script>
      </head>
      <body hx-headers={JSON.stringify({ [csrfHeader]: user.csrf })}>
        <a class="skip-link" href="#inhalt">
          Zum Inhalt springen
        </a>
        <header class="site-header">
          <div class="bar">
            <Brand brand={brand} />
            <nav aria-label="Hauptnavigation">
              <ul>
                {consoleNav
                  .filter((entry) => allowed(entry, user.principal))
                  .map((entry) => (
                    <li>
                      <a
                        href={entry.href}
                        aria-current={entry.key === section ? 'page' : undefined}
                      >
                        {entry.label}
                      </a>
                    </li>
                  ))}
              </ul>
            </nav>
            <div class="who">
              <span>{user.email}</span>
              <form method="post" action={authPaths.logout} class="inline">
                <input type="hidden" name={csrfField} value={user.csrf} />
                <button type="submit">Abmelden</button>
              </form>
            </div>
          </div>
        </header>
        <main id="inhalt" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
};

export interface PublicFrameProps {
  title: string;
  /** Public pages may be found by search engines; personal link pages may not. */
  indexable?: boolean;
  /** Alternate representations (feeds, calendars), as `<link rel="alternate">`. */
  alternates?: readonly { type: string; href: string; title: string }[];
  narrow?: boolean;
  children?: Child;
}

/**
 * The frame of the public pages and the pages behind mail links: the same
 * calm design as the console, with the conference's name and no script.
 *
 * @example
 * ```tsx
 * c.html(await consoleDocument(<PublicFrame title="Pressemitteilungen" indexable>…</PublicFrame>));
 * ```
 */
export const PublicFrame = async ({
  title,
  indexable = false,
  alternates = [],
  narrow = false,
  children,
}: PublicFrameProps) => {
  const brand = branding();
  const css = await assetUrl('console.css');
  return (
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {indexable ? null : <meta name="robots" content="noindex" />}
        <title>{`${title} – ${brand.conferenceName}`}</title>
        <link rel="stylesheet" href={css} />
        {alternates.map((alternate) => (
          <link
            rel="alternate"
            type={alternate.type}
            href={alternate.href}
            title={alternate.title}
          />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#inhalt">
          Zum Inhalt springen
        </a>
        <header class="site-header">
          <div class="bar">
            <span class="brand">
              {brand.logoUrl === undefined ? null : <img src={brand.logoUrl} alt="" />}
              <span>{brand.conferenceName}</span>
            </span>
          </div>
        </header>
        <main id="inhalt" class={narrow ? 'narrow' : undefined} tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
};

/**
 * A whole HTML document from a frame: the doctype and the rendered element.
 *
 * @example
 * ```tsx
 * return c.html(await consoleDocument(<PublicFrame title="…">…</PublicFrame>));
 * ```
 */
export const consoleDocument = async (element: Child): Promise<string> => {
  const node = (await element) as { toString(): string | Promise<string> } | null;
  return `<!doctype html>${node === null ? '' : await node.toString()}`;
};
