import { PreconditionRequiredError } from '../domain/errors.js';

/** The version from `If-Match`, which every change of an existing object needs (428 without it). */
export const requireVersion = (expectedVersion: number | undefined): number => {
  if (expectedVersion === undefined) throw new PreconditionRequiredError();
  return expectedVersion;
};
