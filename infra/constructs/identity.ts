import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { roles } from '../../shared/domain/roles.js';
import { ApiFunction } from './api-function.js';
import type { DataTable } from './data-table.js';

export interface IdentityProps {
  stage: string;
  /** The product table, whose staff directory the pre-token-generation trigger reads. */
  data: DataTable;
}

/**
 * Where the sign-in may send the browser back to, from the CDK context:
 * `-c callbackUrls=https://app.example.org/auth/callback,…` and
 * `-c logoutUrls=https://app.example.org/`. Without them: the staff app on
 * `app.<senderDomain>`, and in dev also a local one on port 5173.
 */
const redirectUrls = (scope: Construct, stage: string) => {
  const list = (name: string): string[] | undefined => {
    const value: unknown = scope.node.tryGetContext(name);
    if (value === undefined || value === '') return undefined;
    const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
    return items.map((item) => item.trim()).filter((item) => item.length > 0);
  };
  const senderDomain = String(scope.node.tryGetContext('senderDomain') ?? 'example.org');
  const app = `https://app.${senderDomain}`;
  const local = stage === 'prod' ? [] : ['http://localhost:5173'];
  return {
    callbackUrls: list('callbackUrls') ?? [
      `${app}/auth/callback`,
      ...local.map((u) => `${u}/auth/callback`),
    ],
    logoutUrls: list('logoutUrls') ?? [`${app}/`, ...local.map((u) => `${u}/`)],
  };
};

/**
 * The staff user pool: one Cognito group per role, MFA required, no self
 * sign-up, an invitation mail in German, and a public app client for the
 * browser that signs in with the authorization-code flow and PKCE only.
 * A pre-token-generation trigger (V2) puts each staff member's roles,
 * bodies and per-body grants from the staff directory into the access token.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly preTokenFunction: ApiFunction;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Ihr Zugang zur Konferenzverwaltung',
        emailBody: [
          'Guten Tag,',
          '',
          'für Sie wurde ein Zugang zur Konferenzverwaltung der Geschäftsstelle eingerichtet.',
          '',
          'Anmeldename: {username}',
          'Vorläufiges Kennwort: {####}',
          '',
          'Bitte melden Sie sich innerhalb von drei Tagen an. Dabei vergeben Sie ein eigenes Kennwort und richten die Anmeldung mit einer Authenticator-App ein.',
          '',
          'Haben Sie diesen Zugang nicht erwartet, wenden Sie sich bitte an die Geschäftsstelle.',
        ].join('<br>'),
      },
      deletionProtection: props.stage === 'prod',
      removalPolicy: props.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const role of roles) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Staff role ${role}`,
      });
    }

    this.preTokenFunction = new ApiFunction(this, 'PreTokenFunction', {
      entry: 'functions/events/pre-token.ts',
      description: 'Puts the staff roles and bodies from the staff directory into access tokens',
      stage: props.stage,
      memorySize: 256,
      timeout: Duration.seconds(5),
      environment: {
        TABLE_NAME: props.data.table.tableName,
        LOG_LEVEL: props.stage === 'prod' ? 'INFO' : 'DEBUG',
      },
    });
    props.data.grantReadData(this.preTokenFunction.function);
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.preTokenFunction.function,
      LambdaVersion.V2_0,
    );

    const { callbackUrls, logoutUrls } = redirectUrls(this, props.stage);
    this.client = this.userPool.addClient('StaffClient', {
      generateSecret: false,
      // No password, SRP or custom flow: the browser signs in through the
      // authorization-code flow with PKCE, and only refreshes its tokens here.
      authFlows: {
        user: false,
        userSrp: false,
        userPassword: false,
        adminUserPassword: false,
        custom: false,
      },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls,
        logoutUrls,
      },
      // The address is the sign-in name and the key into the staff directory: not the user's to change.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
  }

  /** The issuer URL of the pool's tokens (CloudFormation gives the host and path without a scheme). */
  get issuer(): string {
    return `https://${this.userPool.userPoolProviderUrl}`;
  }

  /** Lets a function add, disable and sign out staff accounts of this pool (and nothing else). */
  grantStaffAccounts(grantee: IGrantable): void {
    this.userPool.grant(
      grantee,
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    );
  }
}
