import { ForbiddenError } from './errors.js';
import { msg } from './messages.js';
import type { Principal, Role } from './roles.js';

/** What a caller may want to do. */
export type Permission =
  | 'bodies:manage'
  | 'body:read'
  | 'members:manage'
  | 'members:voting'
  | 'chair-periods:manage'
  | 'sessions:manage'
  | 'sessions:read'
  | 'agenda:read-confidential'
  /** People's e-mail addresses and phone numbers. */
  | 'people:read-contacts'
  | 'agenda:approve'
  /** The chair's approval, which freezes a session's result protocol. */
  | 'protocol:approve'
  | 'resolutions:manage'
  | 'resolutions:read'
  | 'resolutions:propose-release'
  | 'press:read'
  | 'press:draft'
  | 'press:approve'
  | 'audit:read'
  /** The outbox's failed and unknown mails, and sending them again. */
  | 'outbox:manage'
  /** Every staff account and every grant. */
  | 'staff:manage'
  /** The `member` and `press` grants of a body. */
  | 'staff:grant';

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
  'people:read-contacts',
  'resolutions:manage',
  'resolutions:read',
  'press:read',
  'audit:read',
];

/**
 * Who may do what, per role. An admin manages bodies everywhere, and with
 * them who votes: the decision rule, and a member's voting right (adding a
 * voting member, giving or taking a vote, removing a voting member); the
 * secretariat and the chair manage their own bodies' members, sessions,
 * agenda, resolutions and written procedures; only the chair (and an admin)
 * approves the agenda and proposes a resolution's release; members read
 * their bodies' sessions, public agenda items and resolutions; press reads
 * what is public of every body (released resolutions on the public pages)
 * and drafts press releases, which only the chair (or an admin) approves.
 */
export const grants: Readonly<Record<Role, Grant>> = {
  admin: {
    scope: 'all',
    permissions: [
      'bodies:manage',
      'outbox:manage',
      'staff:manage',
      'staff:grant',
      'members:voting',
      'agenda:approve',
      'protocol:approve',
      'resolutions:propose-release',
      'press:draft',
      'press:approve',
      ...secretariat,
    ],
  },
  secretariat: { scope: 'own', permissions: [...secretariat, 'staff:grant'] },
  chair: {
    scope: 'own',
    permissions: [
      ...secretariat,
      'agenda:approve',
      'protocol:approve',
      'resolutions:propose-release',
      'press:approve',
    ],
  },
  member: { scope: 'own', permissions: ['body:read', 'sessions:read', 'resolutions:read'] },
  press: { scope: 'all', permissions: ['body:read', 'sessions:read', 'press:read', 'press:draft'] },
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
    if (bodyId === undefined) return true;
    if (grant.scope === 'all') {
      // A role held everywhere, unless the directory granted it for named bodies
      // (press for AK V is press for AK V only); an admin holds no such grant.
      const named = principal.grants?.filter((held) => held.role === role) ?? [];
      return named.length === 0 || named.some((held) => held.bodyId === bodyId);
    }
    return principal.grants === undefined
      ? principal.bodies.includes(bodyId)
      : principal.grants.some((held) => held.role === role && held.bodyId === bodyId);
  });

/** Throws `ForbiddenError` unless `can(…)`. */
export const requirePermission = (
  principal: Principal,
  permission: Permission,
  bodyId?: string,
): void => {
  if (!can(principal, permission, bodyId)) {
    throw new ForbiddenError(
      msg('forbidden.permission', bodyId === undefined ? { permission } : { permission, bodyId }),
    );
  }
};
