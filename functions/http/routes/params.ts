import * as z from 'zod/mini';

/** An id of the product: a ULID. */
export const IdSchema = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id (ULID)'));

export const SessionParams = z.strictObject({ sessionId: IdSchema });
export const InvitationParams = z.strictObject({ sessionId: IdSchema, invitationId: IdSchema });
