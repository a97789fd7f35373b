import type { Logger } from '@aws-lambda-powertools/logger';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { NotFoundError, PayloadTooLargeError } from '../../shared/domain/errors.js';
import type { AnswerChannel } from '../../shared/domain/invitation.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { ConferenceRepository } from '../../shared/ports/conference-repository.js';
import type { ObjectStore } from '../../shared/ports/object-store.js';
import type { StaffAccounts } from '../../shared/ports/staff-accounts.js';
import type { StaffDirectory } from '../../shared/ports/staff-directory.js';
import type { TokenVerifier } from '../../shared/ports/token-verifier.js';
import { contentSecurityPolicy } from '../middleware/content-security-policy.js';
import { originVerify } from '../middleware/origin-verify.js';
import { sessionCookie } from '../middleware/session.js';
import type { AppEnv } from './app-env.js';
import type { SignIn } from './auth/sign-in.js';
import { problemFor, problemResponse } from './problem.js';
import type { Registrable } from './route.js';

/** What the API needs from the outside world; the Lambda entry and the local server each make one. */
export interface AppDeps {
  repo: ConferenceRepository;
  clock: Clock;
  /** The staff directory, which the tokens' roles and bodies come from. */
  staff: StaffDirectory;
  /** Sign-in accounts of staff members (Cognito in AWS, nothing locally). */
  accounts: StaffAccounts;
  tokenVerifier: TokenVerifier;
  logger: Logger;
  /** The key that signs answer links; read on first use, so functions without links need none. */
  linkSecret: () => Promise<string>;
  /** Counts a recorded answer by its channel (EMF `AnswerRecorded`, in AWS); nothing locally. */
  countAnswer?: ((channel: AnswerChannel) => void) | undefined;
  /** CloudFront's origin-verify secret, in AWS; without it (locally, tests) every request is let in. */
  originSecret?: (() => Promise<string>) | undefined;
  /** The browser sign-in (OIDC client and session cookies), where it is configured. */
  signIn?: SignIn | undefined;
  /** The papers store and how files are scanned, where the function handles papers. */
  papers?: { objects: ObjectStore; scanning: 'guardduty' | 'local' } | undefined;
}

/** Largest request body the API reads. */
export const maxBodyBytes = 256 * 1024;

/** Adds routes that are not API operations, such as `/openapi.json`. */
export type Mount = (app: Hono<AppEnv>) => void;

/**
 * The path as it may be logged: the signed token at the end of a link path
 * is a credential (it records answers), so it is replaced.
 */
export const loggablePath = (path: string) =>
  path.replace(/^(\/links\/(?:[a-z-]+\/)+)[^/]+$/, '$1[token]');

/**
 * Builds the API as one Hono app: the same value runs in Lambda (through
 * `hono/aws-lambda`) and on Node locally, and tests call `app.request()`.
 *
 * It serves the routes it is given: each function gets only its own, so
 * that nothing else weighs on its bundle.
 *
 * @example
 * ```ts
 * const app = createApp(deps, apiRoutes(deps));
 * const response = await app.request('/health');
 * ```
 */
export const createApp = (
  deps: AppDeps,
  routes: readonly Registrable[],
  ...mounts: Mount[]
): Hono<AppEnv> => {
  const app = new Hono<AppEnv>();
  const { logger } = deps;

  app.use(
    requestId({
      generator: (c) =>
        (c.env as AppEnv['Bindings'] | undefined)?.lambdaContext?.awsRequestId ??
        crypto.randomUUID(),
    }),
  );
  app.use(async (c, next) => {
    const lambdaContext = (c.env as AppEnv['Bindings'] | undefined)?.lambdaContext;
    // Function name, cold start and request id on every log line of this invocation.
    if (lambdaContext !== undefined) logger.addContext(lambdaContext);
    const started = performance.now();
    await next();
    logger.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: loggablePath(new URL(c.req.url).pathname),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
    });
  });
  app.use(secureHeaders({ contentSecurityPolicy: undefined }));
  app.use(originVerify(deps.originSecret));
  app.use(contentSecurityPolicy());
  app.use(
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new PayloadTooLargeError(maxBodyBytes);
      },
    }),
  );

  if (deps.signIn !== undefined) app.use(sessionCookie(deps.signIn, deps.tokenVerifier));

  for (const r of routes) r.register(app, deps.tokenVerifier);
  for (const mount of mounts) mount(app);

  app.notFound((c) => {
    const { document, headers } = problemFor(
      new NotFoundError('Route', `${c.req.method} ${new URL(c.req.url).pathname}`),
      c,
    );
    return problemResponse(c, document, headers);
  });
  app.onError((error, c) => {
    const { document, headers } = problemFor(error, c);
    if (document.status >= 500) {
      logger.error('unhandled error', { requestId: c.get('requestId'), error });
    } else {
      logger.info('request rejected', {
        requestId: c.get('requestId'),
        status: document.status,
        type: document.type,
      });
    }
    return problemResponse(c, document, headers);
  });
  return app;
};
