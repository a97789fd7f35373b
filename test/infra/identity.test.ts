import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { DataTable } from '../../infra/constructs/data-table.js';
import { Identity } from '../../infra/constructs/identity.js';

const synth = (
  stage: 'dev' | 'prod',
  context: Record<string, unknown> = {},
  publicBaseUrl?: string,
) => {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'cdk-identity-')),
    context: { senderDomain: 'imk.example.org', ...context },
  });
  const stack = new Stack(app, 'IdentityTest', { env: { region: 'eu-central-1' } });
  const data = new DataTable(stack, 'Data', { stage });
  const identity = new Identity(stack, 'Identity', { stage, data, publicBaseUrl });
  const api = new Role(stack, 'ApiRole', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
  });
  identity.grantStaffAccounts(api);
  return { template: Template.fromStack(stack), stack, identity };
};

type Statement = { Action: string | string[]; Resource: unknown };
const statementsOf = (template: Template, roleLogicalIdPrefix: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) =>
      (policy.Properties.Roles as { Ref: string }[]).some((role) =>
        role.Ref.startsWith(roleLogicalIdPrefix),
      ),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
const actionsOf = (statements: Statement[]) =>
  statements.flatMap((statement) => [statement.Action].flat()).sort();

describe('Construct: Identity', () => {
  const dev = synth('dev', {
    callbackUrls: 'https://staff.imk.example.org/auth/callback,https://backup.imk.example.org/cb',
    logoutUrls: 'https://staff.imk.example.org/',
  });
  const prod = synth('prod');

  it('attaches the pre-token-generation trigger as V2, to the function that reads the staff directory', () => {
    const functions = dev.template.findResources('AWS::Lambda::Function');
    const [preTokenId] = Object.keys(functions).filter((id) => id.includes('PreToken'));
    expect(preTokenId).toBeDefined();
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { 'Fn::GetAtt': [preTokenId, 'Arn'] },
          LambdaVersion: 'V2_0',
        },
      },
      // No self sign-up; MFA and threat protection as before.
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      MfaConfiguration: 'ON',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    expect(functions[preTokenId as string]?.Properties.Environment.Variables.TABLE_NAME).toEqual({
      Ref: expect.stringMatching(/^DataTable/),
    });
  });

  it('lets the trigger only read the table', () => {
    const actions = actionsOf(statementsOf(dev.template, 'IdentityPreTokenFunctionRole'));
    const tableActions = actions.filter((action) => action.startsWith('dynamodb:'));
    expect(tableActions.length).toBeGreaterThan(0);
    for (const action of tableActions) {
      expect(action).toMatch(
        /^dynamodb:(BatchGetItem|GetRecords|GetShardIterator|Query|GetItem|Scan|ConditionCheckItem|DescribeTable)$/,
      );
    }
  });

  it('has a public app client with the authorization-code flow only, and no password or SRP sign-in', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      EnableTokenRevocation: true,
      WriteAttributes: ['name'],
    });
  });

  it('takes the callback and logout URLs from the context', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [
        'https://staff.imk.example.org/auth/callback',
        'https://backup.imk.example.org/cb',
      ],
      LogoutURLs: ['https://staff.imk.example.org/'],
    });
    // Without context: the staff app on app.<senderDomain>, and no localhost in prod.
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://app.imk.example.org/auth/callback'],
      LogoutURLs: ['https://app.imk.example.org/'],
    });
  });

  it('sends the invitation in German', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailSubject: 'Ihr Zugang zur Konferenzverwaltung',
          EmailMessage: Match.stringLikeRegexp('Vorläufiges Kennwort: \\{####\\}'),
        },
      },
    });
  });

  it('lets the API create, enable, disable and sign out users of this pool, and nothing else', () => {
    const statements = statementsOf(dev.template, 'ApiRole');
    expect(actionsOf(statements)).toEqual([
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    ]);
    expect(statements[0]?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^IdentityUserPool/), 'Arn'],
    });
  });

  it('sends the browser back to the product on its public address, unless the context says otherwise', () => {
    // Prepare
    const { template } = synth('prod', {}, 'https://konferenz.imk.example.org');

    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://konferenz.imk.example.org/auth/callback'],
      LogoutURLs: ['https://konferenz.imk.example.org/auth/signed-out'],
    });
  });

  it('gives the pool a managed-login domain with a branding style for the client', () => {
    // Prepare
    const given = synth('dev', { signInDomainPrefix: 'imk-anmeldung' });

    // Assess
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'imk-example-org-dev',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: Match.stringLikeRegexp('^IdentityUserPool') },
    });
    prod.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'imk-example-org-prod',
    });
    given.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'imk-anmeldung',
    });
    dev.template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: Match.stringLikeRegexp('^IdentityUserPoolStaffClient') },
      UseCognitoProvidedValues: true,
    });
  });

  it('gives the sign-in function the cookie key and Cognito’s logout endpoint, and only that secret', () => {
    // Prepare
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'cdk-identity-')),
      context: { senderDomain: 'imk.example.org' },
    });
    const stack = new Stack(app, 'SignInTest', { env: { region: 'eu-central-1' } });
    const identity = new Identity(stack, 'Identity', {
      stage: 'dev',
      data: new DataTable(stack, 'Data', { stage: 'dev' }),
    });
    const fn = new LambdaFunction(stack, 'Api', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => {};'),
    });

    // Act
    identity.grantSignIn(fn);

    // Assess
    const template = Template.fromStack(stack);
    const [secretId] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    const variables = Object.values(template.findResources('AWS::Lambda::Function')).find(
      (resource) => resource.Properties.Code.ZipFile !== undefined,
    )?.Properties.Environment.Variables;
    expect(variables.SESSION_KEY_SECRET_ARN).toEqual({ Ref: secretId });
    expect(JSON.stringify(variables.SIGNIN_LOGOUT_URL)).toMatch(
      /"https:\/\/".*IdentityUserPoolSignInDomain.*"\.auth\.eu-central-1\.amazoncognito\.com\/logout"/,
    );
    const statements = statementsOf(template, 'ApiServiceRole');
    expect(actionsOf(statements)).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
    ]);
    expect(statements[0]?.Resource).toEqual({ Ref: secretId });
  });
});
