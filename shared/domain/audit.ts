import * as z from 'zod/mini';

/** Kinds of objects that are audited; with the id they form an object reference such as `session:01J…`. */
export const AuditObjectTypeSchema = z.enum([
  'body',
  'member',
  'chair-period',
  'session',
  'agenda-item',
  'resolution',
  'written-procedure',
  'press-release',
  'subscriber',
  'outbox',
  'staff',
  'paper',
]);
export type AuditObjectType = z.infer<typeof AuditObjectTypeSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  objectType: AuditObjectTypeSchema,
  objectId: z.string(),
  bodyId: z.string(),
  versionBefore: z.nullable(z.number()),
  versionAfter: z.nullable(z.number()),
  changedFields: z.array(z.string()),
  /**
   * Texts the change replaced, kept here rather than on the object: an
   * earlier wording (`title`, `text`) or a replaced protocol statement
   * (`statement:DE-BY`).
   */
  previous: z.optional(z.record(z.string(), z.string())),
  /** The change belongs to an exercise (Übung). */
  exercise: z.optional(z.literal(true)),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Object reference as used in `GET /v1/audit?object=…`. */
export const objectRef = (type: AuditObjectType, id: string) => `${type}:${id}`;

/**
 * The top-level fields whose values differ between two versions of an
 * object, ignoring bookkeeping fields.
 *
 * @example
 * ```ts
 * changedFields({ title: 'a', version: 1 }, { title: 'b', version: 2 }); // ['title']
 * ```
 */
export const changedFields = (
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): string[] => {
  const ignored = new Set(['version', 'updatedAt', 'createdAt']);
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...names]
    .filter((name) => !ignored.has(name))
    .filter((name) => JSON.stringify(before?.[name]) !== JSON.stringify(after?.[name]))
    .sort();
};
