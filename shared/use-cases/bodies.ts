import { ulid } from 'ulid';
import type * as z from 'zod/mini';
import {
  type Body,
  type BodyCreate,
  BodyCreateSchema,
  type BodyPatch,
  BodyPatchSchema,
  type BodyWithMembers,
  type ChairPeriodInput,
  ChairPeriodInputSchema,
  type ChairPeriodRecord,
  type CreatedBody,
  isOrganisationId,
  type Member,
  type MemberInput,
  MemberInputSchema,
  type MemberPatch,
  MemberPatchSchema,
  type Person,
  type PersonPatch,
  withoutContacts,
} from '../domain/body.js';
import { type ChairPeriod, proposeNextChairPeriod } from '../domain/chair-rotation.js';
import { NotFoundError, PreconditionFailedError, UnprocessableError } from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { can, requirePermission } from '../domain/policy.js';
import { type Change, CommitTooLarge, maxItemsPerCommit } from '../ports/conference-repository.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import {
  type Actor,
  auditEntry,
  type Created,
  createOnce,
  nextVersion,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import { requireVersion } from './versions.js';

/** Lists the bodies of the conference, one page at a time. */
export const listBodies = (
  deps: UseCaseDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<Body>> => {
  requirePermission(actor.principal, 'body:read');
  return deps.repo.listBodies(page);
};

/** One body with its members and their people; a `NotFoundError` when missing. */
export const getBody = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
): Promise<BodyWithMembers> => {
  requirePermission(actor.principal, 'body:read', bodyId);
  const body = await deps.repo.getBodyWithMembers(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  if (can(actor.principal, 'people:read-contacts', bodyId)) return body;
  return { ...body, members: body.members.map(withoutContacts) } as BodyWithMembers;
};

/** The organisation fields a member has, without the absent ones. */
const organisationOf = (member: Pick<Member, 'kind' | 'gender' | 'abbreviation' | 'order'>) => ({
  ...(member.kind === undefined ? {} : { kind: member.kind }),
  ...(member.gender === undefined ? {} : { gender: member.gender }),
  ...(member.abbreviation === undefined ? {} : { abbreviation: member.abbreviation }),
  ...(member.order === undefined ? {} : { order: member.order }),
});

/** A stored member made from its input: every person gets an id, German unless sent. */
const newMember = (
  bodyId: string,
  input: z.output<typeof MemberInputSchema>,
  now: string,
): Member => ({
  bodyId,
  memberId: input.memberId,
  name: input.name,
  voting: input.voting,
  people: input.people.map((person) => ({ id: ulid(), ...person })),
  ...(input.mailDomains === undefined ? {} : { mailDomains: input.mailDomains }),
  ...organisationOf(input),
  version: 1,
  createdAt: now,
  updatedAt: now,
});

/** A member of another body as input for a new one: the same Land, vote, people and domains. */
const copiedMember = (member: Member): z.output<typeof MemberInputSchema> => ({
  memberId: member.memberId,
  name: member.name,
  voting: member.voting,
  people: member.people.map(({ id: _id, ...person }) => person),
  ...(member.mailDomains === undefined ? {} : { mailDomains: member.mailDomains }),
  ...organisationOf(member),
});

/**
 * Creates a body (plenary, working group or crisis staff). Admins only.
 * With `members` it creates the members and their people too, and with
 * `copyMembersFrom` it copies another body's members with their people: the
 * body, every member and every audit entry in one transaction, so either all
 * exist afterwards or nothing does. One transaction holds 100 items (the
 * body, each member and each person, an audit entry per object, and the
 * idempotency record); a larger body is refused with a 422 that says so.
 *
 * @example
 * ```ts
 * await createBody(deps, actor, { id: 'ak-ii', name: '…', shortName: 'AK II', kind: 'working_group', decisionRule: { kind: 'unanimity' }, copyMembersFrom: 'imk' });
 * ```
 */
export const createBody = async (
  deps: UseCaseDeps,
  actor: Actor,
  input: BodyCreate,
  idempotencyKey?: string,
): Promise<Created<CreatedBody>> => {
  requirePermission(actor.principal, 'bodies:manage');
  const { members, copyMembersFrom, ...fields } = parseInput(BodyCreateSchema, input, 'body');
  try {
    return await createOnce(
      deps,
      actor,
      {
        key: idempotencyKey,
        operation: 'createBody',
        request: { ...fields, members, copyMembersFrom },
      },
      async () => {
        if (
          fields.parentBodyId !== undefined &&
          (await deps.repo.getBody(fields.parentBodyId)) === undefined
        ) {
          throw new UnprocessableError(msg('body.parent-missing', { bodyId: fields.parentBodyId }));
        }
        let memberInputs = members;
        if (copyMembersFrom !== undefined) {
          const source = await deps.repo.getBodyWithMembers(copyMembersFrom);
          if (source === undefined) {
            throw new UnprocessableError(
              msg('body.copy-source-missing', { bodyId: copyMembersFrom }),
            );
          }
          memberInputs = source.members.map(copiedMember);
        }
        const now = deps.clock.now().toISOString();
        const body: Body = { ...fields, version: 1, createdAt: now, updatedAt: now };
        const created = (memberInputs ?? []).map((member) => newMember(body.id, member, now));
        return {
          changes: [
            { type: 'body', op: 'create', body },
            ...created.map((member): Change => ({ type: 'member', op: 'create', member })),
          ],
          audit: [
            auditEntry(deps, actor, 'body.create', 'body', body.id, body.id, undefined, body),
            ...created.map((member) =>
              auditEntry(
                deps,
                actor,
                'member.create',
                'member',
                `${body.id}/${member.memberId}`,
                body.id,
                undefined,
                member,
              ),
            ),
          ],
          value: memberInputs === undefined ? body : { ...body, members: created },
        };
      },
    );
  } catch (error) {
    if (!(error instanceof CommitTooLarge)) throw error;
    throw Object.assign(
      new UnprocessableError(
        msg('body.too-large', { writes: error.items, limit: maxItemsPerCommit }),
        { writes: error.items, limit: maxItemsPerCommit },
      ),
      { cause: error },
    );
  }
};

/** Changes a body's name, kind, rule or chair. Admins only. */
export const updateBody = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  patch: BodyPatch,
  expectedVersion: number | undefined,
): Promise<Body> => {
  requirePermission(actor.principal, 'bodies:manage');
  const version = requireVersion(expectedVersion);
  const valid = parseInput(BodyPatchSchema, patch, 'body');
  const before = await deps.repo.getBody(bodyId);
  if (before === undefined) throw new NotFoundError('Body', bodyId);
  if (before.version !== version) throw new PreconditionFailedError();
  const after = nextVersion(deps, { ...before, ...valid });
  await deps.repo.commit(
    [{ type: 'body', op: 'replace', body: after, expectedVersion: version }],
    [auditEntry(deps, actor, 'body.update', 'body', bodyId, bodyId, before, after)],
  );
  return after;
};

/** One member of a body with its people. */
export const getMember = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  memberId: string,
): Promise<Member> => {
  requirePermission(actor.principal, 'body:read', bodyId);
  const member = await deps.repo.getMember(bodyId, memberId);
  if (member === undefined) throw new NotFoundError('Member', `${bodyId}/${memberId}`);
  if (can(actor.principal, 'people:read-contacts', bodyId)) return member;
  return withoutContacts(member) as Member;
};

/** Adds a member (a Land, the Bund or an organisation) with its people to a body; a voting one only by an admin. */
export const addMember = (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  input: MemberInput,
  idempotencyKey?: string,
): Promise<Created<Member>> => {
  requirePermission(actor.principal, 'members:manage', bodyId);
  const valid = parseInput(MemberInputSchema, input, 'body');
  if (valid.voting) requirePermission(actor.principal, 'members:voting', bodyId);
  return createOnce(
    deps,
    actor,
    { key: idempotencyKey, operation: `addMember:${bodyId}`, request: valid },
    async () => {
      const member = newMember(bodyId, valid, deps.clock.now().toISOString());
      const id = `${bodyId}/${member.memberId}`;
      return {
        changes: [
          { type: 'body-exists', bodyId },
          { type: 'member', op: 'create', member },
        ],
        audit: [auditEntry(deps, actor, 'member.create', 'member', id, bodyId, undefined, member)],
        value: member,
      };
    },
  );
};

/**
 * A person of a member PATCH: one already there (same address and capacity)
 * keeps their id, and their language unless it is sent; a new one gets German.
 */
const keptPerson =
  (before: Member) =>
  (person: PersonPatch): Person => {
    const earlier = before.people.find(
      (p) => p.email === person.email && p.capacity === person.capacity,
    );
    return {
      id: earlier?.id ?? ulid(),
      ...person,
      language: person.language ?? earlier?.language ?? 'de',
    };
  };

/** Changes a member's name or voting right (an admin's), or replaces its people. */
export const updateMember = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  memberId: string,
  patch: MemberPatch,
  expectedVersion: number | undefined,
): Promise<Member> => {
  requirePermission(actor.principal, 'members:manage', bodyId);
  const version = requireVersion(expectedVersion);
  const valid = parseInput(MemberPatchSchema, patch, 'body');
  const before = await deps.repo.getMember(bodyId, memberId);
  if (before === undefined) throw new NotFoundError('Member', `${bodyId}/${memberId}`);
  if (valid.voting !== undefined && valid.voting !== before.voting) {
    requirePermission(actor.principal, 'members:voting', bodyId);
  }
  if (before.version !== version) throw new PreconditionFailedError();
  const after = nextVersion(deps, {
    ...before,
    ...(valid.name === undefined ? {} : { name: valid.name }),
    ...(valid.voting === undefined ? {} : { voting: valid.voting }),
    ...(valid.mailDomains === undefined ? {} : { mailDomains: valid.mailDomains }),
    ...(isOrganisationId(memberId) ? organisationOf(valid) : {}),
    ...(valid.people === undefined ? {} : { people: valid.people.map(keptPerson(before)) }),
  });
  await deps.repo.commit(
    [{ type: 'member', op: 'replace', member: after, previous: before, expectedVersion: version }],
    [
      auditEntry(
        deps,
        actor,
        'member.update',
        'member',
        `${bodyId}/${memberId}`,
        bodyId,
        before,
        after,
      ),
    ],
  );
  return after;
};

/** Removes a member and its people from a body; a voting one only by an admin. */
export const removeMember = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  memberId: string,
  expectedVersion: number | undefined,
): Promise<void> => {
  requirePermission(actor.principal, 'members:manage', bodyId);
  const version = requireVersion(expectedVersion);
  const before = await deps.repo.getMember(bodyId, memberId);
  if (before === undefined) throw new NotFoundError('Member', `${bodyId}/${memberId}`);
  if (before.voting) requirePermission(actor.principal, 'members:voting', bodyId);
  await deps.repo.commit(
    [{ type: 'member', op: 'delete', member: before, expectedVersion: version }],
    [
      auditEntry(
        deps,
        actor,
        'member.delete',
        'member',
        `${bodyId}/${memberId}`,
        bodyId,
        before,
        undefined,
      ),
    ],
  );
};

/** The recorded chair periods of a body, oldest first. */
export const listChairPeriods = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
): Promise<ChairPeriodRecord[]> => {
  requirePermission(actor.principal, 'body:read', bodyId);
  return deps.repo.listChairPeriods(bodyId);
};

/** Proposes the next chair period by the rotation rule. */
export const proposeChairPeriod = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
): Promise<ChairPeriod> => {
  const periods = await listChairPeriods(deps, actor, bodyId);
  return proposeNextChairPeriod(periods, deps.clock.now());
};

/** Records a chair period; periods of one body may not overlap. */
export const recordChairPeriod = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  input: ChairPeriodInput,
): Promise<ChairPeriodRecord> => {
  requirePermission(actor.principal, 'chair-periods:manage', bodyId);
  const valid = parseInput(ChairPeriodInputSchema, input, 'body');
  const body = await deps.repo.getBodyWithMembers(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  if (!body.members.some((member) => member.memberId === valid.memberId)) {
    throw new UnprocessableError(msg('member.not-in-body', { memberId: valid.memberId, bodyId }));
  }
  const overlapping = (await deps.repo.listChairPeriods(bodyId)).find(
    (period) => period.from <= valid.to && valid.from <= period.to,
  );
  if (overlapping !== undefined) {
    throw new UnprocessableError(
      msg('chair.overlap', {
        memberId: overlapping.memberId,
        from: overlapping.from,
        to: overlapping.to,
      }),
    );
  }
  const now = deps.clock.now().toISOString();
  const period: ChairPeriodRecord = {
    bodyId,
    ...valid,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.repo.commit(
    [{ type: 'chair-period', op: 'create', period }],
    [
      auditEntry(
        deps,
        actor,
        'chair-period.create',
        'chair-period',
        `${bodyId}/${valid.from}`,
        bodyId,
        undefined,
        period,
      ),
    ],
  );
  return period;
};
