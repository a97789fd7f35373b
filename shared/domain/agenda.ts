import * as z from 'zod/mini';
import { MemberIdSchema } from './body.js';
import { singleLine } from './single-line.js';

/** Most agenda items one session may have (keeps a reorder inside one transaction). */
export const maxAgendaItems = 80;

const agendaItemFields = {
  /** Free numbering as the conference uses it: "1", "10.1", "TOP 3a". */
  number: singleLine(20),
  title: singleLine(300),
  registeredBy: z.optional(MemberIdSchema),
  rapporteur: z.optional(singleLine(160)),
  public: z.boolean(),
  description: z.optional(z.string().check(z.maxLength(10_000))),
};

export const AgendaItemInputSchema = z.strictObject({
  ...agendaItemFields,
  /** The IMK publishes resolutions, not agendas: items are confidential unless said otherwise. */
  public: z._default(z.boolean(), false),
});
export type AgendaItemInput = z.input<typeof AgendaItemInputSchema>;

/** A PATCH of an item: only the fields sent; the defaults of a new item are not applied. */
export const AgendaItemPatchSchema = z.partial(z.strictObject(agendaItemFields));
export type AgendaItemPatch = z.input<typeof AgendaItemPatchSchema>;

export const AgendaItemSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  bodyId: z.string(),
  position: z.number(),
  number: z.string(),
  title: z.string(),
  registeredBy: z.optional(z.string()),
  rapporteur: z.optional(z.string()),
  public: z.boolean(),
  description: z.optional(z.string()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const ReorderInputSchema = z.strictObject({
  /** Every item id of the session, once each, in the new order. */
  order: z
    .array(z.string().check(z.minLength(1), z.maxLength(40)))
    .check(z.minLength(1), z.maxLength(maxAgendaItems)),
});
