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

  it('answers 404 problem+json for a missing body and for an unknown route', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const token = await issuer.sign({ role: 'admin', bodies: [] });
    const missing = await app.request('/v1/bodies/nowhere', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect((await expectProblem(missing, 404)).detail).toBe("Body 'nowhere' does not exist.");
    await expectProblem(await app.request('/v2/anything'), 404);
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
