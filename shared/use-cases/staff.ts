import { ulid } from 'ulid';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { can, requirePermission } from '../domain/policy.js';
import type { Principal } from '../domain/roles.js';
import {
  grantKey,
  type Staff,
  type StaffClaims,
  type StaffGrant,
  type StaffInput,
  StaffInputSchema,
  type StaffPatch,
  StaffPatchSchema,
  staffClaims,
} from '../domain/staff.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import type { StaffAccounts } from '../ports/staff-accounts.js';
import type { StaffDirectory } from '../ports/staff-directory.js';
import { type Actor, auditEntry, nextVersion, type UseCaseDeps } from './context.js';
import { parseInput } from './parse-input.js';
import { requireVersion } from './versions.js';

/** What the staff use cases need besides the table: the directory and the sign-in accounts. */
export interface StaffDeps extends UseCaseDeps {
  staff: StaffDirectory;
  accounts: StaffAccounts;
}

/** Staff changes are not about one body; their audit entries carry no body. */
const noBody = '-';

/** True when the principal may give or take this grant: an admin any, a secretariat its body's member and press grants. */
const mayGrant = (principal: Principal, grant: StaffGrant): boolean =>
  can(principal, 'staff:manage') ||
  ((grant.role === 'member' || grant.role === 'press') &&
    can(principal, 'staff:grant', grant.bodyId));

/** True when the principal may manage this staff member as a whole (remove, sign out). */
const mayManage = (principal: Principal, staff: Staff): boolean =>
  can(principal, 'staff:manage') ||
  (!staff.admin &&
    staff.grants.length > 0 &&
    staff.grants.every((grant) => mayGrant(principal, grant)));

/** True when the principal sees this staff member: an admin everyone, a secretariat who works for its bodies. */
const maySee = (principal: Principal, staff: Staff): boolean =>
  can(principal, 'staff:manage') ||
  staff.grants.some((grant) => can(principal, 'staff:grant', grant.bodyId));

const requireStaffAccess = (principal: Principal): void => {
  if (!can(principal, 'staff:manage') && !can(principal, 'staff:grant')) {
    throw new ForbiddenError(msg('forbidden.permission', { permission: 'staff:grant' }));
  }
};

/** The grants in one list and not the other, both ways. */
const changedGrants = (before: readonly StaffGrant[], after: readonly StaffGrant[]) => {
  const keysOf = (grants: readonly StaffGrant[]) => new Set(grants.map(grantKey));
  const [was, is] = [keysOf(before), keysOf(after)];
  return [
    ...before.filter((grant) => !is.has(grantKey(grant))),
    ...after.filter((grant) => !was.has(grantKey(grant))),
  ];
};

const requireGrantable = (principal: Principal, grants: readonly StaffGrant[]): void => {
  const refused = grants.find((grant) => !mayGrant(principal, grant));
  if (refused !== undefined) {
    throw new ForbiddenError(msg('staff.grant-refused', { grant: grantKey(refused) }));
  }
};

/** Each grant's body exists, and each member grant's member belongs to its body (404 otherwise). */
const requireGrantTargets = async (deps: StaffDeps, grants: readonly StaffGrant[]) => {
  for (const grant of grants) {
    if (grant.memberId === undefined) {
      if ((await deps.repo.getBody(grant.bodyId)) === undefined) {
        throw new NotFoundError('Body', grant.bodyId);
      }
    } else if ((await deps.repo.getMember(grant.bodyId, grant.memberId)) === undefined) {
      throw new NotFoundError('Member', `${grant.bodyId}/${grant.memberId}`);
    }
  }
};

const loadStaff = async (deps: StaffDeps, staffId: string): Promise<Staff> => {
  const staff = await deps.staff.getStaff(staffId);
  if (staff === undefined) throw new NotFoundError('Staff member', staffId);
  return staff;
};

/** A staff member the actor may see: an admin anyone, a secretariat who works for its bodies. */
const visibleStaff = async (deps: StaffDeps, actor: Actor, staffId: string): Promise<Staff> => {
  requireStaffAccess(actor.principal);
  const staff = await loadStaff(deps, staffId);
  if (!maySee(actor.principal, staff)) {
    throw new ForbiddenError(msg('staff.not-your-bodies'));
  }
  return staff;
};

/**
 * The staff directory, one page at a time: all of it for an admin, the
 * people who work for its bodies for a secretariat.
 *
 * @example
 * ```ts
 * const page = await listStaff(deps, actor, { limit: 50 });
 * ```
 */
export const listStaff = async (
  deps: StaffDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<Staff>> => {
  requireStaffAccess(actor.principal);
  const result = await deps.staff.listStaff(page);
  return { ...result, items: result.items.filter((staff) => maySee(actor.principal, staff)) };
};

/**
 * One staff member with their grants.
 *
 * @example
 * ```ts
 * const staff = await getStaff(deps, actor, '01JDEMOSTAFF00000000000000');
 * ```
 */
export const getStaff = (deps: StaffDeps, actor: Actor, staffId: string): Promise<Staff> =>
  visibleStaff(deps, actor, staffId);

/**
 * Adds a staff member and sends them the invitation to sign in. An admin
 * adds anyone; a secretariat adds people with `member` and `press` grants
 * of its own bodies only.
 *
 * @example
 * ```ts
 * await createStaff(deps, actor, { email: 'referat@de-by.example.org', name: 'Referat IMK', grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-BY' }] });
 * ```
 */
export const createStaff = async (
  deps: StaffDeps,
  actor: Actor,
  input: StaffInput,
): Promise<Staff> => {
  requireStaffAccess(actor.principal);
  const valid = parseInput(StaffInputSchema, input, 'body');
  if (valid.admin) requirePermission(actor.principal, 'staff:manage');
  requireGrantable(actor.principal, valid.grants);
  if ((await deps.staff.findStaffByEmail(valid.email)) !== undefined) {
    throw new ConflictError(msg('staff.email-taken', { email: valid.email }));
  }
  await requireGrantTargets(deps, valid.grants);
  const now = deps.clock.now().toISOString();
  const staff: Staff = { id: ulid(), ...valid, version: 1, createdAt: now, updatedAt: now };
  // The account first: should the entry then fail, an account without an
  // entry signs in with no role at all, and adding the person again
  // re-uses it. (The entry's transaction checks the address and grants again.)
  await deps.accounts.invite({ email: staff.email, name: staff.name });
  await deps.staff.commitStaff({ op: 'create', staff }, [
    auditEntry(deps, actor, 'staff.create', 'staff', staff.id, noBody, undefined, staff),
  ]);
  return staff;
};

const patched = (before: Staff, patch: StaffPatch): Staff => {
  const { salutation, phone, ...rest } = patch;
  const after: Staff = { ...before, ...rest };
  if (salutation === null) delete after.salutation;
  else if (salutation !== undefined) after.salutation = salutation;
  if (phone === null) delete after.phone;
  else if (phone !== undefined) after.phone = phone;
  return after;
};

/**
 * Changes a staff member's name, contact, admin flag or grants. A
 * secretariat changes only the `member` and `press` grants of its bodies.
 * The new grants take effect with the person's next token (at the latest
 * when the current access token expires, within an hour).
 *
 * @example
 * ```ts
 * await updateStaff(deps, actor, staff.id, { grants: [{ bodyId: 'imk', role: 'press' }] }, staff.version);
 * ```
 */
export const updateStaff = async (
  deps: StaffDeps,
  actor: Actor,
  staffId: string,
  patch: StaffPatch,
  expectedVersion: number | undefined,
): Promise<Staff> => {
  requireStaffAccess(actor.principal);
  const version = requireVersion(expectedVersion);
  const valid = parseInput(StaffPatchSchema, patch, 'body');
  // A secretariat changes only the people it sees: those who work for its bodies.
  const before = await visibleStaff(deps, actor, staffId);
  if (!can(actor.principal, 'staff:manage')) {
    const others = Object.keys(valid).filter((field) => field !== 'grants');
    if (others.length > 0) {
      throw new ForbiddenError(msg('staff.admin-only-fields', { fields: others }));
    }
  }
  requireGrantable(actor.principal, changedGrants(before.grants, valid.grants ?? before.grants));
  if (before.version !== version) throw new PreconditionFailedError();
  const after = nextVersion(deps, patched(before, valid));
  await deps.staff.commitStaff({ op: 'replace', staff: after, expectedVersion: version }, [
    auditEntry(deps, actor, 'staff.update', 'staff', staffId, noBody, before, after),
  ]);
  return after;
};

/**
 * Removes a staff member: their entry goes, their account is disabled and
 * signed out everywhere, so no further token carries a grant.
 *
 * @example
 * ```ts
 * await removeStaff(deps, actor, staff.id, staff.version);
 * ```
 */
export const removeStaff = async (
  deps: StaffDeps,
  actor: Actor,
  staffId: string,
  expectedVersion: number | undefined,
): Promise<void> => {
  const version = requireVersion(expectedVersion);
  const staff = await visibleStaff(deps, actor, staffId);
  if (!mayManage(actor.principal, staff)) {
    throw new ForbiddenError(msg('staff.admin-only-remove'));
  }
  await deps.staff.commitStaff({ op: 'delete', staff, expectedVersion: version }, [
    auditEntry(deps, actor, 'staff.remove', 'staff', staffId, noBody, staff, undefined),
  ]);
  await deps.accounts.disable(staff.email);
};

/**
 * Signs a staff member out everywhere: their refresh tokens stop working,
 * so a change of grants need not wait for the next refresh. Audited.
 *
 * @example
 * ```ts
 * await signOutStaff(deps, actor, staff.id);
 * ```
 */
export const signOutStaff = async (deps: StaffDeps, actor: Actor, staffId: string) => {
  const staff = await visibleStaff(deps, actor, staffId);
  if (!mayManage(actor.principal, staff)) {
    throw new ForbiddenError(msg('staff.admin-only-sign-out'));
  }
  await deps.accounts.signOut(staff.email);
  const entry = auditEntry(deps, actor, 'staff.sign-out', 'staff', staffId, noBody, staff, staff);
  await deps.staff.commitStaff({ op: 'replace', staff, expectedVersion: staff.version }, [entry]);
};

/**
 * The claims of whoever signs in with this address: the claims builder
 * over the staff directory.
 *
 * @example
 * ```ts
 * const claims = await claimsForEmail(directory, 'gs@imk.example.org');
 * ```
 */
export const claimsForEmail = async (
  directory: Pick<StaffDirectory, 'findStaffByEmail'>,
  email: string,
): Promise<StaffClaims & { staff: Staff | undefined }> => {
  const staff = await directory.findStaffByEmail(email);
  return { ...staffClaims(staff), staff };
};

/** The actor of `npm run admin:create`, named so in the audit trail. */
const adminTool: Actor = {
  principal: { subject: 'admin:create', email: undefined, roles: ['admin'], bodies: [] },
};

/**
 * Makes someone an admin without an admin's token: the first admin of a
 * new installation, by `npm run admin:create`. A staff member already there
 * gets the admin flag; anyone else is added; either way their account is
 * created (or enabled) with an invitation.
 *
 * @example
 * ```ts
 * const { staff, created } = await makeAdmin(deps, { email: 'it@imk.example.org', name: 'IT-Betrieb' });
 * ```
 */
export const makeAdmin = async (
  deps: StaffDeps,
  input: { email: string; name: string },
): Promise<{ staff: Staff; created: boolean }> => {
  const existing = await deps.staff.findStaffByEmail(input.email);
  if (existing === undefined) {
    const staff = await createStaff(deps, adminTool, { ...input, admin: true });
    return { staff, created: true };
  }
  const staff = existing.admin
    ? existing
    : await updateStaff(deps, adminTool, existing.id, { admin: true }, existing.version);
  await deps.accounts.invite({ email: staff.email, name: staff.name });
  return { staff, created: false };
};
