import * as z from 'zod/mini';
import { AuditEntrySchema } from '../../../shared/domain/audit.js';
import { listAudit } from '../../../shared/use-cases/audit.js';
import type { UseCaseDeps } from '../../../shared/use-cases/context.js';
import { actorOf } from '../conditional.js';
import { type Route, route } from '../route.js';
import { ListQuerySchema, pageOf } from './list-query.js';

const AuditQuerySchema = z.strictObject({
  ...ListQuerySchema.shape,
  object: z.string().check(z.minLength(3), z.maxLength(200)),
});

/** `GET /v1/audit?object=…`: the trail of one object, for the secretariat and admins. */
export const auditRoutes = (deps: UseCaseDeps): Route[] => [
  route(
    {
      method: 'get',
      path: '/v1/audit',
      operationId: 'listAudit',
      summary: 'Who changed an object, when, and what',
      description:
        '`object` is `<type>:<id>`, e.g. `session:01J…`, `member:imk/DE-HH`, `body:imk`.',
      tags: ['audit'],
      access: 'staff',
      query: AuditQuerySchema,
      responses: {
        200: {
          description: 'One page of audit entries, oldest first',
          schema: pageOf(AuditEntrySchema),
          example: {
            items: [
              {
                id: '01JDEMOAUDIT00000000000000',
                at: '2026-11-23T08:00:00.000Z',
                actor: 'gs@imk.example.org',
                action: 'session.update',
                objectType: 'session',
                objectId: '01JDEMOSESSION000000000000',
                bodyId: 'imk',
                versionBefore: 1,
                versionAfter: 2,
                changedFields: ['endsAt'],
              },
            ],
          },
        },
      },
    },
    async (c, { query }) =>
      c.json(
        await listAudit(deps, actorOf(c), query.object, { limit: query.limit, next: query.next }),
      ),
  ),
];
