import * as z from 'zod/mini';

const MessageSchema = z.strictObject({
  outboxId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
});

/**
 * Reads the body of an outbox queue message (`{"outboxId": "<ULID>"}`, as
 * the Pipe writes it): the id, or why the message can never be handled.
 *
 * @example
 * ```ts
 * readOutboxMessage('{"outboxId":"01J…"}'); // { outboxId: '01J…' }
 * readOutboxMessage('{'); // { unreadable: 'not JSON' }
 * ```
 */
export const readOutboxMessage = (body: string): { outboxId: string } | { unreadable: string } => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { unreadable: 'not JSON' };
  }
  const message = MessageSchema.safeParse(parsed);
  return message.success
    ? { outboxId: message.data.outboxId }
    : { unreadable: 'not an outbox message: {"outboxId": "<ULID>"} expected' };
};
