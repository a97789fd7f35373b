import * as z from 'zod/mini';

/** Query parameters of every paginated list. */
export const ListQuerySchema = z.strictObject({
  limit: z._default(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, 'a whole number from 1 to 100')),
      z.pipe(z.transform(Number), z.number().check(z.int(), z.gte(1), z.lte(100))),
    ),
    25,
  ),
  next: z.optional(z.string().check(z.maxLength(2048))),
});

/** Builds the schema of one page of a list of `item`. */
export const pageOf = <S extends z.ZodMiniType>(item: S) =>
  z.object({
    items: z.array(item),
    next: z.optional(z.string()),
  });
