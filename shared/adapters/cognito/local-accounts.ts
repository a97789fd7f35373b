import type { StaffAccounts } from '../../ports/staff-accounts.js';

/**
 * Staff accounts of the local stack: there is no user pool, `npm run token`
 * signs tokens for staff members directly, so there is nothing to create or end.
 * Apart from the Cognito adapter, so that loading it does not load the Cognito client.
 */
export const localStaffAccounts: StaffAccounts = {
  invite: async () => undefined,
  signOut: async () => undefined,
  disable: async () => undefined,
};
