import { localStaffAccounts } from '../../shared/adapters/cognito/local-accounts.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { createJwtVerifier, remoteKeySet } from '../../shared/adapters/jwt/token-verifier.js';
import { onFirstUse } from '../../shared/adapters/on-first-use.js';
import { extensionSecret, linkSecretResolver } from '../../shared/adapters/secrets/link-secret.js';
import type { Config } from '../../shared/config/config.js';
import { loadMailConfig } from '../../shared/config/mail-config.js';
import { papersFromEnvironment } from '../../shared/config/papers-config.js';
import { loadSignInConfig } from '../../shared/config/signin-config.js';
import { createLogger } from '../../shared/observability/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import type { StaffAccounts } from '../../shared/ports/staff-accounts.js';
import type { AppDeps } from './app.js';
import { createOidcClient } from './auth/oidc-client.js';
import { cookieSealer } from './auth/session-cookie.js';
import type { SignIn } from './auth/sign-in.js';

/**
 * Cognito when the stack names a user pool; the local stack (which talks to
 * DynamoDB Local) has none. Anywhere else a missing pool is a wiring fault,
 * said when a staff account is touched rather than silently skipped.
 */
const staffAccountsFor = (settings: Config): StaffAccounts => {
  const { userPoolId } = settings;
  if (userPoolId !== undefined) {
    // The Cognito client loads when an account is first touched, not at every cold start.
    return onFirstUse<StaffAccounts>(async () => {
      const { CognitoStaffAccounts, createCognitoClient } = await import(
        '../../shared/adapters/cognito/staff-accounts.js'
      );
      return new CognitoStaffAccounts(createCognitoClient(settings.region), userPoolId);
    }, ['invite', 'signOut', 'disable']);
  }
  if (settings.dynamodbEndpoint !== undefined) return localStaffAccounts;
  const missing = async () => {
    throw new Error('USER_POOL_ID is not set: staff accounts cannot be managed.');
  };
  return { invite: missing, signOut: missing, disable: missing };
};

/**
 * The browser sign-in, where a session key is configured: the OIDC client
 * of the token issuer and the first app client id, and the cookie sealer.
 */
const signInFor = (settings: Config): SignIn | undefined => {
  const signIn = loadSignInConfig(process.env);
  const clientId = settings.jwt.clientIds[0];
  if (signIn === undefined || clientId === undefined) return undefined;
  const key = signIn.sessionKey;
  const sessionKey =
    'value' in key ? async () => key.value : extensionSecret(key.arn, 'session key');
  return {
    oidc: createOidcClient({
      issuer: settings.jwt.issuer,
      clientId,
      publicBaseUrl: signIn.publicBaseUrl,
      logoutUrl: signIn.logoutUrl,
    }),
    cookies: cookieSealer(sessionKey, systemClock),
    clock: systemClock,
    publicBaseUrl: signIn.publicBaseUrl,
  };
};

/**
 * The app's dependencies from the validated configuration: the same wiring
 * in Lambda and in the local server, made once per process. In Lambda,
 * `traceClient` hands the SDK client to the tracer.
 *
 * @example
 * ```ts
 * const deps = appDepsFromConfig(config(), 'conference-api');
 * ```
 */
export const appDepsFromConfig = (
  settings: Config,
  serviceName: string,
  traceClient: <T extends object>(client: T) => T = (client) => client,
): AppDeps => {
  let linkSecret: (() => Promise<string>) | undefined;
  const documentClient = traceClient(
    createDocumentClient({
      region: settings.region,
      endpoint: settings.dynamodbEndpoint,
    }),
  );
  return {
    repo: new DynamoConferenceRepository(documentClient, settings.tableName),
    clock: systemClock,
    staff: new DynamoStaffDirectory(documentClient, settings.tableName),
    accounts: staffAccountsFor(settings),
    tokenVerifier: createJwtVerifier({
      issuer: settings.jwt.issuer,
      clientIds: settings.jwt.clientIds,
      keys: remoteKeySet(settings.jwt.jwksUrl),
    }),
    logger: createLogger(serviceName, settings.logLevel),
    originSecret:
      process.env.ORIGIN_VERIFY_SECRET_ARN === undefined
        ? undefined
        : extensionSecret(process.env.ORIGIN_VERIFY_SECRET_ARN, 'origin key'),
    signIn: signInFor(settings),
    linkSecret: () => {
      linkSecret ??= linkSecretResolver(loadMailConfig(process.env));
      return linkSecret();
    },
    papers: papersFromEnvironment(process.env, traceClient),
  };
};
