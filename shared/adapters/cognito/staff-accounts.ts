import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffAccount, StaffAccounts } from '../../ports/staff-accounts.js';

/**
 * Staff accounts as users of the Cognito user pool. The pool signs in by
 * address, so the address is the user name. The invitation mail (German,
 * with the temporary password) is the pool's own invitation message.
 *
 * @example
 * ```ts
 * const accounts = new CognitoStaffAccounts(new CognitoIdentityProviderClient({}), userPoolId);
 * await accounts.invite({ email: 'gs@imk.example.org', name: 'Geschäftsstelle' });
 * ```
 */
export class CognitoStaffAccounts implements StaffAccounts {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async invite(account: StaffAccount): Promise<void> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: account.email,
          UserAttributes: [
            { Name: 'email', Value: account.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: account.name },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      // Someone removed earlier and added again: the account is still there, disabled.
      if (!(error instanceof UsernameExistsException)) throw error;
      await this.client.send(
        new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: account.email }),
      );
    }
  }

  async signOut(email: string): Promise<void> {
    await this.ignoringMissing(
      new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: email }),
    );
  }

  async disable(email: string): Promise<void> {
    await this.ignoringMissing(
      new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: email }),
    );
    await this.signOut(email);
  }

  /** An account that is not there cannot sign in: nothing to end. */
  private async ignoringMissing(
    command: AdminDisableUserCommand | AdminUserGlobalSignOutCommand,
  ): Promise<void> {
    try {
      await this.client.send(command);
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}

/**
 * The Cognito client, made once per process.
 *
 * @example
 * ```ts
 * const client = createCognitoClient('eu-central-1');
 * ```
 */
export const createCognitoClient = (region: string) =>
  new CognitoIdentityProviderClient({ region });
