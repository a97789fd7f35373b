import type { IncomingMessage } from 'node:http';
import type { Context as LambdaContext } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import type { Principal } from '../../shared/domain/roles.js';
import type { SessionAccess } from '../middleware/session.js';

/** The Hono environment of the API: what middlewares put on the context. */
export interface AppEnv {
  Bindings: {
    /** In Lambda (`hono/aws-lambda`): the event and context. */
    event?: LambdaEvent;
    lambdaContext?: LambdaContext;
    /** Locally (`@hono/node-server`): the Node request, for the client's socket address. */
    incoming?: Pick<IncomingMessage, 'socket'>;
  };
  Variables: {
    requestId: string;
    principal: Principal;
    /** The client's address as CloudFront reported it, once the request proved it came through CloudFront. */
    viewerAddress?: string;
    /** The browser's sign-in session, when the request has its cookie and no bearer token. */
    signInSession?: SessionAccess;
    /** Another origin this page's forms post to (the papers store's upload form). */
    formActionOrigin?: string;
  };
}
