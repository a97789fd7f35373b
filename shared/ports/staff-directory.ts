import type { AuditEntry } from '../domain/audit.js';
import type { Staff } from '../domain/staff.js';
import type { Page, PageRequest } from './pagination.js';

/** A change of the staff directory; `expectedVersion` guards replaces and deletes. */
export type StaffChange =
  | { op: 'create'; staff: Staff }
  | { op: 'replace'; staff: Staff; expectedVersion: number }
  | { op: 'delete'; staff: Staff; expectedVersion: number };

/** Who works for which body: the staff members and their grants. */
export interface StaffDirectory {
  getStaff(staffId: string): Promise<Staff | undefined>;
  /** The staff member who signs in with this address, if any. */
  findStaffByEmail(email: string): Promise<Staff | undefined>;
  /** Every staff member, by address. */
  listStaff(page: PageRequest): Promise<Page<Staff>>;
  /**
   * Stores the change and its audit entries in one transaction. Fails with
   * `ConflictError` when the address is taken, `PreconditionFailedError` on
   * a stale version, and `NotFoundError` when a member grant's member is
   * no longer part of its body.
   */
  commitStaff(change: StaffChange, audit: AuditEntry[]): Promise<void>;
}
