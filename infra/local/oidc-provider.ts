/**
 * The local sign-in provider of `npm start`: a small OpenID Connect
 * provider (`oidc-provider`) standing in for Cognito's managed login, so
 * that the browser sign-in runs end to end on one machine. A staff member
 * signs in with their address alone (no password locally); only addresses
 * in the staff directory may. Its access tokens carry the claims of the
 * same claims builder as the pre-token-generation trigger in AWS, shaped
 * like Cognito's, and are signed with the local key the API already trusts.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { html, raw } from 'hono/html';
import type { JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { pageStylesheet } from '../../functions/http/pages/page-style.js';
import { EmailSchema } from '../../shared/domain/body.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';
import { claimsForEmail } from '../../shared/use-cases/staff.js';
import { localClientId } from './local-auth.js';

/** Where the provider lives below the issuer (the API's own address). */
export const providerPrefix = '/oidc';

/** The API as a resource server: access tokens for it are JWTs, like Cognito's. */
const apiResource = 'urn:conference:api';
const scopes = 'openid email profile';

export interface LocalProviderOptions {
  /** The issuer, the API's own address: `http://localhost:<port>`. */
  issuer: string;
  /** The local signing key (private), whose public half the API serves as its JWKS. */
  signingKey: JWK;
  directory: Pick<StaffDirectory, 'findStaffByEmail'>;
  /** Keys that sign the provider's own cookies. */
  cookieKeys: string[];
  /** Lifetime of an access token in seconds; an hour, as Cognito's. */
  accessTokenSeconds?: number;
}

const loginPage = (uid: string, options: { email?: string; problem?: string } = {}) =>
  html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Anmeldung (lokal)</title>
<style>${raw(pageStylesheet)}</style>
</head>
<body>
<main>
<h1>Anmeldung</h1>
<p class="notice">Lokaler Anmeldedienst von <code>npm start</code>: Es genügt die E-Mail-Adresse eines Eintrags im Personalverzeichnis, ein Kennwort gibt es hier nicht.</p>
${options.problem === undefined ? '' : html`<p id="problem" role="alert">${options.problem}</p>`}
<form method="post" action="${providerPrefix}/interaction/${uid}/login">
<label for="email">E-Mail-Adresse</label>
<input type="email" id="email" name="email" autocomplete="username" required autofocus value="${options.email ?? ''}">
<button type="submit">Anmelden</button>
</form>
</main>
</body>
</html>`;

const logoutSource = async (ctx: KoaContextWithOIDC, form: string) => {
  // The provider's confirmation form, sent at once: Cognito's logout asks nothing either.
  ctx.type = 'html';
  ctx.body = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Abmeldung (lokal)</title></head>
<body>${form}<p>Sie werden abgemeldet …</p>
<noscript><button type="submit" form="op.logoutForm" name="logout" value="yes">Abmelden</button></noscript>
<script>var f=document.getElementById('op.logoutForm');var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script>
</body></html>`;
};

const providerConfiguration = (options: LocalProviderOptions): Configuration => {
  const base = options.issuer.replace(/\/$/, '');
  const ttl = options.accessTokenSeconds ?? 3600;
  return {
    clients: [
      {
        client_id: localClientId,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [`${base}/auth/callback`],
        post_logout_redirect_uris: [`${base}/auth/signed-out`],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [options.signingKey] },
    cookies: { keys: options.cookieKeys },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    routes: {
      authorization: `${providerPrefix}/auth`,
      token: `${providerPrefix}/token`,
      jwks: `${providerPrefix}/jwks`,
      userinfo: `${providerPrefix}/me`,
      end_session: `${providerPrefix}/session/end`,
      revocation: `${providerPrefix}/token/revocation`,
      introspection: `${providerPrefix}/token/introspection`,
    },
    interactions: {
      url: (_ctx, interaction) => `${providerPrefix}/interaction/${interaction.uid}`,
    },
    ttl: {
      AccessToken: ttl,
      AuthorizationCode: 60,
      IdToken: ttl,
      Interaction: 600,
      Session: 12 * 3600,
      Grant: 12 * 3600,
      RefreshToken: 12 * 3600,
    },
    findAccount: async (_ctx, sub) => {
      const staff = await options.directory.findStaffByEmail(sub);
      if (staff === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: staff.email, email_verified: true, name: staff.name }),
      };
    },
    // One first-party client: the staff member's consent is implied, as with Cognito.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (accountId === undefined || clientId === undefined) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope(scopes);
      grant.addResourceScope(apiResource, scopes);
      await grant.save();
      return grant;
    },
    issueRefreshToken: () => true,
    // As Cognito: the refresh token stays the same, so two tabs renewing at once cannot spend it.
    rotateRefreshToken: false,
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' || token.accountId === undefined) return undefined;
      const claims = await claimsForEmail(options.directory, token.accountId);
      return {
        token_use: 'access',
        'cognito:groups': claims.roles,
        email: token.accountId,
        bodies: claims.bodies.join(' '),
        grants: claims.grants.join(' '),
      };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: scopes,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ttl,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Anmeldung nicht möglich</title></head><body><h1>Anmeldung nicht möglich</h1><p>${String(out.error_description ?? out.error).replace(/[<>&"]/g, '')}</p><p><a href="/auth/login">Erneut anmelden</a></p></body></html>`;
    },
  };
};

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) break;
  }
  return new URLSearchParams(text);
};

const sendHtml = async (res: ServerResponse, status: number, body: Promise<string> | string) => {
  // Hono's html helper gives a String object (or a promise of one): a plain string for Node.
  const text = String(await body);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
};

/**
 * The interaction the provider sends the browser to: the German login
 * page, and its form post, which signs in an address of the staff directory.
 */
const interactions =
  (provider: Provider, options: LocalProviderOptions) =>
  async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const details = await provider.interactionDetails(req, res);
    const uid = details.uid;
    if (req.method === 'GET' && path === `${providerPrefix}/interaction/${uid}`) {
      return sendHtml(res, 200, loginPage(uid));
    }
    if (req.method === 'POST' && path === `${providerPrefix}/interaction/${uid}/login`) {
      const form = await readForm(req);
      const email = EmailSchema.safeParse(form.get('email')?.trim().toLowerCase());
      const staff = email.success
        ? await options.directory.findStaffByEmail(email.data as string)
        : undefined;
      if (!email.success || staff === undefined) {
        return sendHtml(
          res,
          400,
          loginPage(uid, {
            email: form.get('email') ?? '',
            problem:
              'Diese Adresse steht nicht im Personalverzeichnis. Bitte prüfen Sie die Schreibweise oder wenden Sie sich an die Geschäftsstelle.',
          }),
        );
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: staff.email } },
        { mergeWithLastSubmission: false },
      );
    }
    res.writeHead(404).end();
  };

/**
 * The provider as one Node request listener for the paths it owns
 * (`/.well-known/openid-configuration` and everything below `/oidc/`);
 * `owns` tells the local server which requests to hand it.
 *
 * @example
 * ```ts
 * const local = createLocalProvider({ issuer, signingKey: privateJwk, directory, cookieKeys });
 * if (local.owns(req.url)) local.listener(req, res);
 * ```
 */
export const createLocalProvider = (options: LocalProviderOptions) => {
  const provider = new Provider(options.issuer, providerConfiguration(options));
  const callback = provider.callback();
  const interact = interactions(provider, options);
  const listener: RequestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith(`${providerPrefix}/interaction/`)) {
      interact(req, res, path).catch((error: unknown) => {
        const expired = error instanceof Error && error.name === 'SessionNotFound';
        if (res.headersSent) {
          res.end();
        } else {
          void sendHtml(
            res,
            expired ? 400 : 500,
            expired
              ? 'Die Anmeldung ist abgelaufen. <a href="/auth/login">Erneut anmelden</a>'
              : 'Der lokale Anmeldedienst hat einen Fehler (siehe die Ausgabe von npm start).',
          );
        }
        if (!expired) process.stderr.write(`local sign-in: ${String(error)}\n`);
      });
      return;
    }
    void callback(req, res);
  };
  return {
    provider,
    listener,
    owns: (url: string | undefined) => {
      const path = new URL(url ?? '/', 'http://localhost').pathname;
      return path === '/.well-known/openid-configuration' || path.startsWith(`${providerPrefix}/`);
    },
  };
};
