import * as z from 'zod/mini';
import { BodyIdSchema, EmailSchema, MemberIdSchema, SalutationSchema } from './body.js';
import type { Principal, Role } from './roles.js';
import { singleLine } from './single-line.js';

/** The roles a staff member holds for one body; `admin` is not per body. */
export const bodyRoles = ['secretariat', 'chair', 'member', 'press'] as const;
export const BodyRoleSchema = z.enum(bodyRoles);
export type BodyRole = z.infer<typeof BodyRoleSchema>;

/**
 * One role for one body. A `member` grant names the member (a Land by
 * ISO 3166-2 code, or `BUND`) the person works for: it stands only while
 * that member belongs to the body.
 */
export const StaffGrantSchema = z
  .strictObject({
    bodyId: BodyIdSchema,
    role: BodyRoleSchema,
    memberId: z.optional(MemberIdSchema),
  })
  .check(
    z.refine((grant) => (grant.role === 'member') === (grant.memberId !== undefined), {
      message: 'a member grant names its member (memberId), and only a member grant does',
      path: ['memberId'],
    }),
  );
export type StaffGrant = z.infer<typeof StaffGrantSchema>;

const PhoneSchema = singleLine(40).check(
  z.regex(/^\+?[0-9][0-9 ()/-]{2,39}$/, 'a phone number such as +49 40 42839-0'),
);

const GrantsSchema = z.array(StaffGrantSchema).check(
  z.maxLength(50),
  z.refine(
    (grants) => new Set(grants.map(grantKey)).size === grants.length,
    'each grant once (body, role and member)',
  ),
);

export const StaffInputSchema = z.strictObject({
  email: EmailSchema,
  name: singleLine(120),
  salutation: z.optional(SalutationSchema),
  phone: z.optional(PhoneSchema),
  admin: z._default(z.boolean(), false),
  grants: z._default(GrantsSchema, []),
});
export type StaffInput = z.input<typeof StaffInputSchema>;

/** A change of a staff member; the address is the sign-in name and stays. */
export const StaffPatchSchema = z.strictObject({
  name: z.optional(singleLine(120)),
  salutation: z.optional(z.nullable(SalutationSchema)),
  phone: z.optional(z.nullable(PhoneSchema)),
  admin: z.optional(z.boolean()),
  grants: z.optional(GrantsSchema),
});
export type StaffPatch = z.infer<typeof StaffPatchSchema>;

export const StaffSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  salutation: z.optional(z.string()),
  phone: z.optional(z.string()),
  admin: z.boolean(),
  grants: z.array(StaffGrantSchema),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Staff = z.infer<typeof StaffSchema>;

/**
 * A grant as one string, which names it uniquely.
 *
 * @example
 * ```ts
 * grantKey({ bodyId: 'imk', role: 'member', memberId: 'DE-BY' }); // 'member:imk:DE-BY'
 * ```
 */
export function grantKey(grant: StaffGrant): string {
  return [grant.role, grant.bodyId, ...(grant.memberId === undefined ? [] : [grant.memberId])].join(
    ':',
  );
}

/** Claim that carries the bodies a staff member works for. */
export const bodiesClaim = 'bodies';

/** Claim that carries each body role as `<role>:<bodyId>`. */
export const grantsClaim = 'grants';

/** What a staff member's access token says about them. */
export interface StaffClaims {
  /** Distinct roles (`cognito:groups`): `admin` and the body roles held anywhere. */
  roles: Role[];
  /** Distinct bodies the person holds a grant for. */
  bodies: string[];
  /** Each body role as `<role>:<bodyId>`, so a role counts only for its own body. */
  grants: string[];
}

/**
 * The claims builder: what a token says about a staff member, from their
 * entry in the staff directory. Nobody in the directory (never added, or
 * removed) gets no role and no body, so every staff route answers 403.
 * The pre-token-generation trigger in AWS and `npm run token` locally both
 * ask this one function.
 *
 * @example
 * ```ts
 * staffClaims({ ...staff, admin: false, grants: [{ bodyId: 'imk', role: 'secretariat' }] });
 * // { roles: ['secretariat'], bodies: ['imk'], grants: ['secretariat:imk'] }
 * ```
 */
export const staffClaims = (staff: Pick<Staff, 'admin' | 'grants'> | undefined): StaffClaims => {
  if (staff === undefined) return { roles: [], bodies: [], grants: [] };
  const roles = new Set<Role>(staff.admin ? ['admin'] : []);
  const bodies = new Set<string>();
  const grants = new Set<string>();
  for (const grant of staff.grants) {
    roles.add(grant.role);
    bodies.add(grant.bodyId);
    grants.add(`${grant.role}:${grant.bodyId}`);
  }
  return { roles: [...roles], bodies: [...bodies].sort(), grants: [...grants].sort() };
};

/**
 * Reads the `grants` claim (`<role>:<bodyId>` items) back into the
 * principal's per-body roles; items of an unknown shape are left out.
 *
 * @example
 * ```ts
 * parseGrantClaims(['chair:imk']); // [{ role: 'chair', bodyId: 'imk' }]
 * ```
 */
export const parseGrantClaims = (items: readonly string[]): Principal['grants'] =>
  items.flatMap((item) => {
    const [role, bodyId, ...rest] = item.split(':');
    const parsedRole = BodyRoleSchema.safeParse(role);
    const parsedBody = BodyIdSchema.safeParse(bodyId);
    if (!parsedRole.success || !parsedBody.success || rest.length > 0) return [];
    return [{ role: parsedRole.data, bodyId: parsedBody.data }];
  });
