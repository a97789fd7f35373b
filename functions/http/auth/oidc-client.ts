import type * as OpenId from 'openid-client';

/**
 * The OpenID Connect library, loaded on the first sign-in step: most
 * requests of the functions that carry it never sign anyone in.
 */
let library: typeof OpenId | undefined;
const openId = async () => {
  library ??= await import('openid-client');
  return library;
};

/** Where the sign-in happens and who the product is there. */
export interface OidcClientOptions {
  /** The issuer: the Cognito user pool in AWS, the local provider under `npm start`. */
  issuer: string;
  clientId: string;
  /** `https://<public address>`: the redirect URIs hang below it. */
  publicBaseUrl: string;
  /**
   * Cognito's logout endpoint (`https://<domain>/logout`), which its
   * discovery document does not announce; without it, the provider's
   * `end_session_endpoint`.
   */
  logoutUrl?: string | undefined;
}

/** The tokens a sign-in or a refresh yields. */
export interface SignInTokens {
  accessToken: string;
  /** When the access token expires. */
  expiresAt: Date;
  refreshToken: string | undefined;
  /** The address from the verified ID token (a refresh may not repeat it). */
  email: string | undefined;
}

/** What a started sign-in must remember until the callback. */
export interface SignInStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The one OpenID Connect client of the browser sign-in, the same against Cognito and locally. */
export interface OidcClient {
  /** The provider's authorization URL, with state, nonce and a PKCE (S256) challenge. */
  start(): Promise<SignInStart>;
  /** Redeems the code of the callback after checking state, nonce and the PKCE verifier. */
  finish(
    callbackUrl: URL,
    expected: Pick<SignInStart, 'state' | 'nonce' | 'codeVerifier'>,
  ): Promise<SignInTokens>;
  refresh(refreshToken: string): Promise<SignInTokens>;
  /** Revokes a refresh token at the provider (Cognito's token revocation), so it renews nothing more. */
  revoke(refreshToken: string): Promise<void>;
  /** Where the browser ends its session at the provider; it comes back to `/auth/signed-out`. */
  logoutUrl(): Promise<URL>;
}

/** The scopes of the sign-in; Cognito puts the address into the ID token with `email`. */
export const signInScopes = 'openid email profile';

/** Paths below the public address the provider sends the browser back to. */
export const authPaths = {
  login: '/auth/login',
  callback: '/auth/callback',
  logout: '/auth/logout',
  signedOut: '/auth/signed-out',
  me: '/auth/me',
} as const;

const tokensOf = (
  response: OpenId.TokenEndpointResponse & OpenId.TokenEndpointResponseHelpers,
  now: number,
): SignInTokens => {
  const email = response.claims()?.email;
  return {
    accessToken: response.access_token,
    expiresAt: new Date(now + (response.expiresIn() ?? 300) * 1000),
    refreshToken: response.refresh_token,
    email: typeof email === 'string' ? email.toLowerCase() : undefined,
  };
};

/**
 * The sign-in client on `openid-client`: the authorization-code flow with
 * PKCE (S256), state and nonce, a public client (no secret, as the Cognito
 * app client). The provider's metadata is discovered once, on first use;
 * plain http is allowed only for an issuer on localhost (the local provider).
 *
 * @example
 * ```ts
 * const oidc = createOidcClient({ issuer, clientId, publicBaseUrl });
 * const { url, state, nonce, codeVerifier } = await oidc.start();
 * ```
 */
export const createOidcClient = (options: OidcClientOptions): OidcClient => {
  const issuer = new URL(options.issuer);
  const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(issuer.hostname);
  let configuration: Promise<OpenId.Configuration> | undefined;
  const config = () => {
    configuration ??= openId().then((client) =>
      client.discovery(issuer, options.clientId, undefined, client.None(), {
        ...(local ? { execute: [client.allowInsecureRequests] } : {}),
      }),
    );
    configuration.catch(() => {
      configuration = undefined;
    });
    return configuration;
  };
  const redirectUri = `${options.publicBaseUrl}${authPaths.callback}`;
  const signedOutUri = `${options.publicBaseUrl}${authPaths.signedOut}`;

  return {
    async start() {
      const client = await openId();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: signInScopes,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, state, nonce, codeVerifier };
    },
    async finish(callbackUrl, expected) {
      const client = await openId();
      const response = await client.authorizationCodeGrant(await config(), callbackUrl, {
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        pkceCodeVerifier: expected.codeVerifier,
        idTokenExpected: true,
      });
      return tokensOf(response, Date.now());
    },
    async refresh(refreshToken) {
      const client = await openId();
      const response = await client.refreshTokenGrant(await config(), refreshToken);
      // Cognito does not rotate refresh tokens: the old one stays good.
      const tokens = tokensOf(response, Date.now());
      return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
    },
    async revoke(refreshToken) {
      const client = await openId();
      await client.tokenRevocation(await config(), refreshToken, {
        token_type_hint: 'refresh_token',
      });
    },
    async logoutUrl() {
      if (options.logoutUrl !== undefined) {
        const url = new URL(options.logoutUrl);
        url.searchParams.set('client_id', options.clientId);
        url.searchParams.set('logout_uri', signedOutUri);
        return url;
      }
      const client = await openId();
      return client.buildEndSessionUrl(await config(), {
        client_id: options.clientId,
        post_logout_redirect_uri: signedOutUri,
      });
    },
  };
};

/**
 * The errors of a sign-in that failed at the provider or in its checks (not
 * a fault of ours). Asked only after something failed, so loading the
 * library for its error classes costs no request that went well.
 */
export const isSignInFailure = async (error: unknown): Promise<boolean> => {
  const client = await openId();
  return (
    error instanceof client.AuthorizationResponseError ||
    error instanceof client.ResponseBodyError ||
    error instanceof client.ClientError
  );
};
