import { readFileSync } from 'node:fs';
import { assetSources } from '../functions/http/console/assets.js';
import { openApiFileName } from '../functions/http/openapi/file-name.js';
import { productDocument } from '../functions/http/openapi/product-document.js';
import { guardDutyScanResult } from '../test/events/events.js';

/** The functions the benchmark measures: entry, and the typical request it answers. */
export interface BenchContext {
  token: string;
  sessionId: string;
  /** Queued outbox entries, one for each cold start of the mailer. */
  outboxIds: string[];
  /** The signed answer link of one invitation of the demo session. */
  answerToken: string;
  /** A published press release of the demo body. */
  releaseId: string;
  /** Which round this is (the recording run is the last). */
  round: number;
}

export interface BenchFunction {
  name: string;
  entry: string;
  /** Builds the Lambda event of one typical request. */
  event: (context: BenchContext) => unknown;
  /** Files shipped beside the bundle, as the CDK stack ships them. */
  files?: () => Record<string, string>;
  /** Folders shipped beside the bundle: target name → folder in the repository. */
  folders?: Record<string, string>;
}

const httpEvent = (method: string, path: string, token?: string) => ({
  version: '2.0',
  routeKey: `${method} ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: {
    host: 'api.example.org',
    'x-forwarded-proto': 'https',
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
  },
  requestContext: {
    accountId: '000000000000',
    apiId: 'bench',
    domainName: 'api.example.org',
    domainPrefix: 'api',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench',
    routeKey: `${method} ${path}`,
    stage: '$default',
    time: '23/Nov/2026:08:00:00 +0000',
    timeEpoch: 1795420800000,
  },
  isBase64Encoded: false,
});

const stylesheet = () => ({ 'console.css': readFileSync(assetSources['console.css'], 'utf8') });

export const linkConfirmEvent = (token: string, round: number) => ({
  ...httpEvent('POST', `/links/invitations/${token}`),
  headers: {
    host: 'api.example.org',
    'x-forwarded-proto': 'https',
    'content-type': 'application/x-www-form-urlencoded',
  },
  // A real change in every round: the answer alternates.
  body: `status=${round % 2 === 0 ? 'accepted' : 'declined'}`,
});

export const benchFunctions: BenchFunction[] = [
  {
    name: 'api',
    entry: 'functions/http/lambda.ts',
    event: ({ token }) => httpEvent('GET', '/v1/bodies/imk', token),
  },
  {
    name: 'documents',
    entry: 'functions/http/documents-lambda.ts',
    event: ({ token, sessionId }) =>
      httpEvent('GET', `/v1/sessions/${sessionId}/calendar.ics`, token),
    // The pages link the console's stylesheet, copied beside the bundle as the CDK does.
    files: stylesheet,
  },
  {
    name: 'console',
    entry: 'functions/http/console-lambda.ts',
    event: ({ token }) => httpEvent('GET', '/console', token),
    // htmx and the console's own script and stylesheet, copied beside the bundle as the CDK does.
    files: () =>
      Object.fromEntries(
        Object.entries(assetSources).map(([name, path]) => [name, readFileSync(path, 'utf8')]),
      ),
  },
  {
    name: 'mailer',
    entry: 'functions/events/mailer.ts',
    event: ({ outboxIds, round }) => ({
      Records: [
        {
          messageId: `bench-${round}`,
          receiptHandle: 'bench',
          body: JSON.stringify({ outboxId: outboxIds[round] }),
          attributes: {},
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:outbox',
          awsRegion: 'eu-central-1',
        },
      ],
    }),
  },
  {
    name: 'scheduled-jobs',
    entry: 'functions/events/scheduled-jobs.ts',
    event: () => ({}),
  },
  {
    name: 'inbound-mail',
    entry: 'functions/events/inbound-mail.ts',
    // A reply whose raw message the bench's stand-in for S3 serves.
    event: ({ round }) => ({
      Records: [
        {
          eventSource: 'aws:ses',
          eventVersion: '1.0',
          ses: {
            mail: { messageId: `bench-inbound-${round}`, source: 'minister@de-by.example.org' },
            receipt: {
              recipients: ['antwort+01JDE5BA77000000000000000A.abcdefABCDEF@imk.example.org'],
              dkimVerdict: { status: 'PASS' },
              dmarcVerdict: { status: 'PASS' },
              spamVerdict: { status: 'PASS' },
              virusVerdict: { status: 'PASS' },
            },
          },
        },
      ],
    }),
  },
  {
    name: 'mail-events',
    entry: 'functions/events/mail-events.ts',
    // A permanent bounce of a message this product never sent: looked up, nothing to mark.
    event: ({ round }) => ({
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: 'arn:aws:sns:eu-central-1:000000000000:mail-events:bench',
          Sns: {
            Type: 'Notification',
            MessageId: `bench-${round}`,
            TopicArn: 'arn:aws:sns:eu-central-1:000000000000:mail-events',
            Subject: null,
            Message: JSON.stringify({
              eventType: 'Bounce',
              mail: { messageId: `unknown-${round}` },
              bounce: { bounceType: 'Permanent', bouncedRecipients: [] },
            }),
            Timestamp: '2026-11-23T08:00:00.000Z',
            SignatureVersion: '1',
            Signature: '',
            SigningCertUrl: '',
            UnsubscribeUrl: '',
            MessageAttributes: {},
          },
        },
      ],
    }),
  },
  {
    name: 'renderer',
    entry: 'functions/http/renderer-lambda.ts',
    event: ({ sessionId }) => httpEvent('GET', `/public/sessions/${sessionId}/resolutions.pdf`),
    files: () => ({
      ...stylesheet(),
      'package.json': JSON.stringify({
        type: 'module',
        imports: { '#standard-fonts/*': './standard-fonts/*.cjs' },
      }),
    }),
    folders: { 'standard-fonts': 'node_modules/pdfkit/js/standard-fonts' },
  },
  {
    name: 'pre-token',
    entry: 'functions/events/pre-token.ts',
    // A sign-in of a demo staff member: the grants are read from the staff directory.
    event: () => ({
      version: '2',
      triggerSource: 'TokenGeneration_HostedAuth',
      region: 'eu-central-1',
      userPoolId: 'eu-central-1_Bench',
      userName: 'bench-user',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'bench' },
      request: {
        userAttributes: { sub: 'bench-user', email: 'gs@imk.example.org', email_verified: 'true' },
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
        scopes: ['openid', 'email', 'profile'],
      },
      response: { claimsAndScopeOverrideDetails: {} },
    }),
  },
  {
    name: 'paper-scan',
    entry: 'functions/events/paper-scan.ts',
    // GuardDuty's result for an object that is no paper of the product: looked up, nothing to do.
    event: ({ round }) => ({
      ...guardDutyScanResult(),
      id: `bench-scan-${round}`,
    }),
  },
  {
    name: 'floor',
    entry: 'bench/floor-handler.ts',
    event: ({ token }) => httpEvent('GET', '/v1/bodies/imk', token),
  },
  {
    name: 'floor-untraced',
    entry: 'bench/floor-untraced-handler.ts',
    event: ({ token }) => httpEvent('GET', '/v1/bodies/imk', token),
  },
  {
    name: 'docs',
    entry: 'functions/http/docs-lambda.ts',
    event: () => httpEvent('GET', '/openapi.json'),
    files: () => ({ [openApiFileName]: JSON.stringify(productDocument()) }),
  },
];

/** How the bare work of a request is made: its DynamoDB requests, plus a pdfkit document or one SES call. */
export type BareKind = 'dynamodb' | 'pdfkit' | 'ses';

/** A request a person waits for on a cold function, with its target against its bare work. */
export interface ColdRequest {
  name: string;
  /** The bench function (bundle) that answers it. */
  bundle: string;
  event: (context: BenchContext) => unknown;
  bare: BareKind;
  /** Cold start × bare work must stay within this; undefined: reported only. */
  target?: number;
}

const byName = (name: string) => {
  const found = benchFunctions.find((fn) => fn.name === name);
  if (found === undefined) throw new Error(`No bench function ${name}.`);
  return found;
};

/** The typical request of a bench function (its `event`), under a name. */
const typical = (bundle: string, name: string, bare: BareKind, target?: number): ColdRequest => ({
  name,
  bundle,
  event: (context) => byName(bundle).event(context),
  bare,
  ...(target === undefined ? {} : { target }),
});

export const coldRequests: ColdRequest[] = [
  typical('api', 'API: GET /v1/bodies/imk', 'dynamodb', 1.3),
  typical('floor', 'floor of the fixed libraries: GET /v1/bodies/imk', 'dynamodb'),
  typical('floor-untraced', 'the same floor without the tracer (X-Ray SDK)', 'dynamodb'),
  {
    name: 'API: attendance board',
    bundle: 'api',
    event: ({ token, sessionId }) =>
      httpEvent('GET', `/v1/sessions/${sessionId}/attendance`, token),
    bare: 'dynamodb',
    target: 1.3,
  },
  {
    name: 'link page: open',
    bundle: 'documents',
    event: ({ answerToken }) => httpEvent('GET', `/links/invitations/${answerToken}`),
    bare: 'dynamodb',
    target: 1.3,
  },
  {
    name: 'link page: confirm',
    bundle: 'documents',
    event: ({ answerToken, round }) => linkConfirmEvent(answerToken, round),
    bare: 'dynamodb',
    target: 1.3,
  },
  typical('console', 'console: overview', 'dynamodb', 1.3),
  {
    name: 'public release page',
    bundle: 'documents',
    event: ({ releaseId }) => httpEvent('GET', `/public/press-releases/${releaseId}`),
    bare: 'dynamodb',
    target: 1.3,
  },
  typical('renderer', 'renderer: resolutions PDF', 'pdfkit', 2),
  typical('mailer', 'mailer: first mail of an invitation', 'ses', 1.3),
  typical('documents', 'documents: session calendar (.ics)', 'dynamodb'),
  typical('scheduled-jobs', 'scheduled-jobs: one run of every sweep', 'dynamodb'),
  typical('inbound-mail', 'inbound-mail: a reply "Zusage"', 'dynamodb'),
  typical('mail-events', 'mail-events: a bounce', 'dynamodb'),
  typical('pre-token', 'pre-token: a sign-in', 'dynamodb'),
  typical('paper-scan', 'paper-scan: a scan result', 'dynamodb'),
  typical('docs', 'docs: GET /openapi.json', 'dynamodb'),
];
