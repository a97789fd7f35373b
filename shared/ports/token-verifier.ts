import type { Principal } from '../domain/roles.js';

/** Turns a bearer token into the calling principal, or throws `UnauthorizedError`. */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}
