import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });

const close = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

/** The port the AWS Parameters and Secrets Lambda extension listens on; the product reads it there. */
export const secretsExtensionPort = 2773;

/**
 * A stand-in for the AWS Parameters and Secrets Lambda extension. There is
 * no local Secrets Manager, so the rehearsal serves the extension's small
 * HTTP interface itself: `GET /secretsmanager/get?secretId=<arn>` with the
 * `X-Aws-Parameters-Secrets-Token` header, which the real extension checks
 * against the function's AWS_SESSION_TOKEN. The product calls it at the
 * fixed http://localhost:2773 (shared/adapters/secrets/link-secret.ts reads
 * no port variable), so this stand-in must have that port; it fails with a
 * clear message when something else holds it.
 */
export const startSecretsExtension = async (options: {
  sessionToken: string;
  secrets: Record<string, string>;
}) => {
  const requests: string[] = [];
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' || url.pathname !== '/secretsmanager/get') {
      return json(response, 404, { message: 'not found' });
    }
    if (request.headers['x-aws-parameters-secrets-token'] !== options.sessionToken) {
      return json(response, 401, { message: 'missing or wrong X-Aws-Parameters-Secrets-Token' });
    }
    const secretId = url.searchParams.get('secretId') ?? '';
    requests.push(secretId);
    const value = options.secrets[secretId];
    if (value === undefined) {
      return json(response, 400, {
        message: `ResourceNotFoundException: Secrets Manager can't find the specified secret.`,
      });
    }
    return json(response, 200, {
      ARN: secretId,
      Name: secretId.split(':').at(-1),
      SecretString: value,
      VersionId: 'rehearsal',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: new Date().toISOString(),
    });
  };
  // The product asks for `localhost`, which may resolve to either loopback address.
  const servers: Server[] = [];
  for (const host of ['127.0.0.1', '::1']) {
    const server = createServer(handle);
    try {
      await listen(server, secretsExtensionPort, host);
      servers.push(server);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (host === '::1' && code === 'EADDRNOTAVAIL') continue;
      await Promise.all(servers.map(close));
      throw new Error(
        code === 'EADDRINUSE'
          ? `Port ${secretsExtensionPort} (${host}) is in use: the rehearsal serves the secrets extension there. Is another rehearsal running?`
          : `Cannot serve the secrets extension on ${host}:${secretsExtensionPort}: ${String(error)}`,
      );
    }
  }
  return { requests, stop: () => Promise.all(servers.map(close)) };
};

/** A message the SQS stand-in received. */
export interface ReceivedSqsMessage {
  action: string;
  queueUrl: string;
  body: string;
}

/**
 * One local HTTP server standing in for what the deployed functions reach
 * besides DynamoDB and SES: the user pool's JWKS, S3 GetObject (path style,
 * through AWS_ENDPOINT_URL_S3, which the SDK reads), SQS SendMessage
 * (the SDK sends to the host of the queue URL, which points here) and the
 * user pool's admin calls (through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER). It
 * records what it was asked, so the rehearsal can assert on it.
 */
export const startAwsStandIn = async (options: { jwks: { keys: JWK[] } }) => {
  const objects = new Map<string, Buffer>();
  const s3Reads: string[] = [];
  const sqsMessages: ReceivedSqsMessage[] = [];
  const cognitoCalls: Array<{ action: string; input: Record<string, unknown> }> = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const target = request.headers['x-amz-target'];
    if (request.method === 'GET' && url.pathname === '/.well-known/jwks.json') {
      return json(response, 200, options.jwks);
    }
    if (
      request.method === 'POST' &&
      typeof target === 'string' &&
      target.startsWith('AmazonSQS.')
    ) {
      const input = JSON.parse((await readBody(request)).toString('utf8')) as {
        QueueUrl: string;
        MessageBody: string;
      };
      const action = target.slice('AmazonSQS.'.length);
      sqsMessages.push({ action, queueUrl: input.QueueUrl, body: input.MessageBody });
      if (action !== 'SendMessage') {
        return json(response, 400, { __type: 'InvalidAction', message: `${action} is not served` });
      }
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      return response.end(
        JSON.stringify({
          MessageId: `rehearsal-${sqsMessages.length}`,
          MD5OfMessageBody: createHash('md5').update(input.MessageBody).digest('hex'),
        }),
      );
    }
    if (
      request.method === 'POST' &&
      typeof target === 'string' &&
      target.startsWith('AWSCognitoIdentityProviderService.')
    ) {
      // Cognito's JSON protocol, through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER:
      // the staff routes create, disable and sign out users in the pool.
      const input = JSON.parse((await readBody(request)).toString('utf8')) as Record<
        string,
        unknown
      >;
      const action = target.slice('AWSCognitoIdentityProviderService.'.length);
      cognitoCalls.push({ action, input });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      return response.end(
        JSON.stringify(
          action === 'AdminCreateUser'
            ? {
                User: {
                  Username: String(input.Username),
                  Enabled: true,
                  UserStatus: 'FORCE_CHANGE_PASSWORD',
                  Attributes: input.UserAttributes ?? [],
                },
              }
            : {},
        ),
      );
    }
    if (request.method === 'GET') {
      const key = decodeURIComponent(url.pathname.slice(1));
      s3Reads.push(key);
      const object = objects.get(key);
      if (object === undefined) {
        response.writeHead(404, { 'content-type': 'application/xml' });
        return response.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        );
      }
      response.writeHead(200, {
        'content-type': 'message/rfc822',
        'content-length': String(object.length),
      });
      return response.end(object);
    }
    return json(response, 404, { message: `${request.method} ${url.pathname} is not served` });
  });
  await listen(server, 0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    /** Stores an object as S3 would: `bucket/key`. */
    putObject: (bucket: string, key: string, body: string | Buffer) => {
      objects.set(`${bucket}/${key}`, Buffer.from(body));
    },
    s3Reads,
    sqsMessages,
    cognitoCalls,
    stop: () => close(server),
  };
};
