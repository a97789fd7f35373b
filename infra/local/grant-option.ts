import { RoleSchema } from '../../shared/domain/roles.js';
import {
  type Staff,
  type StaffClaims,
  StaffGrantSchema,
  staffClaims,
} from '../../shared/domain/staff.js';

/** What one `--grant` adds: `admin`, `<role>:<bodyId>`, `member:<bodyId>:<memberId>`, or a bare role. */
export type ExtraGrant =
  | { admin: true }
  | { grant: Staff['grants'][number] }
  | { role: Exclude<StaffClaims['roles'][number], 'admin'> };

/**
 * Reads one `--grant` value; a message saying what is wrong otherwise.
 *
 * @example
 * ```ts
 * parseGrantOption('secretariat:ak-iv'); // { grant: { role: 'secretariat', bodyId: 'ak-iv' } }
 * ```
 */
export const parseGrantOption = (text: string): ExtraGrant | string => {
  const [role, bodyId, memberId, ...rest] = text.split(':');
  if (role === 'admin' && bodyId === undefined) return { admin: true };
  if (bodyId === undefined) {
    const parsed = RoleSchema.safeParse(role);
    return parsed.success && parsed.data !== 'admin'
      ? { role: parsed.data }
      : `--grant '${text}': the role must be one of admin, secretariat, chair, member, press.`;
  }
  const grant = StaffGrantSchema.safeParse({
    role,
    bodyId,
    ...(memberId === undefined ? {} : { memberId }),
  });
  if (!grant.success || rest.length > 0) {
    return `--grant '${text}' is not <role>:<bodyId> (member:<bodyId>:<memberId> for a member, e.g. member:imk:DE-BY).`;
  }
  return { grant: grant.data };
};

/**
 * The claims of a local token: the staff member's, from the same claims
 * builder the pre-token-generation trigger uses, with the extra grants of
 * `--grant` added for a quick try.
 *
 * @example
 * ```ts
 * localClaims(staff, [{ admin: true }]);
 * ```
 */
export const localClaims = (
  staff: Pick<Staff, 'admin' | 'grants'>,
  extra: readonly ExtraGrant[],
): StaffClaims => {
  const claims = staffClaims({
    admin: staff.admin || extra.some((item) => 'admin' in item),
    grants: [...staff.grants, ...extra.flatMap((item) => ('grant' in item ? [item.grant] : []))],
  });
  const bare = extra.flatMap((item) => ('role' in item ? [item.role] : []));
  return { ...claims, roles: [...new Set([...claims.roles, ...bare])] };
};
