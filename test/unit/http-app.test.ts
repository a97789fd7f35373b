import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { createTestApp } from '../fixtures/test-app.js';
import { tamper } from '../fixtures/tokens.js';

const ddb = mockClient(DynamoDBDocumentClient);
const { app, issuer } = await createTestApp(
  createDocumentClient({ region: 'eu-central-1' }),
  'table',
);

const expectProblem = async (response: Response, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(problem.requestId).toBe(response.headers.get('x-request-id'));
  expect(problem.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return problem;
};

describe('Function: createApp', () => {
  beforeEach(() => {
    ddb.reset();
  });

  it('answers /health without a token and without touching DynamoDB', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz'],
    ['a malformed token', 'Bearer not-a-jwt'],
  ])('answers 401 problem+json for %s', async (_name, header) => {
    const response = await app.request(
      '/v1/bodies',
      header === undefined ? {} : { headers: { authorization: header } },
    );
    const problem = await expectProblem(response, 401);
    expect(problem.type).toBe('/problems/unauthorized');
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 401 for an expired and for a tampered token', async () => {
    for (const token of [await issuer.sign({ expiresIn: -60 }), tamper(await issuer.sign())]) {
      const response = await app.request('/v1/bodies', {
        headers: { authorization: `Bearer ${token}` },
      });
      await expectProblem(response, 401);
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it("answers 403 when a body is not among the caller's bodies", async () => {
    const token = await issuer.sign({ role: 'secretariat', bodies: ['ak-ii'] });
    const response = await app.request('/v1/bodies/imk', {
      headers: { authorization: `Bearer ${token}` },
    });
    await expectProblem(response, 403);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 403 to a token without any product role', async () => {
    const token = await issuer.sign({ role: 'visitor' });
    const response = await app.request('/v1/bodies', {
      headers: { authorization: `Bearer ${token}` },
    });
    await expectProblem(response, 403);
  });

  it('lists bodies for a staff token', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const token = await issuer.sign({ role: 'press' });
    const response = await app.request('/v1/bodies?limit=5', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [] });
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.Limit).toBe(5);
  });

  it.each([
    ['/v1/bodies?limit=0', 'query.limit'],
    ['/v1/bodies?limit=abc', 'query.limit'],
    ['/v1/bodies?limit=101', 'query.limit'],
    ['/v1/bodies?colour=blue', 'query'],
    ['/v1/bodies?next=%7B%7D', 'query.next'],
    ['/v1/bodies/NOT_A_SLUG', 'params.bodyId'],
  ])('answers 400 with field errors for %s', async (path, field) => {
    const token = await issuer.sign();
    const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
    const problem = await expectProblem(response, 400);
    const errors = problem.errors as { path: string }[];
    expect(errors.some((error) => error.path === field)).toBe(true);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('names field errors with English paths and messages in the asked language', async () => {
    const token = await issuer.sign();
    const ask = (acceptLanguage: string) =>
      app.request('/v1/bodies?limit=101&colour=blue', {
        headers: { authorization: `Bearer ${token}`, 'accept-language': acceptLanguage },
      });
    const german = await expectProblem(await ask('de'), 400);
    expect(german).toMatchObject({
      title: 'Ungültige Anfrage',
      detail: 'Die Abfrageparameter der Anfrage sind ungültig.',
    });
    expect(german.errors).toEqual(
      expect.arrayContaining([
        { path: 'query.limit', message: 'Höchstens 100.' },
        { path: 'query', message: 'Unbekanntes Feld: „colour“.' },
      ]),
    );
    const english = await expectProblem(await ask('en'), 400);
    expect(english).toMatchObject({
      title: 'Invalid request',
      detail: 'The request query is not valid.',
    });
    expect(english.errors).toEqual(
      expect.arrayContaining([
        { path: 'query.limit', message: expect.stringMatching(/100/) },
        { path: 'query', message: expect.stringMatching(/colour/) },
      ]),
    );
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 404 problem+json for a missing body and for an unknown route', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const token = await issuer.sign({ role: 'admin', bodies: [] });
    const missing = await app.request('/v1/bodies/nowhere', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await expectProblem(missing, 404)).detail).toBe('Das Gremium „nowhere“ gibt es nicht.');
    expect(missing.headers.get('content-language')).toBe('de');
    expect(missing.headers.get('vary')).toContain('Accept-Language');
    const route = await app.request('/v2/anything');
    expect(await expectProblem(route, 404)).toMatchObject({
      title: 'Nicht gefunden',
      detail: 'Den Endpunkt „GET /v2/anything“ gibt es nicht.',
    });
    expect(route.headers.get('content-language')).toBe('de');
  });

  it('answers in English when the client asks for it, and in German otherwise', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const token = await issuer.sign({ role: 'admin', bodies: [] });
    const ask = (acceptLanguage?: string) =>
      app.request('/v1/bodies/nowhere', {
        headers: {
          authorization: `Bearer ${token}`,
          ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }),
        },
      });
    for (const header of ['en', 'en-GB,en;q=0.9', 'fr, en;q=0.5, de;q=0.1']) {
      const english = await ask(header);
      expect(await expectProblem(english, 404)).toMatchObject({
        title: 'Not found',
        detail: "Body 'nowhere' does not exist.",
        kind: 'Body',
      });
      expect(english.headers.get('content-language')).toBe('en');
    }
    for (const header of [undefined, 'fr', 'de-AT, en;q=0.8', 'en;q=0']) {
      const german = await ask(header);
      expect((await expectProblem(german, 404)).detail).toBe(
        'Das Gremium „nowhere“ gibt es nicht.',
      );
      expect(german.headers.get('content-language')).toBe('de');
    }
  });

  it('hides internals behind a 500 problem when DynamoDB fails unexpectedly', async () => {
    ddb.on(QueryCommand).rejects(new Error('socket hang up at 10.0.0.7:443 secret-table-name'));
    const token = await issuer.sign();
    const response = await app.request('/v1/bodies', {
      headers: { authorization: `Bearer ${token}` },
    });
    const problem = await expectProblem(response, 500);
    expect(JSON.stringify(problem)).not.toContain('socket');
    expect(JSON.stringify(problem)).not.toContain('secret-table-name');
  });

  it('takes the request id from the Lambda context when there is one', async () => {
    const response = await app.request(
      '/v2/x',
      {},
      { lambdaContext: { awsRequestId: 'lambda-req-1' } },
    );
    expect(response.headers.get('x-request-id')).toBe('lambda-req-1');
    expect(((await response.json()) as { requestId: string }).requestId).toBe('lambda-req-1');
  });
});
