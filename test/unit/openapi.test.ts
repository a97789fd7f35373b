import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Validator } from '@seriousme/openapi-schema-validator';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { createTestApp } from '../fixtures/test-app.js';

mockClient(DynamoDBDocumentClient);
const { app } = await createTestApp(createDocumentClient({ region: 'eu-central-1' }), 'table');

interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { example?: unknown }> };
  security: unknown[];
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
}

describe('Route: GET /openapi.json', async () => {
  const response = await app.request('/openapi.json');
  const document = (await response.json()) as {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
  };

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(response.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every staff route with bearer security and every operation with an example', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['get /health', 'get /v1/bodies', 'get /v1/bodies/{bodyId}']),
    );
    for (const { path, operation } of operations) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      if (path.startsWith('/v1/')) expect(operation.security).toEqual([{ bearerAuth: [] }]);
      // A download answers with a redirect to the file, which has no body to show.
      const success = Object.entries(operation.responses).find(
        ([status]) => status.startsWith('2') || status === '302',
      );
      expect(success, `${path}`).toBeDefined();
      if (success?.[0] !== '204' && success?.[0] !== '302') {
        expect(Object.values(success?.[1].content ?? {})[0]?.example).toBeDefined();
      }
      if (operation.requestBody !== undefined) {
        expect(operation.requestBody.content['application/json']?.example).toBeDefined();
      }
    }
  });

  it('is the very document the docs function ships', async () => {
    const { productDocument } = await import('../../functions/http/openapi/product-document.js');
    expect(document).toEqual(JSON.parse(JSON.stringify(productDocument())));
  });

  it('documents the ETag on every write that answers a versioned object, and not on a list', () => {
    const etagOf = (path: string, method: string) => {
      const operation = document.paths[path]?.[method] as unknown as {
        responses: Record<string, { headers?: Record<string, unknown> }>;
      };
      const success = Object.entries(operation.responses).find(([s]) => s.startsWith('2'));
      return success?.[1].headers?.ETag !== undefined;
    };
    expect(etagOf('/v1/bodies', 'post')).toBe(true);
    expect(etagOf('/v1/bodies/{bodyId}', 'patch')).toBe(true);
    expect(etagOf('/v1/sessions/{sessionId}/invitations/{invitationId}/answer', 'post')).toBe(true);
    expect(etagOf('/v1/sessions/{sessionId}/votes', 'put')).toBe(false);
  });

  it('serves the Swagger UI at /docs', async () => {
    const docs = await app.request('/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/openapi.json');
  });
});
