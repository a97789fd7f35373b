import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { describe, expect, it } from 'vitest';
import {
  type ApiRoute,
  deployedFunctions,
  type LocalResources,
  matchRoute,
  resolveValue,
  type Template,
  triggersOf,
  withoutRepresentativeEvent,
} from './template.js';

const template: Template = {
  Resources: {
    Table: { Type: 'AWS::DynamoDB::GlobalTable' },
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Fn: { Type: 'AWS::Lambda::Function' },
    Queue: { Type: 'AWS::SQS::Queue' },
  },
};
const local: LocalResources = {
  region: 'eu-central-1',
  account: '000000000000',
  ref: { 'AWS::DynamoDB::GlobalTable': (id) => `local-${id}` },
  getAtt: { 'AWS::Cognito::UserPool.ProviderURL': () => 'cognito.example/pool' },
};

describe('Unit: resolveValue', () => {
  it('resolves references, attributes and joins with the local resources', () => {
    // Prepare
    const issuer = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Pool', 'ProviderURL'] }]] };

    // Act
    const table = resolveValue(template, local, { Ref: 'Table' }, 'TABLE_NAME');
    const url = resolveValue(template, local, issuer, 'JWT_ISSUER');

    // Assess
    expect(table).toBe('local-Table');
    expect(url).toBe('https://cognito.example/pool');
  });

  it('fails, naming the variable, on an intrinsic or a resource type it does not know', () => {
    // Prepare
    const imported = { 'Fn::ImportValue': 'SharedTopicArn' };

    // Act
    const resolveImport = () => resolveValue(template, local, imported, 'Fn: ARN');
    const resolveQueue = () => resolveValue(template, local, { Ref: 'Queue' }, 'Fn: QUEUE_URL');

    // Assess
    expect(resolveImport).toThrow(/^Fn: ARN: the rehearsal does not know how to resolve/);
    expect(resolveQueue).toThrow(/^Fn: QUEUE_URL: .*"Ref":"Queue"/);
  });
});

describe('Unit: matchRoute', () => {
  const routes: ApiRoute[] = [
    { method: 'GET', path: '/v1/{proxy+}', authorization: 'JWT', functionId: 'Api' },
    {
      method: 'GET',
      path: '/v1/sessions/{sessionId}/calendar.ics',
      authorization: 'JWT',
      functionId: 'Documents',
    },
    { method: 'GET', path: '/docs', authorization: 'NONE', functionId: 'Docs' },
  ];

  it('picks the most specific route, as API Gateway does, with its path parameters', () => {
    // Act
    const calendar = matchRoute(routes, 'GET', '/v1/sessions/s1/calendar.ics');
    const session = matchRoute(routes, 'GET', '/v1/sessions/s1');

    // Assess
    expect(calendar?.route.functionId).toBe('Documents');
    expect(calendar?.pathParameters).toEqual({ sessionId: 's1' });
    expect(session?.route.functionId).toBe('Api');
    expect(session?.pathParameters).toEqual({ proxy: 'sessions/s1' });
  });

  it('finds no route for another method or an unknown path', () => {
    // Act, Assess
    expect(matchRoute(routes, 'POST', '/docs')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/elsewhere')).toBeUndefined();
  });
});

describe('Unit: withoutRepresentativeEvent', () => {
  it('names a function nothing invokes and one invoked by an event the rehearsal lacks', () => {
    // Prepare
    const withRule: Template = {
      Resources: {
        ...template.Resources,
        Worker: { Type: 'AWS::Lambda::Function' },
        Idle: { Type: 'AWS::Lambda::Function' },
        Rule: {
          Type: 'AWS::Events::Rule',
          Properties: { Targets: [{ Arn: { 'Fn::GetAtt': ['Worker', 'Arn'] } }] },
        },
        Mapping: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: {
            FunctionName: { Ref: 'Fn' },
            EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          },
        },
        Stream: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: {
            FunctionName: { Ref: 'Worker' },
            EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
          },
        },
      },
    };
    const functions = ['Fn', 'Worker', 'Idle'].map((id) => ({
      path: id,
      triggers: triggersOf(withRule, id),
    }));

    // Act
    const missing = withoutRepresentativeEvent(functions, ['http', 'sqs']);

    // Assess
    expect(functions.map((fn) => fn.triggers)).toEqual([
      ['sqs'],
      ['eventbridge', 'dynamodb-stream'],
      [],
    ]);
    expect(missing).toEqual([
      'Worker: eventbridge',
      'Worker: dynamodb-stream',
      'Idle: nothing in the template invokes it',
    ]);
  });
});

describe('Unit: deployedFunctions', () => {
  it("keeps CDK's own handlers (a core provider, AwsCustomResource) out and finds the product function with its asset", () => {
    // Prepare
    const code = mkdtempSync(join(tmpdir(), 'rehearsal-code-'));
    writeFileSync(join(code, 'index.mjs'), 'export const handler = async () => 1;\n');
    const outdir = mkdtempSync(join(tmpdir(), 'rehearsal-unit-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Probe');
    new Bucket(stack, 'Messages', {
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    new AwsCustomResource(stack, 'Activate', {
      onCreate: {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: 'rules' },
        physicalResourceId: PhysicalResourceId.of('rules'),
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: AwsCustomResourcePolicy.ANY_RESOURCE,
      }),
    });
    new LambdaFunction(stack, 'Worker', {
      code: Code.fromAsset(code),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      environment: { TABLE_NAME: 'x' },
    });

    // Act
    const assembly = app.synth();
    const { functions, cdkOwn } = deployedFunctions(stack, assembly);

    // Assess
    expect(cdkOwn.sort()).toEqual([
      expect.stringMatching(/^AWS[0-9a-f]+/),
      expect.stringMatching(/^CustomS3AutoDeleteObjects/),
    ]);
    expect(functions).toEqual([
      expect.objectContaining({
        path: 'Worker',
        handler: 'index.handler',
        runtime: 'nodejs24.x',
        architectures: ['arm64'],
        environment: { TABLE_NAME: 'x' },
        triggers: [],
      }),
    ]);
    rmSync(code, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  });
});
