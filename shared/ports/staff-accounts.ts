/** A staff member's sign-in account (a Cognito user in AWS). */
export interface StaffAccount {
  email: string;
  name: string;
}

/** The sign-in side of the staff directory: accounts that can or cannot sign in. */
export interface StaffAccounts {
  /**
   * Makes the account able to sign in: creates it with an invitation mail,
   * or enables it again when it exists.
   */
  invite(account: StaffAccount): Promise<void>;
  /** Ends every session of the account: its refresh tokens stop working. */
  signOut(email: string): Promise<void>;
  /** Signs the account out everywhere and stops it from signing in. */
  disable(email: string): Promise<void>;
}
