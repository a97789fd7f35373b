import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { roles } from '../../shared/domain/roles.js';
import { ApiFunction } from './api-function.js';
import type { DataTable } from './data-table.js';

export interface IdentityProps {
  stage: string;
  /** The product table, whose staff directory the pre-token-generation trigger reads. */
  data: DataTable;
  /**
   * The public address (`https://<custom domain or distribution domain>`),
   * where the browser sign-in lives; may be a token resolved at synth.
   */
  publicBaseUrl?: string | undefined;
}

/**
 * Where the sign-in may send the browser back to, from the CDK context:
 * `-c callbackUrls=https://konferenz.example.org/auth/callback,…` and
 * `-c logoutUrls=https://konferenz.example.org/auth/signed-out`. Without
 * them: the product's own `/auth/callback` and `/auth/signed-out` on the
 * public address (else `app.<senderDomain>`), and in dev also a local
 * staff app on port 5173.
 */
const redirectUrls = (scope: Construct, stage: string, publicBaseUrl: string | undefined) => {
  const list = (name: string): string[] | undefined => {
    const value: unknown = scope.node.tryGetContext(name);
    if (value === undefined || value === '') return undefined;
    const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
    return items.map((item) => item.trim()).filter((item) => item.length > 0);
  };
  const senderDomain = String(scope.node.tryGetContext('senderDomain') ?? 'example.org');
  const app = publicBaseUrl ?? `https://app.${senderDomain}`;
  const signedOut = publicBaseUrl === undefined ? '/' : '/auth/signed-out';
  const local = stage === 'prod' ? [] : ['http://localhost:5173'];
  return {
    callbackUrls: list('callbackUrls') ?? [
      `${app}/auth/callback`,
      ...local.map((u) => `${u}/auth/callback`),
    ],
    logoutUrls: list('logoutUrls') ?? [`${app}${signedOut}`, ...local.map((u) => `${u}/`)],
  };
};

/**
 * The managed-login domain prefix: `-c signInDomainPrefix=…`, else one
 * derived from the sender domain and stage (prefixes are unique per region;
 * Cognito refuses `aws`, `amazon` and `cognito` in them).
 */
const signInDomainPrefix = (scope: Construct, stage: string): string => {
  const given: unknown = scope.node.tryGetContext('signInDomainPrefix');
  if (given !== undefined && given !== '') return String(given);
  const senderDomain = String(scope.node.tryGetContext('senderDomain') ?? 'example.org');
  const derived = `${senderDomain}-${stage}`
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, 'x')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return derived.slice(0, 63).replace(/-+$/, '');
};

/**
 * The staff user pool: one Cognito group per role, MFA required, no self
 * sign-up, an invitation mail in German, and a public app client for the
 * browser that signs in with the authorization-code flow and PKCE only.
 * A pre-token-generation trigger (V2) puts each staff member's roles,
 * bodies and per-body grants from the staff directory into the access token.
 * The browser signs in on the pool's managed-login domain and comes back
 * to the product's `/auth/callback`; the sign-in cookies are encrypted
 * with a key from Secrets Manager.
 */
export class Identity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly preTokenFunction: ApiFunction;
  /** The managed-login domain (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domain: UserPoolDomain;
  /** The key of the sign-in cookies. */
  readonly sessionKey: Secret;

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

    const { callbackUrls, logoutUrls } = redirectUrls(this, props.stage, props.publicBaseUrl);
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

    this.domain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: signInDomainPrefix(this, props.stage) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // The newer managed login shows its pages only for a client with a branding style.
    new CfnManagedLoginBranding(this, 'SignInBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.sessionKey = new Secret(this, 'SessionKey', {
      description:
        'Encrypts the sign-in cookies of the browser (session, refresh token, pending sign-in)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.sessionKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand with a redeploy; a new key only signs everyone out (the cookies live an hour, the refresh cookie half a day).',
    });
  }

  /** The issuer URL of the pool's tokens (CloudFormation gives the host and path without a scheme). */
  get issuer(): string {
    return `https://${this.userPool.userPoolProviderUrl}`;
  }

  /**
   * Lets a function serve the browser sign-in: it reads the cookie key
   * (through the secrets extension) and knows Cognito's logout endpoint.
   */
  grantSignIn(fn: LambdaFunction): void {
    fn.addEnvironment('SESSION_KEY_SECRET_ARN', this.sessionKey.secretArn);
    fn.addEnvironment('SIGNIN_LOGOUT_URL', `${this.domain.baseUrl()}/logout`);
    this.sessionKey.grantRead(fn);
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
