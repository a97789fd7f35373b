import type { Body, BodyWithMembers, Member } from '../domain/body.js';
import type { Page, PageRequest } from './pagination.js';

/** Storage of bodies, their members and people. */
export interface BodyRepository {
  listBodies(page: PageRequest): Promise<Page<Body>>;
  getBodyWithMembers(bodyId: string): Promise<BodyWithMembers | undefined>;
  /** Stores a new body; a `ConflictError` when the id is taken. */
  createBody(body: Body): Promise<void>;
  /** Stores a new member with its people; a `ConflictError` when the member exists. */
  addMember(member: Member): Promise<void>;
}
