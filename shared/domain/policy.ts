import { ForbiddenError } from './errors.js';
import type { Principal, Role } from './roles.js';

/** What a caller may want to do. */
export type Permission =
  | 'bodies:manage'
  | 'body:read'
  | 'members:manage'
  | 'chair-periods:manage'
  | 'sessions:manage'
  | 'sessions:read'
  | 'agenda:read-confidential'
  | 'agenda:approve'
  | 'audit:read';

interface Grant {
  /** `all`: every body; `own`: only the bodies in the principal's `bodies` claim. */
  scope: 'all' | 'own';
  permissions: readonly Permission[];
}

const secretariat: Permission[] = [
  'body:read',
  'members:manage',
  'chair-periods:manage',
  'sessions:manage',
  'sessions:read',
  'agenda:read-confidential',
  'audit:read',
];

/**
 * Who may do what, per role. An admin manages bodies everywhere; the
 * secretariat and the chair manage their own bodies' members, sessions and
 * agenda, and the chair also approves the agenda; members read their bodies' sessions and public agenda items; press
 * reads what is public of every body.
 */
export const grants: Readonly<Record<Role, Grant>> = {
  admin: {
    scope: 'all',
    permissions: ['bodies:manage', 'agenda:approve', ...secretariat],
  },
  secretariat: { scope: 'own', permissions: secretariat },
  chair: { scope: 'own', permissions: [...secretariat, 'agenda:approve'] },
  member: { scope: 'own', permissions: ['body:read', 'sessions:read'] },
  press: { scope: 'all', permissions: ['body:read', 'sessions:read'] },
};

/**
 * True when one of the principal's roles grants the permission for the body.
 *
 * @example
 * ```ts
 * can(principal, 'sessions:manage', 'imk');
 * ```
 */
export const can = (principal: Principal, permission: Permission, bodyId?: string): boolean =>
  principal.roles.some((role) => {
    const grant = grants[role];
    if (!grant.permissions.includes(permission)) return false;
    return grant.scope === 'all' || bodyId === undefined || principal.bodies.includes(bodyId);
  });

/** Throws `ForbiddenError` unless `can(…)`. */
export const requirePermission = (
  principal: Principal,
  permission: Permission,
  bodyId?: string,
): void => {
  if (!can(principal, permission, bodyId)) {
    throw new ForbiddenError(
      bodyId === undefined
        ? `Your role does not allow ${permission}.`
        : `Your role does not allow ${permission} for body '${bodyId}'.`,
    );
  }
};
