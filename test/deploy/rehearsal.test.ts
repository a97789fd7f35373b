import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addConferenceStack } from '../../infra/conference-app.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { planSession } from '../../shared/use-cases/sessions.js';
import { guardDutyScanResult } from '../events/events.js';
import { linkIn } from '../fixtures/mail-links.js';
import { rawReply } from '../fixtures/raw-mail.js';
import { type StoredMail, sesInbox } from '../fixtures/ses-inbox.js';
import { createTestIssuer } from '../fixtures/tokens.js';
import { httpApiEvent, sesReceipt, snsBounce, sqsBatch } from './events.js';
import { invokeBundle } from './invoke.js';
import { startAwsStandIn, startSecretsExtension } from './stand-ins.js';
import {
  type ApiRoute,
  apiRoutes,
  createTableFromTemplate,
  type DeployedFunction,
  deployedFunctions,
  handlerFile,
  type LocalResources,
  matchRoute,
  refersTo,
  resolveValue,
  type Template,
  type TriggerKind,
  withoutRepresentativeEvent,
} from './template.js';

/**
 * The deploy rehearsal: the stack is synthesized once (dev stage), and every
 * product function of the template is invoked from its bundle in the cloud
 * assembly, in a fresh Node process with the environment the template gives
 * it, against DynamoDB Local and the local SES. It proves that the bundles
 * and their configuration, as deployed, work together.
 */

const region = 'eu-central-1';
const account = '000000000000';
const userPoolId = `${region}_Rehearsal`;
const clientId = 'rehearsal-client';
const run = Date.now().toString(36);

interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** The trigger kinds this rehearsal has a representative event for. */
const rehearsedKinds: readonly TriggerKind[] = [
  'http',
  'sqs',
  'sns',
  'ses',
  'schedule',
  'cognito',
  'eventbridge',
];

let outdir: string;
let template: Template;
let functions: DeployedFunction[];
let cdkOwn: string[];
let routes: ApiRoute[];
let synthMs: number;
let local: LocalResources;
let tableNames: Record<string, string>;
let dynamodb: DynamoDBClient;
let repo: DynamoConferenceRepository;
let secrets: Awaited<ReturnType<typeof startSecretsExtension>>;
let aws: Awaited<ReturnType<typeof startAwsStandIn>>;
let issuer: Awaited<ReturnType<typeof createTestIssuer>>;
let secretValues: Record<string, string>;
/** The headers CloudFront adds on its way to the HTTP API (the origin-verify secret). */
let originHeaders: Record<string, string>;
const sessionToken = randomBytes(24).toString('base64url');
/** Which functions ran, with which kinds of event. */
const invoked = new Map<string, Set<TriggerKind>>();

const byTrigger = (kind: TriggerKind) => {
  const found = functions.filter((fn) => fn.triggers.includes(kind));
  if (found.length !== 1) {
    throw new Error(`Expected one function triggered by ${kind}, found ${found.length}.`);
  }
  return found[0] as DeployedFunction;
};

/** The function's environment: the template's, resolved, plus the local endpoints and what Lambda sets. */
const environmentOf = (fn: DeployedFunction): Record<string, string> => {
  const resolved = Object.fromEntries(
    Object.entries(fn.environment).map(([name, value]) => [
      name,
      resolveValue(template, local, value, `${fn.path}: ${name}`),
    ]),
  );
  return {
    ...resolved,
    // Where the deployed function reaches AWS, the rehearsal points it at local parts.
    DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
    SES_ENDPOINT: inject('sesEndpoint'),
    AWS_ENDPOINT_URL_S3: aws.endpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: aws.endpoint,
    // The user pool's keys are served locally; the issuer stays the template's Cognito URL.
    ...(resolved.JWT_ISSUER === undefined
      ? {}
      : { JWKS_URL: `${aws.endpoint}/.well-known/jwks.json` }),
    // What the Lambda runtime sets.
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'ASIAREHEARSAL',
    AWS_SECRET_ACCESS_KEY: 'rehearsal',
    AWS_SESSION_TOKEN: sessionToken,
    AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    LAMBDA_TASK_ROOT: fn.assetDir,
    _HANDLER: fn.handler,
    TZ: ':UTC',
  };
};

/**
 * What CloudFront adds to the requests it passes to the HTTP API: the
 * custom headers of the distribution's origins that point at the API, with
 * their Secrets Manager dynamic references resolved as CloudFormation
 * would (from the stand-in's values). None when there is no distribution.
 */
const cloudFrontOriginHeaders = (): Record<string, string> => {
  const headers: Record<string, string> = {};
  const apis = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Api')
    .map(([id]) => id);
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::CloudFront::Distribution') continue;
    const config = resource.Properties?.DistributionConfig as
      | {
          Origins?: {
            DomainName: unknown;
            OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
          }[];
        }
      | undefined;
    for (const origin of config?.Origins ?? []) {
      if (!apis.some((api) => refersTo(origin.DomainName, api))) continue;
      for (const header of origin.OriginCustomHeaders ?? []) {
        const value = resolveValue(
          template,
          local,
          header.HeaderValue,
          `${id}: ${header.HeaderName}`,
        );
        headers[header.HeaderName.toLowerCase()] = value.replace(
          /\{\{resolve:secretsmanager:(.+?):SecretString:::\}\}/g,
          (_, arn: string) => {
            const secret = secretValues[arn];
            if (secret === undefined)
              throw new Error(`${id}: no secret ${arn} for ${header.HeaderName}.`);
            return secret;
          },
        );
      }
    }
  }
  return headers;
};

const invokeWithLogs = async <T>(fn: DeployedFunction, kind: TriggerKind, event: unknown) => {
  const outcome = await invokeBundle<T>(fn, environmentOf(fn), event);
  const kinds = invoked.get(fn.logicalId) ?? new Set<TriggerKind>();
  kinds.add(kind);
  invoked.set(fn.logicalId, kinds);
  return outcome;
};

const invoke = async <T>(fn: DeployedFunction, kind: TriggerKind, event: unknown) =>
  (await invokeWithLogs<T>(fn, kind, event)).result;

/** A request through the HTTP API: the template's routes pick the function, as API Gateway would. */
const api = async (
  method: string,
  path: string,
  options: { token?: string; body?: unknown; query?: Record<string, string> } = {},
) => {
  const matched = matchRoute(routes, method, path);
  if (matched === undefined) throw new Error(`No route of the HTTP API serves ${method} ${path}.`);
  const fn = functions.find((candidate) => candidate.logicalId === matched.route.functionId);
  if (fn === undefined) throw new Error(`${method} ${path} goes to ${matched.route.functionId}.`);
  const { result: response, logs } = await invokeWithLogs<ApiResponse>(
    fn,
    'http',
    httpApiEvent({
      method,
      path,
      routeKey: `${matched.route.method} ${matched.route.path}`,
      pathParameters: matched.pathParameters,
      authorized: matched.route.authorization === 'JWT',
      ...(options.query === undefined ? {} : { query: options.query }),
      ...(options.token === undefined ? {} : { token: options.token }),
      headers: originHeaders,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    }),
  );
  const raw = Buffer.from(response.body ?? '', response.isBase64Encoded ? 'base64' : 'utf8');
  const text = raw.toString('utf8');
  const contentType = response.headers?.['content-type'] ?? '';
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    raw,
    text,
    json: contentType.includes('json') ? JSON.parse(text) : undefined,
    functionPath: fn.path,
    /** The answer with the function's logs, for assertion messages. */
    why: `${response.statusCode} from ${fn.path}: ${text.slice(0, 500)}\n${logs}`,
  };
};

beforeAll(async () => {
  const started = Date.now();
  outdir = mkdtempSync(join(tmpdir(), 'cdk-rehearsal-'));
  const app = new App({ outdir, context: { stage: 'dev', senderDomain: 'imk.example.org' } });
  addConferenceStack(app);
  const assembly = app.synth();
  synthMs = Date.now() - started;
  // Every stack of the app (the conference stack, its edge and mail-rule stacks), as one
  // set of resources: their logical ids must not clash for that.
  const stacks = app.node.children.filter((child): child is Stack => Stack.isStack(child));
  template = { Resources: {} };
  functions = [];
  cdkOwn = [];
  for (const stack of stacks) {
    const own = assembly.getStackArtifact(stack.artifactId).template as Template;
    for (const [id, resource] of Object.entries(own.Resources)) {
      if (template.Resources[id] !== undefined) {
        throw new Error(`${stack.stackName}: the logical id ${id} is also in another stack.`);
      }
      template.Resources[id] = resource;
    }
    const found = deployedFunctions(stack, assembly);
    functions.push(...found.functions);
    cdkOwn.push(...found.cdkOwn);
  }
  routes = apiRoutes(template);

  // The tables as the template defines them (key schema, GSIs), each under a name of this run.
  dynamodb = new DynamoDBClient({
    region,
    endpoint: inject('dynamodbEndpoint'),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  tableNames = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::DynamoDB::Table' && resource.Type !== 'AWS::DynamoDB::GlobalTable')
      continue;
    tableNames[id] = `rehearsal-${id}-${run}`;
    await dynamodb.send(new CreateTableCommand(createTableFromTemplate(resource, tableNames[id])));
  }
  const [mainTable, ...otherTables] = Object.values(tableNames);
  if (mainTable === undefined || otherTables.length > 0) {
    throw new Error(`Expected one table in the template, found ${Object.keys(tableNames)}.`);
  }
  repo = new DynamoConferenceRepository(
    createDocumentClient({ region, endpoint: inject('dynamodbEndpoint') }),
    mainTable,
  );

  const secretArn = (id: string) => `arn:aws:secretsmanager:${region}:${account}:secret:${id}-rHsL`;
  // Each secret of the template gets a value of its own, so that no function reads the wrong one unnoticed.
  secretValues = Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::SecretsManager::Secret')
      .map(([id]) => [secretArn(id), randomBytes(36).toString('base64url')]),
  );
  issuer = await createTestIssuer();
  aws = await startAwsStandIn({ jwks: { keys: [issuer.publicJwk] } });
  secrets = await startSecretsExtension({ sessionToken, secrets: secretValues });
  local = {
    region,
    account,
    ref: {
      'AWS::DynamoDB::Table': (id) => tableNames[id] ?? id,
      'AWS::DynamoDB::GlobalTable': (id) => tableNames[id] ?? id,
      'AWS::SecretsManager::Secret': secretArn,
      // The SDK sends to the host of the queue URL: the stand-in records every message.
      'AWS::SQS::Queue': (id) => `${aws.endpoint}/${account}/${id}`,
      'AWS::S3::Bucket': (id) => `rehearsal-${id.toLowerCase()}`,
      'AWS::SES::ConfigurationSet': (id) => `rehearsal-${id}`,
      'AWS::Cognito::UserPool': () => userPoolId,
      'AWS::Cognito::UserPoolClient': () => clientId,
      // The managed-login domain prefix (the sign-in's logout endpoint hangs below it).
      'AWS::Cognito::UserPoolDomain': (id) => `rehearsal-${id.toLowerCase()}`,
      'AWS::ApiGatewayV2::Api': (id) => `${id.toLowerCase().slice(0, 10)}`,
    },
    getAtt: {
      'AWS::Cognito::UserPool.ProviderURL': () =>
        `cognito-idp.${region}.amazonaws.com/${userPoolId}`,
      'AWS::CloudFront::Distribution.DomainName': (id) =>
        `${id.toLowerCase().slice(0, 12)}.cloudfront.net`,
    },
  };
  originHeaders = cloudFrontOriginHeaders();
}, 180_000);

afterAll(async () => {
  await Promise.all([secrets?.stop(), aws?.stop()]);
  for (const name of Object.values(tableNames ?? {})) {
    await dynamodb.send(new DeleteTableCommand({ TableName: name }));
  }
  if (outdir !== undefined) rmSync(outdir, { recursive: true, force: true });
});

describe('Deploy rehearsal: the synthesized bundles with their template configuration', () => {
  const staffToken = (role: string, email: string, bodies: string[]) =>
    issuer.sign({
      role,
      email,
      bodies,
      issuer: `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
      clientId,
    });
  const bodyId = `probe-${run}`;
  let admin: string;
  let secretariat: string;
  let sessionId: string;
  let mails: StoredMail[];
  let outboxIds: string[];
  const mailTo = (address: string) =>
    mails.find((mail) => mail.destination.to[0]?.includes(`<${address}>`));

  it('finds every product function, on Node.js 24 and arm64, with its handler in the asset and a rehearsed trigger', () => {
    console.info(`synth with bundling: ${synthMs} ms`);
    expect(functions.length).toBeGreaterThan(0);
    // A function added later needs an event here before the rehearsal passes again.
    expect(withoutRepresentativeEvent(functions, rehearsedKinds)).toEqual([]);
    // CDK's own custom-resource handlers (e.g. the bucket's auto-delete) are not product code.
    console.info(`left out as CDK's own: ${cdkOwn.join(', ') || 'none'}`);
    for (const fn of functions) {
      expect(fn.runtime, fn.path).toBe('nodejs24.x');
      expect(fn.architectures, fn.path).toEqual(['arm64']);
      expect(handlerFile(fn.assetDir, fn.handler), `${fn.path}: ${fn.handler}`).toBeDefined();
      // Every variable resolves: an intrinsic the rehearsal does not know fails here, named.
      expect(() => environmentOf(fn)).not.toThrow();
    }
  });

  it('creates the table from the template with the key schema and indexes the code queries', async () => {
    for (const [id, name] of Object.entries(tableNames)) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
      const defined = (template.Resources[id]?.Properties?.GlobalSecondaryIndexes ?? []) as {
        IndexName: string;
      }[];
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        defined.map((index) => index.IndexName).sort(),
      );
    }
  });

  it('sets up a body and plans a session through the API function, and reads it back', async () => {
    admin = await staffToken('admin', 'admin@imk.example.org', []);
    secretariat = await staffToken('secretariat', 'gs@imk.example.org', [bodyId]);
    const health = await api('GET', '/health');
    expect(health.status, health.why).toBe(200);
    const body = await api('POST', '/v1/bodies', {
      token: admin,
      body: {
        id: bodyId,
        name: 'Probe der Bereitstellung',
        shortName: 'Probe',
        kind: 'working_group',
        decisionRule: { kind: 'majority' },
      },
    });
    expect(body.status, body.why).toBe(201);
    for (const memberId of ['DE-BY', 'DE-HH']) {
      const member = await api('POST', `/v1/bodies/${bodyId}/members`, {
        token: admin,
        body: {
          memberId,
          name: memberId,
          voting: true,
          people: [
            {
              capacity: 'principal',
              name: `Leitung ${memberId}`,
              function: 'Abteilungsleitung',
              email: `al@${memberId.toLowerCase()}.example.org`,
            },
          ],
        },
      });
      expect(member.status, member.why).toBe(201);
    }
    const startsAt = new Date(Date.now() + 60 * 86_400_000);
    const planned = await api('POST', `/v1/bodies/${bodyId}/sessions`, {
      token: secretariat,
      body: {
        kind: 'regular',
        title: 'Sitzung der Bereitstellungsprobe',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 6 * 3600_000).toISOString(),
        place: { city: 'München', building: 'Innenministerium', room: 'Saal 1' },
        hostMemberId: 'DE-BY',
      },
    });
    expect(planned.status, planned.why).toBe(201);
    sessionId = planned.json.id;
    const read = await api('GET', `/v1/sessions/${sessionId}`, { token: secretariat });
    expect(read.status, read.why).toBe(200);
    expect(read.json).toMatchObject({
      title: 'Sitzung der Bereitstellungsprobe',
      state: 'planned',
    });
  });

  it('invites through the API function and delivers the outbox through the mailer: mails in the local SES, entries sent', async () => {
    const invited = await api('POST', `/v1/sessions/${sessionId}/invitations`, {
      token: secretariat,
      body: {},
    });
    expect(invited.status, invited.why).toBe(202);
    expect(invited.json.invited).toHaveLength(2);
    const queued = await api('GET', '/v1/outbox', { token: admin, query: { state: 'queued' } });
    expect(queued.status, queued.why).toBe(200);
    outboxIds = (queued.json.items as { id: string }[]).map((entry) => entry.id);
    expect(outboxIds).toHaveLength(2);

    await sesInbox.clear();
    const mailer = byTrigger('sqs');
    const queueName = 'outbox';
    const result = await invoke<{ batchItemFailures: unknown[] }>(
      mailer,
      'sqs',
      sqsBatch(queueName, [
        ...outboxIds.map((outboxId) => JSON.stringify({ outboxId })),
        // A message that can never be read goes to the dead-letter queue at once.
        'not an outbox message',
      ]),
    );
    expect(result.batchItemFailures).toEqual([]);
    mails = await sesInbox.all();
    expect(mails.map((mail) => mail.destination.to[0]).sort()).toEqual([
      '"Leitung DE-BY" <al@de-by.example.org>',
      '"Leitung DE-HH" <al@de-hh.example.org>',
    ]);
    for (const id of outboxIds) {
      expect((await repo.getOutboxEntry(id))?.state).toBe('sent');
    }
    // The link key came through the extension, asked with the function's session token.
    expect(secrets.requests.length).toBeGreaterThan(0);
    // Only the unreadable message reached SQS: the template's dead-letter queue URL, through the stand-in.
    expect(aws.sqsMessages).toEqual([
      {
        action: 'SendMessage',
        queueUrl: expect.stringMatching(new RegExp(`^${aws.endpoint}/${account}/`)),
        body: 'not an outbox message',
      },
    ]);
  });

  it('presigns a paper upload through the API function, whose S3 client loads from a split chunk on first use', async () => {
    const upload = await api('POST', `/v1/sessions/${sessionId}/paper-uploads`, {
      token: secretariat,
      body: { fileName: 'Bericht.pdf' },
    });
    expect(upload.status, upload.why).toBe(201);
    expect(upload.json.url).toContain('rehearsal-');
    expect(upload.json.fields).toHaveProperty('Policy');
  });

  it('answers the link page of an invitation mail from the documents function', async () => {
    const page = await api('GET', linkIn(mailTo('al@de-by.example.org'), '/links/invitations/'));
    expect(page.functionPath).toMatch(/^Documents/);
    expect(page.status, page.why).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Sitzung der Bereitstellungsprobe');
  });

  it('renders the PDF collection from the renderer function', async () => {
    const pdf = await api('GET', `/public/sessions/${sessionId}/resolutions.pdf`);
    expect(pdf.functionPath).toMatch(/^Renderer/);
    expect(pdf.status, pdf.why).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('serves the console and its assets, copied beside the bundle, from the console function', async () => {
    const page = await api('GET', '/console', { token: secretariat });
    expect(page.functionPath).toMatch(/^Console/);
    expect(page.status, page.why).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Bereitstellungsprobe');
    const htmx = /src="\/assets\/htmx\.min\.js\?v=([\w-]+)"/.exec(page.text)?.[1];
    expect(htmx, page.why).toBeDefined();
    const script = await api('GET', '/assets/htmx.min.js', { query: { v: htmx ?? '' } });
    expect(script.status, script.why).toBe(200);
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.text).toContain('htmx');
  });

  it('renders the public pages from the documents function, linking the stylesheet the console function serves', async () => {
    const page = await api('GET', `/public/sessions/${sessionId}`);
    expect(page.functionPath).toMatch(/^Documents/);
    expect(page.status, page.why).toBe(200);
    expect(page.text).toContain('Bereitstellungsprobe');
    const version = /href="\/assets\/console\.css\?v=([\w-]+)"/.exec(page.text)?.[1];
    expect(version, page.why).toBeDefined();
    // The same hash as the console function's copy: the browser gets the file it was promised.
    const sheet = await api('GET', '/assets/console.css', { query: { v: version ?? '' } });
    expect(sheet.status, sheet.why).toBe(200);
    expect(sheet.headers['cache-control']).toContain('immutable');
    const form = await api('GET', '/public/press-list/subscription');
    expect(form.functionPath).toMatch(/^Documents/);
    expect(form.status, form.why).toBe(200);
    expect(form.text).toContain('Presseliste abonnieren');
  });

  it('serves /docs and the OpenAPI document from the docs function', async () => {
    const page = await api('GET', '/docs');
    expect(page.functionPath).toMatch(/^Docs/);
    expect(page.status, page.why).toBe(200);
    expect(page.text).toMatch(/swagger-ui/i);
    const document = await api('GET', '/openapi.json');
    expect(document.status, document.why).toBe(200);
    expect(document.json.openapi).toMatch(/^3\./);
  });

  it('marks the invitation whose mail bounced, from an SNS notification of the configuration set', async () => {
    const entries = await Promise.all(outboxIds.map((id) => repo.getOutboxEntry(id)));
    const bavaria = (await repo.listInvitations(sessionId)).find((i) => i.memberId === 'DE-BY');
    const entry = entries.find(
      (candidate) =>
        candidate !== undefined &&
        'invitationId' in candidate &&
        candidate.invitationId === bavaria?.id,
    );
    expect(entry?.messageId).toBeDefined();
    await invoke(
      byTrigger('sns'),
      'sns',
      snsBounce(entry?.messageId ?? '', 'al@de-by.example.org'),
    );
    const marked = await repo.getInvitation(sessionId, bavaria?.id ?? '');
    expect(marked?.delivery?.problem).toBe('bounced');
  });

  it('records an answer by reply mail: SES receipt event, the raw message read from S3', async () => {
    // Where the receipt rule that invokes the function has SES store the message.
    const inbound = byTrigger('ses');
    const rule = Object.values(template.Resources).find(
      (resource) =>
        resource.Type === 'AWS::SES::ReceiptRule' &&
        refersTo(resource.Properties, inbound.logicalId),
    )?.Properties?.Rule as {
      Recipients: string[];
      Actions: { S3Action?: { BucketName: unknown; ObjectKeyPrefix?: string } }[];
    };
    const store = rule.Actions.find((action) => action.S3Action !== undefined)?.S3Action;
    const bucket = resolveValue(template, local, store?.BucketName, 'receipt rule: BucketName');
    const prefix = store?.ObjectKeyPrefix ?? '';
    const replyTo = mailTo('al@de-hh.example.org')?.replyTo[0] ?? '';
    // SES hands the message to the rule only when a recipient matches it.
    expect(
      rule.Recipients.some((recipient) => replyTo.endsWith(`@${recipient}`)),
      `${replyTo} is not for ${rule.Recipients}`,
    ).toBe(true);
    const messageId = `rehearsal${run}`;
    aws.putObject(
      bucket,
      `${prefix}${messageId}`,
      rawReply({
        from: 'al@de-hh.example.org',
        to: replyTo,
        messageId: `<${messageId}@de-hh.example.org>`,
        text: 'Zusage, mit Dank.',
      }),
    );
    await invoke(
      inbound,
      'ses',
      sesReceipt({
        messageId,
        from: 'al@de-hh.example.org',
        to: replyTo,
        subject: 'AW: Einladung',
        verdict: 'PASS',
      }),
    );
    expect(aws.s3Reads).toEqual([`${bucket}/${prefix}${messageId}`]);
    const hamburgInvitation = (await repo.listInvitations(sessionId)).find(
      (i) => i.memberId === 'DE-HH',
    );
    expect(hamburgInvitation?.answer?.status).toBe('accepted');
  });

  it('hands GuardDuty’s scan result, as the rule for the papers bucket matches it, to the paper-scan function', async () => {
    // Prepare: the rule that invokes the function, and the bucket the function is told
    const scan = byTrigger('eventbridge');
    const rule = Object.values(template.Resources).find(
      (resource) =>
        resource.Type === 'AWS::Events::Rule' &&
        refersTo(resource.Properties?.Targets, scan.logicalId),
    );
    const pattern = rule?.Properties?.EventPattern as {
      source: string[];
      'detail-type': string[];
      detail: { s3ObjectDetails: { bucketName: unknown[] } };
    };
    const bucket = environmentOf(scan).PAPERS_BUCKET ?? '';
    const event = guardDutyScanResult();
    event.detail.s3ObjectDetails.bucketName = bucket;
    // An attached paper's key whose paper the table does not know (none was uploaded here).
    event.detail.s3ObjectDetails.objectKey = `papers/${bodyId}/${sessionId}/01JQ8Z6M4K3T9V2W5X7Y8Z0A1B/1`;
    expect(pattern.source).toContain(event.source);
    expect(pattern['detail-type']).toContain(event['detail-type']);
    expect(
      pattern.detail.s3ObjectDetails.bucketName.map((name) =>
        resolveValue(template, local, name, 'scan rule: bucketName'),
      ),
    ).toEqual([bucket]);

    // Act
    const { logs } = await invokeWithLogs(scan, 'eventbridge', event);

    // Assess: read from the template's table, and left alone as a result for no known paper
    const recorded = logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.message === 'paper scan recorded');
    expect(recorded, logs).toMatchObject({
      objectKey: event.detail.s3ObjectDetails.objectKey,
      status: 'NO_THREATS_FOUND',
      outcome: 'unknown-paper',
    });
  });

  it('runs the scheduled jobs on a Scheduler event and sends a due reminder', async () => {
    const scheduled = byTrigger('schedule');
    // A session invited ten days ago whose answer deadline is two days ahead: the 7-day reminder is due.
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    // The mailer signs the reminders' links with the template's link key.
    const linkSecretArn = environmentOf(byTrigger('sqs')).LINK_SECRET_ARN;
    const deps = {
      repo,
      clock: { now: () => tenDaysAgo },
      linkSecret: secretValues[linkSecretArn ?? ''] ?? '',
    };
    const { value: session } = await planSession(deps, systemActor, bodyId, {
      kind: 'video',
      title: 'Schalte der Bereitstellungsprobe',
      startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 5 * 86_400_000 + 3600_000).toISOString(),
      videoLink: 'https://video.example.org/probe',
      answerDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    await sendInvitations(deps, systemActor, session.id, {});
    const schedule = Object.values(template.Resources).find(
      (resource) => resource.Type === 'AWS::Scheduler::Schedule',
    );
    const input = (schedule?.Properties?.Target as { Input?: string } | undefined)?.Input;
    const result = await invoke<{
      reminders: { sessions: number; reminders: number };
      failures: unknown[];
    }>(
      scheduled,
      'schedule',
      // The Scheduler passes the target's Input, or an empty object without one.
      input === undefined ? {} : JSON.parse(input),
    );
    expect(result.reminders).toEqual({ sessions: 1, reminders: 2 });
    expect(result.failures).toEqual([]);
    expect((await repo.getSession(session.id))?.remindersSent).toEqual([168]);

    // The reminders leave through the mailer like every mail.
    const reminders = (await repo.listOutboxInState('queued', { limit: 10 })).items.filter(
      (entry) => entry.kind === 'reminder',
    );
    expect(reminders).toHaveLength(2);
    await sesInbox.clear();
    const sent = await invoke<{ batchItemFailures: unknown[] }>(
      byTrigger('sqs'),
      'sqs',
      sqsBatch(
        'outbox',
        reminders.map((entry) => JSON.stringify({ outboxId: entry.id })),
      ),
    );
    expect(sent.batchItemFailures).toEqual([]);
    const reminderMails = await sesInbox.all();
    expect(reminderMails).toHaveLength(2);
    for (const mail of reminderMails) expect(mail.subject).toMatch(/Erinnerung/);
  });

  it('puts the staff directory’s grants into the access token: the pre-token trigger on a Cognito V2 event', async () => {
    // Prepare: an admin adds a member of Hamburg's office through the API function.
    const added = await api('POST', '/v1/staff', {
      token: admin,
      body: {
        email: 'referat@de-hh.example.org',
        name: 'Referat Innenministerkonferenz',
        grants: [{ bodyId, role: 'member', memberId: 'DE-HH' }],
      },
    });
    expect(added.status, added.why).toBe(201);
    // The account was created in the stack's user pool (Cognito mails the invitation).
    expect(aws.cognitoCalls.map((call) => call.action)).toContain('AdminCreateUser');
    const userPool = Object.values(template.Resources).find(
      (resource) => resource.Type === 'AWS::Cognito::UserPool',
    );
    const config = (
      userPool?.Properties?.LambdaConfig as {
        PreTokenGenerationConfig?: { LambdaVersion?: string };
      }
    )?.PreTokenGenerationConfig;
    expect(config?.LambdaVersion).toBe('V2_0');

    // Act: Cognito asks the trigger while it issues the tokens of a sign-in.
    const result = await invoke<{
      response: {
        claimsAndScopeOverrideDetails: {
          accessTokenGeneration?: { claimsToAddOrOverride?: Record<string, string> };
          groupOverrideDetails?: { groupsToOverride?: string[] };
        };
      };
    }>(byTrigger('cognito'), 'cognito', {
      version: '2',
      triggerSource: 'TokenGeneration_HostedAuth',
      region,
      userPoolId: `${region}_Rehearsal`,
      userName: '3c5d9a2e-7071-4f3b-9d2e-8b1f0c6a4e11',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'rehearsal' },
      request: {
        userAttributes: {
          sub: '3c5d9a2e-7071-4f3b-9d2e-8b1f0c6a4e11',
          email: 'referat@de-hh.example.org',
          email_verified: 'true',
        },
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
        scopes: ['openid', 'email', 'profile'],
      },
      response: { claimsAndScopeOverrideDetails: {} },
    });

    // Assess
    const details = result.response.claimsAndScopeOverrideDetails;
    expect(details.groupOverrideDetails?.groupsToOverride).toEqual(['member']);
    expect(details.accessTokenGeneration?.claimsToAddOrOverride).toMatchObject({
      email: 'referat@de-hh.example.org',
      bodies: bodyId,
      grants: `member:${bodyId}`,
    });
  });

  it('has invoked every product function with every kind of event the template sends it', () => {
    for (const fn of functions) {
      expect([...(invoked.get(fn.logicalId) ?? [])].sort(), fn.path).toEqual(
        [...fn.triggers].sort(),
      );
    }
  });
});
