import { ulid } from 'ulid';
import type { Body, BodyInput, BodyWithMembers, Member, MemberInput } from '../domain/body.js';
import { BodyInputSchema, MemberInputSchema } from '../domain/body.js';
import { NotFoundError } from '../domain/errors.js';
import type { BodyRepository } from '../ports/body-repository.js';
import type { Clock } from '../ports/clock.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import { parseInput } from './parse-input.js';

export interface BodyUseCaseDeps {
  bodies: BodyRepository;
  clock: Clock;
}

/**
 * Lists the bodies of the conference, one page at a time.
 *
 * @example
 * ```ts
 * const page = await listBodies(deps, { limit: 25 });
 * ```
 */
export const listBodies = (deps: BodyUseCaseDeps, page: PageRequest): Promise<Page<Body>> =>
  deps.bodies.listBodies(page);

/** One body with its members and their people; a `NotFoundError` when missing. */
export const getBody = async (deps: BodyUseCaseDeps, bodyId: string): Promise<BodyWithMembers> => {
  const body = await deps.bodies.getBodyWithMembers(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  return body;
};

/** Creates a body (plenary, working group or crisis staff). */
export const createBody = async (deps: BodyUseCaseDeps, input: BodyInput): Promise<Body> => {
  const valid = parseInput(BodyInputSchema, input, 'body');
  const now = deps.clock.now().toISOString();
  const body: Body = { ...valid, version: 1, createdAt: now, updatedAt: now };
  await deps.bodies.createBody(body);
  return body;
};

/** Adds a member (a Land or the Bund) with its people to a body. */
export const addMember = async (
  deps: BodyUseCaseDeps,
  bodyId: string,
  input: MemberInput,
): Promise<Member> => {
  const valid = parseInput(MemberInputSchema, input, 'body');
  const member: Member = {
    bodyId,
    memberId: valid.memberId,
    name: valid.name,
    voting: valid.voting,
    people: valid.people.map((person) => ({ id: ulid(), ...person })),
  };
  await deps.bodies.addMember(member);
  return member;
};
