import * as z from 'zod/mini';
import { federationId, landCodes } from './lands.js';
import { singleLine } from './single-line.js';

/** Slug of a body, used in URLs: `imk`, `ak-ii`, `imas-2027`. */
export const BodyIdSchema = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9][a-z0-9-]{1,39}$/,
      'lower-case letters, digits and dashes, 2 to 40 characters',
    ),
  );

/** An organisation's own id: a readable lower-case slug such as `th-tmik` or `jena-leitstelle`. */
const organisationIdPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * True when a member id names an organisation of the body (a ministry, a
 * city, a control centre …) rather than a Land or the Bund.
 *
 * @example
 * ```ts
 * isOrganisationId('th-tmik'); // true
 * isOrganisationId('DE-TH'); // false
 * ```
 */
export const isOrganisationId = (memberId: string): boolean =>
  memberId.length >= 2 && memberId.length <= 40 && organisationIdPattern.test(memberId);

/**
 * A member: a Land by ISO 3166-2 code (`DE-HH`), the federation (`BUND`), or
 * an organisation of the body by its own slug (`th-tsk`, `jena-leitstelle`).
 */
export const MemberIdSchema = z
  .string()
  .check(
    z.refine(
      (value) => value === federationId || landCodes.includes(value) || isOrganisationId(value),
      'an ISO 3166-2 code of a Land such as DE-HH, BUND, or an organisation id such as th-tmik',
    ),
  );

/** What kind of organisation a member is that is neither a Land nor the Bund. */
export const OrganisationKindSchema = z.enum([
  'ministry',
  'state-chancellery',
  'city',
  'control-centre',
  'agency',
  'other',
]);
export type OrganisationKind = z.infer<typeof OrganisationKindSchema>;

/**
 * The grammatical gender of an organisation's name, which gives its article
 * and possessive in German sentences: `feminine` "die Thüringer
 * Staatskanzlei … ihre", `neuter` "das Finanzministerium … seine",
 * `masculine` "der Landkreis … seine", `plural` "die Leitstellen … ihre".
 */
export const GrammaticalGenderSchema = z.enum(['feminine', 'masculine', 'neuter', 'plural']);
export type GrammaticalGender = z.infer<typeof GrammaticalGenderSchema>;

export const BodyKindSchema = z.enum(['plenary', 'working_group', 'crisis_staff']);

const CountsAsSchema = z.enum(['neutral', 'against']);

/**
 * How a body decides. The IMK decides by unanimity of its voting members
 * present; working groups and crisis staffs may decide by majority.
 * `abstention` and `absence` say whether an abstaining or absent voting
 * member is left out of the count (`neutral`, the default) or counts as a
 * vote against; `silence` says how a written-procedure vote that never came
 * counts (default: not agreed, i.e. against); `quorum` is the least number of
 * voting members who must take part (yes, no or abstain).
 */
export const DecisionRuleSchema = z.strictObject({
  kind: z.enum(['unanimity', 'majority']),
  abstention: z.optional(CountsAsSchema),
  absence: z.optional(CountsAsSchema),
  silence: z.optional(z.enum(['not-agreed', 'agreed', 'abstain'])),
  quorum: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
});
export type DecisionRule = z.infer<typeof DecisionRuleSchema>;

export const LanguageSchema = z.enum(['de', 'en']);

/** In which capacity a person acts for a member. */
export const CapacitySchema = z.enum(['principal', 'deputy', 'office_contact']);

export const EmailSchema = z.email().check(z.maxLength(254), z.toLowerCase());

/**
 * How a mail addresses a person: "Herr Minister", "Frau Senatorin", "Herr
 * Bundesminister", "Frau Staatssekretärin". It begins with Herr or Frau, so
 * that the greeting can be declined ("Sehr geehrte Frau Senatorin,").
 */
export const SalutationSchema = singleLine(60).check(
  z.regex(/^(Herr|Frau) \S/, 'begins with "Herr " or "Frau ", e.g. "Frau Senatorin"'),
);

const personFields = {
  capacity: CapacitySchema,
  name: singleLine(120),
  salutation: z.optional(SalutationSchema),
  function: singleLine(160),
  email: EmailSchema,
};

export const PersonInputSchema = z.strictObject({
  ...personFields,
  language: z._default(LanguageSchema, 'de'),
});

/** A person in a member PATCH: without a language, a person already there keeps theirs. */
export const PersonPatchSchema = z.strictObject({
  ...personFields,
  language: z.optional(LanguageSchema),
});

export const PersonSchema = z.object({
  id: z.string(),
  capacity: CapacitySchema,
  name: z.string(),
  salutation: z.optional(z.string()),
  function: z.string(),
  email: z.string(),
  language: LanguageSchema,
});
export type Person = z.infer<typeof PersonSchema>;
export type PersonInput = z.input<typeof PersonInputSchema>;
export type PersonPatch = z.output<typeof PersonPatchSchema>;

/** A mail domain such as `stk.bayern.de`, lower case. */
export const MailDomainSchema = z
  .string()
  .check(
    z.toLowerCase(),
    z.regex(
      /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      'a mail domain such as stk.bayern.de',
    ),
  );

/** Where a member stands in the body's lists (the Staatskanzlei first, then the ministries in cabinet order). */
const MemberOrderSchema = z.int().check(z.minimum(1), z.maximum(999));

/** The fields only an organisation member has. */
const organisationFields = {
  /** An organisation's kind; Länder and the Bund have none. */
  kind: z.optional(OrganisationKindSchema),
  /** The grammatical gender of its name, for the press sentence. */
  gender: z.optional(GrammaticalGenderSchema),
  /** Its usual abbreviation: "TMIK". */
  abbreviation: z.optional(singleLine(20)),
  /** Its place in the body's lists; without it after those with one, by name. */
  order: z.optional(MemberOrderSchema),
};

export const MemberInputSchema = z
  .strictObject({
    memberId: MemberIdSchema,
    /** As the press sentence names it: "Thüringer Staatskanzlei", "Ministerium für Inneres und Kommunales". */
    name: singleLine(120),
    voting: z.boolean(),
    people: z.array(PersonInputSchema).check(z.maxLength(20)),
    /**
     * Mail domains whose addresses may be named as deputies by link and are
     * invited at once, besides the domains of the member's people.
     */
    mailDomains: z.optional(z.array(MailDomainSchema).check(z.maxLength(10))),
    ...organisationFields,
  })
  .check(
    z.refine((input) => !isOrganisationId(input.memberId) || input.kind !== undefined, {
      message: 'an organisation needs its kind',
      path: ['kind'],
    }),
    z.refine((input) => !isOrganisationId(input.memberId) || input.gender !== undefined, {
      message: 'an organisation needs the grammatical gender of its name',
      path: ['gender'],
    }),
    z.refine(
      (input) =>
        isOrganisationId(input.memberId) ||
        (input.kind === undefined && input.gender === undefined),
      { message: 'a Land or the Bund has no kind or gender', path: ['kind'] },
    ),
  );
export type MemberInput = z.input<typeof MemberInputSchema>;

export const MemberSchema = z.object({
  bodyId: z.string(),
  memberId: z.string(),
  name: z.string(),
  voting: z.boolean(),
  people: z.array(PersonSchema),
  mailDomains: z.optional(z.array(z.string())),
  kind: z.optional(OrganisationKindSchema),
  gender: z.optional(GrammaticalGenderSchema),
  abbreviation: z.optional(z.string()),
  order: z.optional(z.number()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;

/**
 * The shortest objection period a release proposal may set, in hours
 * (default `defaultMinObjectionHours`): release means that no Land objected
 * in time, so the Länder must have time to object.
 */
const MinObjectionHoursSchema = z.int().check(z.minimum(1), z.maximum(24 * 30));
export const defaultMinObjectionHours = 24;

/** The shortest time a written procedure gives the Länder to answer, unless it is urgent. */
const MinProcedureLeadHoursSchema = z.int().check(z.minimum(1), z.maximum(24 * 30));
export const defaultMinProcedureLeadHours = 24;

/**
 * How a body numbers its sessions: `extraordinary_by_year` (the default)
 * gives regular and constitutive sessions the running number and counts
 * extraordinary ones per year ("2. Sonderkonferenz 2027"); `running` gives
 * every session the running number.
 */
/** A body's own words in the press sentence ("die Vertreterinnen und Vertreter aus …"). */
export const PressSentenceWordingSchema = z.strictObject({
  many: z.optional(singleLine(80)),
  one: z.optional(singleLine(80)),
  federation: z.optional(singleLine(80)),
});

/**
 * A body's escalation chain for short-notice sessions and exercises: when a
 * member has not answered `afterMinutes` after its invitation went out, the
 * invitation goes to its deputies; another `afterMinutes` later to its
 * office contacts (the steps in the order given, each once).
 */
export const EscalationSchema = z
  .strictObject({
    afterMinutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
    steps: z.array(z.enum(['deputies', 'officeContacts'])).check(z.minLength(1), z.maxLength(2)),
  })
  .check(
    z.refine((escalation) => new Set(escalation.steps).size === escalation.steps.length, {
      message: 'each step once',
      path: ['steps'],
    }),
  );
export type Escalation = z.infer<typeof EscalationSchema>;

export const SessionNumberingRuleSchema = z.enum(['extraordinary_by_year', 'running']);
export type SessionNumberingRule = z.infer<typeof SessionNumberingRuleSchema>;

/** How long papers are kept after their session, in months (one of the store's retention classes). */
export const PaperRetentionMonthsSchema = z.union([
  z.literal(6),
  z.literal(12),
  z.literal(24),
  z.literal(60),
]);

/** A body's rules for session papers: the largest upload and how long papers are kept. */
export const PaperRulesSchema = z.strictObject({
  /** The largest file one upload may have, in MB (default 25). */
  maxUploadMegabytes: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
  /** Months after the session after which its papers are deleted unless kept (default 24). */
  retentionMonths: z.optional(PaperRetentionMonthsSchema),
});
export type PaperRules = z.infer<typeof PaperRulesSchema>;

export const BodyInputSchema = z.strictObject({
  id: BodyIdSchema,
  name: singleLine(200),
  shortName: singleLine(40),
  kind: BodyKindSchema,
  decisionRule: DecisionRuleSchema,
  chairMemberId: z.optional(MemberIdSchema),
  parentBodyId: z.optional(BodyIdSchema),
  minObjectionHours: z.optional(MinObjectionHoursSchema),
  /** The press sentence names a represented Land's deputy ("Sachsen, vertreten durch …"). */
  pressSentenceNamesDeputies: z.optional(z.boolean()),
  /** Hours a written procedure gives at least, unless urgent (default 24). */
  minProcedureLeadHours: z.optional(MinProcedureLeadHoursSchema),
  /** How sessions are numbered (default `extraordinary_by_year`). */
  sessionNumbering: z.optional(SessionNumberingRuleSchema),
  /** Sessions without an answer deadline get reminders before they begin (default: none). */
  remindWithoutDeadline: z.optional(z.boolean()),
  /** The body's own words in the press sentence; the IMK's where a part is not given. */
  pressSentenceWording: z.optional(PressSentenceWordingSchema),
  /** Who is invited next when a member does not answer a short-notice session or an exercise. */
  escalation: z.optional(EscalationSchema),
  /** Upload limit and retention of session papers. */
  papers: z.optional(PaperRulesSchema),
});
export type BodyInput = z.input<typeof BodyInputSchema>;

/**
 * A body to create in one call: its fields, and either its members with
 * their people (`members`) or the members of another body to copy
 * (`copyMembersFrom`, a working group "like the IMK"), never both.
 */
export const BodyCreateSchema = z
  .strictObject({
    ...BodyInputSchema.shape,
    members: z.optional(z.array(MemberInputSchema).check(z.maxLength(40))),
    copyMembersFrom: z.optional(BodyIdSchema),
  })
  .check(
    z.refine((input) => input.members === undefined || input.copyMembersFrom === undefined, {
      message: 'send members or copyMembersFrom, not both',
      path: ['copyMembersFrom'],
    }),
    z.refine(
      (input) =>
        new Set(input.members?.map((member) => member.memberId)).size ===
        (input.members?.length ?? 0),
      { message: 'each member once', path: ['members'] },
    ),
  );
export type BodyCreate = z.input<typeof BodyCreateSchema>;

export const BodySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: BodyKindSchema,
  decisionRule: DecisionRuleSchema,
  chairMemberId: z.optional(z.string()),
  parentBodyId: z.optional(z.string()),
  minObjectionHours: z.optional(z.number()),
  pressSentenceNamesDeputies: z.optional(z.boolean()),
  minProcedureLeadHours: z.optional(z.number()),
  sessionNumbering: z.optional(SessionNumberingRuleSchema),
  remindWithoutDeadline: z.optional(z.boolean()),
  pressSentenceWording: z.optional(
    z.object({
      many: z.optional(z.string()),
      one: z.optional(z.string()),
      federation: z.optional(z.string()),
    }),
  ),
  escalation: z.optional(EscalationSchema),
  papers: z.optional(
    z.object({
      maxUploadMegabytes: z.optional(z.number()),
      retentionMonths: z.optional(z.number()),
    }),
  ),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Body = z.infer<typeof BodySchema>;

/** A created body; with `members` when they were created with it. */
export const CreatedBodySchema = z.object({
  ...BodySchema.shape,
  members: z.optional(z.array(MemberSchema)),
});
export type CreatedBody = z.infer<typeof CreatedBodySchema>;

export const BodyWithMembersSchema = z.object({
  ...BodySchema.shape,
  members: z.array(MemberSchema),
});
export type BodyWithMembers = z.infer<typeof BodyWithMembersSchema>;

export const BodyPatchSchema = z.strictObject({
  name: z.optional(singleLine(200)),
  shortName: z.optional(singleLine(40)),
  kind: z.optional(BodyKindSchema),
  decisionRule: z.optional(DecisionRuleSchema),
  chairMemberId: z.optional(MemberIdSchema),
  parentBodyId: z.optional(BodyIdSchema),
  minObjectionHours: z.optional(MinObjectionHoursSchema),
  /** The press sentence names a represented Land's deputy ("Sachsen, vertreten durch …"). */
  pressSentenceNamesDeputies: z.optional(z.boolean()),
  /** Hours a written procedure gives at least, unless urgent (default 24). */
  minProcedureLeadHours: z.optional(MinProcedureLeadHoursSchema),
  /** How sessions are numbered (default `extraordinary_by_year`). */
  sessionNumbering: z.optional(SessionNumberingRuleSchema),
  /** Sessions without an answer deadline get reminders before they begin (default: none). */
  remindWithoutDeadline: z.optional(z.boolean()),
  /** The body's own words in the press sentence; the IMK's where a part is not given. */
  pressSentenceWording: z.optional(PressSentenceWordingSchema),
  /** Who is invited next when a member does not answer a short-notice session or an exercise. */
  escalation: z.optional(EscalationSchema),
  /** Upload limit and retention of session papers. */
  papers: z.optional(PaperRulesSchema),
});
export type BodyPatch = z.input<typeof BodyPatchSchema>;

export const MemberPatchSchema = z.strictObject({
  name: z.optional(singleLine(120)),
  voting: z.optional(z.boolean()),
  /** Replaces the member's people as a whole. */
  people: z.optional(z.array(PersonPatchSchema).check(z.maxLength(20))),
  mailDomains: z.optional(z.array(MailDomainSchema).check(z.maxLength(10))),
  kind: z.optional(OrganisationKindSchema),
  gender: z.optional(GrammaticalGenderSchema),
  abbreviation: z.optional(singleLine(20)),
  order: z.optional(MemberOrderSchema),
});
export type MemberPatch = z.input<typeof MemberPatchSchema>;

export const ChairPeriodInputSchema = z
  .strictObject({
    memberId: MemberIdSchema,
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .check(z.refine((p) => p.to >= p.from, { message: 'to must not be before from', path: ['to'] }));
export type ChairPeriodInput = z.input<typeof ChairPeriodInputSchema>;

export const ChairPeriodSchema = z.object({
  bodyId: z.string(),
  memberId: z.string(),
  from: z.string(),
  to: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChairPeriodRecord = z.infer<typeof ChairPeriodSchema>;

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * True when an address belongs to the member: one of its people's addresses,
 * or an address in one of its mail domains (those of its people's addresses
 * and any the secretariat added).
 *
 * @example
 * ```ts
 * trustsAddress(bayern, 'referentin@stmi.bayern.de'); // true when a person has an @stmi.bayern.de address
 * ```
 */
export const trustsAddress = (member: Member, email: string): boolean => {
  const address = email.toLowerCase();
  if (member.people.some((person) => person.email.toLowerCase() === address)) return true;
  const domains = new Set([
    ...member.people.map((person) => domainOf(person.email)),
    ...(member.mailDomains ?? []),
  ]);
  return domains.has(domainOf(address));
};

/** True when the address is one of the body's registered people (any member). */
export const isRegisteredPerson = (members: readonly Member[], email: string): boolean => {
  const address = email.toLowerCase();
  return members.some((member) =>
    member.people.some((person) => person.email.toLowerCase() === address),
  );
};

/**
 * A body or member as a reader without the right to people's contacts sees
 * it: every person without e-mail address (the secretariat, the chair and
 * admins see them).
 */
export const withoutContacts = <T extends { people: readonly Person[] }>(member: T) => ({
  ...member,
  people: member.people.map(({ email: _email, ...person }) => person),
});

/** The response shape of people, whose address only contact readers see. */
export const PersonViewSchema = z.object({
  ...PersonSchema.shape,
  /** Only for the body's secretariat, chair and admins. */
  email: z.optional(z.string()),
});
export const MemberViewSchema = z.object({
  ...MemberSchema.shape,
  people: z.array(PersonViewSchema),
});
export const BodyWithMembersViewSchema = z.object({
  ...BodySchema.shape,
  members: z.array(MemberViewSchema),
});
