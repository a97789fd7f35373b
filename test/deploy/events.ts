import { createHash, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';

const region = 'eu-central-1';
const viewer = '203.0.113.7';
const edge = '130.176.1.1';
const account = '000000000000';

/** An API Gateway HTTP API request (payload format 2.0), as the matched route hands it on. */
export const httpApiEvent = (request: {
  method: string;
  path: string;
  routeKey: string;
  pathParameters: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** With a JWT authorizer on the route, the verified token's claims travel in the context. */
  token?: string;
  authorized: boolean;
}) => {
  const rawQueryString = new URLSearchParams(request.query ?? {}).toString();
  const now = Date.now();
  const headers: Record<string, string> = {
    host: 'api.imk.example.org',
    'x-forwarded-proto': 'https',
    // CloudFront appends the viewer's address; API Gateway sees the edge's.
    'x-forwarded-for': `${viewer}, ${edge}`,
    'user-agent': 'deploy-rehearsal',
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(request.token === undefined ? {} : { authorization: `Bearer ${request.token}` }),
    ...request.headers,
  };
  return {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.path,
    rawQueryString,
    headers,
    ...(rawQueryString === '' ? {} : { queryStringParameters: request.query }),
    ...(Object.keys(request.pathParameters).length === 0
      ? {}
      : { pathParameters: request.pathParameters }),
    requestContext: {
      accountId: account,
      apiId: 'rehearsal',
      ...(request.authorized && request.token !== undefined
        ? { authorizer: { jwt: { claims: decodeJwt(request.token), scopes: null } } }
        : {}),
      domainName: 'api.imk.example.org',
      domainPrefix: 'api',
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: edge,
        userAgent: 'deploy-rehearsal',
      },
      requestId: randomUUID(),
      routeKey: request.routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(request.body === undefined ? {} : { body: request.body }),
    isBase64Encoded: false,
  };
};

/** A batch from an SQS event source mapping, one record per body. */
export const sqsBatch = (queueName: string, bodies: readonly string[]) => ({
  Records: bodies.map((body) => ({
    messageId: randomUUID(),
    receiptHandle: `rehearsal-${randomUUID()}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AROAREHEARSAL',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${region}:${account}:${queueName}`,
    awsRegion: region,
  })),
});

/** SNS delivering an SES bounce notification of the configuration set to a Lambda subscription. */
export const snsBounce = (sesMessageId: string, recipient: string) => {
  const topicArn = `arn:aws:sns:${region}:${account}:ses-bounces`;
  const message = {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `${randomUUID()}-000000`,
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        {
          emailAddress: recipient,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      timestamp: new Date().toISOString(),
    },
    mail: {
      timestamp: new Date().toISOString(),
      source: 'einladung@imk.example.org',
      messageId: sesMessageId,
      destination: [recipient],
    },
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: null,
          Message: JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'rehearsal',
          SigningCertUrl: 'https://sns.eu-central-1.amazonaws.com/cert.pem',
          UnsubscribeUrl: 'https://sns.eu-central-1.amazonaws.com/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
};

/** SES invoking a receipt rule's Lambda action for a message it stored in S3. */
export const sesReceipt = (options: {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  verdict: 'PASS' | 'FAIL';
}) => {
  const now = new Date().toISOString();
  const verdict = { status: options.verdict };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: now,
            source: options.from,
            messageId: options.messageId,
            destination: [options.to],
            headersTruncated: false,
            headers: [
              { name: 'From', value: options.from },
              { name: 'To', value: options.to },
              { name: 'Subject', value: options.subject },
            ],
            commonHeaders: {
              returnPath: options.from,
              from: [options.from],
              date: new Date().toUTCString(),
              to: [options.to],
              messageId: `<${options.messageId}@rehearsal>`,
              subject: options.subject,
            },
          },
          receipt: {
            timestamp: now,
            processingTimeMillis: 120,
            recipients: [options.to],
            spamVerdict: verdict,
            virusVerdict: verdict,
            spfVerdict: verdict,
            dkimVerdict: verdict,
            dmarcVerdict: verdict,
            action: {
              type: 'Lambda',
              functionArn: `arn:aws:lambda:${region}:${account}:function:inbound`,
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
};
