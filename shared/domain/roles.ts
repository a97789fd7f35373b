import * as z from 'zod/mini';

/** The five staff roles. In AWS each is a Cognito group of the same name. */
export const roles = ['admin', 'secretariat', 'chair', 'member', 'press'] as const;

export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

/**
 * Who is calling, as established from a verified token.
 *
 * `bodies` lists the bodies the caller works for (for example `imk`, `ak-ii`);
 * an admin works across all bodies.
 */
export interface Principal {
  subject: string;
  email: string | undefined;
  roles: readonly Role[];
  bodies: readonly string[];
  /**
   * Which role the caller holds for which body, from the token's `grants`
   * claim. When present, a body-scoped role counts only for its own body
   * (a secretariat of one body who is a member of another manages only the
   * first); tokens without the claim pair every role with every body.
   */
  grants?: readonly { role: Role; bodyId: string }[] | undefined;
}

/**
 * True when the principal holds at least one of the given roles.
 *
 * @example
 * ```ts
 * hasAnyRole(principal, ['secretariat', 'admin']);
 * ```
 */
export const hasAnyRole = (principal: Principal, wanted: readonly Role[]): boolean =>
  principal.roles.some((role) => wanted.includes(role));

/** True when the principal is an admin or works for the given body. */
export const worksForBody = (principal: Principal, bodyId: string): boolean =>
  principal.roles.includes('admin') || principal.bodies.includes(bodyId);
