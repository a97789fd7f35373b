import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Principal, Role } from '../../../shared/domain/roles.js';
import { csrfField } from '../auth/csrf.js';
import { authPaths } from '../auth/oidc-client.js';
import { pageStylesheet } from './page-style.js';

const roleNames: Record<Role, string> = {
  admin: 'Administration',
  secretariat: 'Geschäftsstelle',
  chair: 'Vorsitz',
  member: 'Mitglied',
  press: 'Pressestelle',
};

/** A page of the sign-in: German, no script, the pages' own stylesheet; never indexed. */
const signInPage = (
  title: string,
  content: HtmlEscapedString | Promise<HtmlEscapedString>,
  refreshTo?: string,
) => html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${refreshTo === undefined ? '' : html`<meta http-equiv="refresh" content="0; url=${refreshTo}">`}
<title>${title}</title>
<style>${raw(pageStylesheet)}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>`;

export interface SignedInView {
  name: string | undefined;
  email: string;
  principal: Principal;
  csrf: string;
}

/**
 * The signed-in page: who is signed in, with which roles for which bodies,
 * and the form that signs out (with the session's CSRF token).
 *
 * @example
 * ```ts
 * c.html(signedInPage({ name: 'Anna Schmidt', email, principal, csrf }));
 * ```
 */
export const signedInPage = (view: SignedInView) => {
  const { principal } = view;
  const grants = principal.grants ?? [];
  const admin = principal.roles.includes('admin');
  return signInPage(
    'Angemeldet',
    html`<h1>Angemeldet</h1>
<p>Sie sind angemeldet als <strong id="name">${view.name ?? view.email}</strong> (<span id="email">${view.email}</span>).</p>
${
  grants.length === 0 && !admin
    ? html`<p id="no-grants">Ihnen ist noch keine Rolle zugewiesen. Bitte wenden Sie sich an die Geschäftsstelle.</p>`
    : html`<h2>Ihre Rollen</h2>
<ul id="grants">
${admin ? html`<li>Administration (alle Gremien)</li>` : ''}
${grants.map((grant) => html`<li>${roleNames[grant.role]} im Gremium <strong>${grant.bodyId}</strong></li>`)}
</ul>`
}
<form method="post" action="${authPaths.logout}">
<input type="hidden" name="${csrfField}" value="${view.csrf}">
<button type="submit">Abmelden</button>
</form>`,
  );
};

/**
 * The page after signing out here: it sends the browser on to end the
 * session at the provider too (the Cognito managed login, or the local provider).
 *
 * @example
 * ```ts
 * c.html(signingOutPage(await oidc.logoutUrl()));
 * ```
 */
export const signingOutPage = (providerLogout: URL) =>
  signInPage(
    'Abmeldung',
    html`<h1>Abmeldung</h1>
<p>Sie werden auch beim Anmeldedienst abgemeldet. Geschieht nichts, folgen Sie bitte <a href="${providerLogout.href}">diesem Link</a>.</p>`,
    providerLogout.href,
  );

/**
 * Where the provider sends the browser after signing out.
 *
 * @example
 * ```ts
 * c.html(signedOutPage());
 * ```
 */
export const signedOutPage = () =>
  signInPage(
    'Abgemeldet',
    html`<h1>Abgemeldet</h1>
<p>Sie sind abgemeldet.</p>
<p><a href="${authPaths.login}">Erneut anmelden</a></p>`,
  );

/** Why a sign-in did not complete, as the person reads it. */
export type SignInProblem = 'expired' | 'refused' | 'unknown-person';

const problemTexts: Record<SignInProblem, string> = {
  expired:
    'Die Anmeldung hat zu lange gedauert oder wurde in einem anderen Fenster begonnen. Bitte melden Sie sich erneut an.',
  refused: 'Der Anmeldedienst hat die Anmeldung nicht bestätigt. Bitte melden Sie sich erneut an.',
  'unknown-person':
    'Für Ihre Anmeldung fehlt die E-Mail-Adresse. Bitte wenden Sie sich an die Geschäftsstelle.',
};

/**
 * The page of a sign-in that did not complete, with the way back in.
 *
 * @example
 * ```ts
 * c.html(signInFailedPage('expired'), 400);
 * ```
 */
export const signInFailedPage = (problem: SignInProblem) =>
  signInPage(
    'Anmeldung nicht abgeschlossen',
    html`<h1>Anmeldung nicht abgeschlossen</h1>
<p>${problemTexts[problem]}</p>
<p><a href="${authPaths.login}">Erneut anmelden</a></p>`,
  );
