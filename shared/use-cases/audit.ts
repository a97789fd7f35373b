import { type AuditEntry, AuditObjectTypeSchema } from '../domain/audit.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { requirePermission } from '../domain/policy.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import type { Actor, UseCaseDeps } from './context.js';

/** Finds the body an object belongs to, for the permission check. */
const bodyOf = async (deps: UseCaseDeps, type: string, id: string): Promise<string | undefined> => {
  switch (type) {
    case 'body':
      return (await deps.repo.getBody(id))?.id;
    case 'member':
    case 'chair-period':
      return id.split('/')[0];
    case 'session':
      return (await deps.repo.getSession(id))?.bodyId;
    case 'resolution':
      return (await deps.repo.getResolution(id))?.bodyId;
    case 'written-procedure':
      return (await deps.repo.getProcedure(id))?.bodyId;
    case 'press-release':
      return (await deps.repo.getPressRelease(id))?.bodyId;
    default:
      return undefined;
  }
};

/**
 * The audit trail of one object, oldest first: `object` is `<type>:<id>`
 * such as `session:01J…` or `member:imk/DE-HH`.
 */
export const listAudit = async (
  deps: UseCaseDeps,
  actor: Actor,
  object: string,
  page: PageRequest,
): Promise<Page<AuditEntry>> => {
  const separator = object.indexOf(':');
  const type = AuditObjectTypeSchema.safeParse(object.slice(0, separator));
  const id = object.slice(separator + 1);
  if (separator < 1 || !type.success || id.length === 0) {
    throw new ValidationError(msg('request.audit-object'), [
      {
        path: 'query.object',
        message: msg('field.audit-object', { types: AuditObjectTypeSchema.options }),
      },
    ]);
  }
  if (type.data === 'staff') {
    requirePermission(actor.principal, 'staff:manage');
  } else if (type.data === 'agenda-item' || type.data === 'paper' || type.data === 'outbox') {
    requirePermission(actor.principal, 'audit:read');
  } else {
    const bodyId = await bodyOf(deps, type.data, id);
    if (bodyId === undefined) throw new NotFoundError(type.data, id);
    requirePermission(actor.principal, 'audit:read', bodyId);
  }
  const result = await deps.repo.listAudit(type.data, id, page);
  if (type.data === 'agenda-item' || type.data === 'paper') {
    result.items = result.items.filter((entry) =>
      actor.principal.roles.includes('admin')
        ? true
        : actor.principal.bodies.includes(entry.bodyId),
    );
  }
  return result;
};
