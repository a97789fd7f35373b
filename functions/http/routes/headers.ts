import * as z from 'zod/mini';

/** Documented headers of conditional writes. */
export const IfMatchHeaders = z.object({
  'If-Match': z.string().register(z.globalRegistry, {
    description: 'The ETag you last read; required (428 without it, 412 when stale).',
  }),
});

/** Documented header of creates. */
export const IdempotencyHeaders = z.object({
  'Idempotency-Key': z.optional(
    z.string().register(z.globalRegistry, {
      description:
        'Repeating a create with the same key returns the first result and creates nothing.',
    }),
  ),
});

export const VersionedResponses = {
  404: { description: 'No such object' },
  409: { description: 'The object is in a state that does not allow this' },
  412: { description: 'The If-Match ETag is stale' },
  428: { description: 'If-Match is missing' },
} as const;
