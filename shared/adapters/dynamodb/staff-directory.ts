import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../../domain/audit.js';
import type { Staff } from '../../domain/staff.js';
import type { Page, PageRequest } from '../../ports/pagination.js';
import type { StaffChange, StaffDirectory } from '../../ports/staff-directory.js';
import { ItemStore, type Key, type ObjectName, toObject, type WriteOp } from './item-store.js';
import { keys } from './table-design.js';

const staffItem = (staff: Staff) => ({
  ...keys.staff(staff.id),
  ...keys.staffList(staff.email),
  ...keys.staffByEmail(staff.email),
  type: 'Staff',
  ...staff,
});

const emailItem = (staff: Staff) => ({
  ...keys.staffEmail(staff.email),
  type: 'StaffEmail',
  staffId: staff.id,
});

/**
 * A grant holds only while its body exists, and a member grant only while
 * its member belongs to the body: one check per item (a transaction may
 * touch an item once).
 */
const grantChecks = (staff: Staff): WriteOp[] => {
  const checks = new Map<string, WriteOp>();
  for (const grant of staff.grants) {
    const [key, what]: [Key, ObjectName] =
      grant.memberId === undefined
        ? [keys.body(grant.bodyId), { kind: 'Body', id: grant.bodyId }]
        : [
            keys.member(grant.bodyId, grant.memberId),
            { kind: 'Member', id: `${grant.bodyId}/${grant.memberId}` },
          ];
    checks.set(`${key.PK}|${key.SK}`, { kind: 'exists', key, what });
  }
  return [...checks.values()];
};

/**
 * The staff directory in the product's table: a Staff item per person and a
 * StaffEmail item that keeps one staff member per address.
 *
 * @example
 * ```ts
 * const staff = await new DynamoStaffDirectory(documentClient, tableName).findStaffByEmail('gs@imk.example.org');
 * ```
 */
export class DynamoStaffDirectory implements StaffDirectory {
  private readonly store: ItemStore;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.store = new ItemStore(client, tableName);
  }

  getStaff(staffId: string): Promise<Staff | undefined> {
    return this.store.get<Staff>(keys.staff(staffId));
  }

  async findStaffByEmail(email: string): Promise<Staff | undefined> {
    const [item] = await this.store.all({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.staffByEmail(email).GSI2PK },
    });
    return item === undefined ? undefined : toObject<Staff>(item);
  }

  listStaff({ limit, next }: PageRequest): Promise<Page<Staff>> {
    return this.store.page<Staff>(
      {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.staffList('').GSI1PK },
      },
      { limit, next, partitionAttribute: 'GSI1PK', partitionValue: keys.staffList('').GSI1PK },
    );
  }

  commitStaff(change: StaffChange, audit: AuditEntry[]): Promise<void> {
    const what: ObjectName = { kind: 'Staff member', id: change.staff.id };
    const ops: WriteOp[] = [];
    switch (change.op) {
      case 'create':
        ops.push(
          {
            kind: 'create',
            item: emailItem(change.staff),
            what: { kind: 'Staff member with address', id: change.staff.email },
          },
          { kind: 'create', item: staffItem(change.staff), what },
          ...grantChecks(change.staff),
        );
        break;
      case 'replace':
        ops.push(
          {
            kind: 'replace',
            item: staffItem(change.staff),
            expectedVersion: change.expectedVersion,
            what,
          },
          ...grantChecks(change.staff),
        );
        break;
      case 'delete':
        ops.push(
          {
            kind: 'delete',
            key: keys.staff(change.staff.id),
            expectedVersion: change.expectedVersion,
            what,
          },
          { kind: 'remove', key: keys.staffEmail(change.staff.email) },
        );
        break;
    }
    return this.store.write(ops, audit);
  }
}
