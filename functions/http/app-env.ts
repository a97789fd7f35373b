import type { Context as LambdaContext } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import type { Principal } from '../../shared/domain/roles.js';

/** The Hono environment of the API: what middlewares put on the context. */
export interface AppEnv {
  Bindings: {
    event?: LambdaEvent;
    lambdaContext?: LambdaContext;
  };
  Variables: {
    requestId: string;
    principal: Principal;
  };
}
