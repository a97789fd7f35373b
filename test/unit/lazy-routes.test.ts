import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/http/app.js';
import { consoleRouteGroups } from '../../functions/http/console/console-route-groups.js';
import { consoleRoutes } from '../../functions/http/console/console-routes.js';
import { lazyRoutes, type RouteGroup } from '../../functions/http/lazy-routes.js';
import { apiRouteGroups } from '../../functions/http/routes/api-route-groups.js';
import { apiRoutes } from '../../functions/http/routes/api-routes.js';
import { bodyRoutes } from '../../functions/http/routes/bodies.js';
import { documentRouteGroups } from '../../functions/http/routes/document-route-groups.js';
import { rendererRouteGroups } from '../../functions/http/routes/renderer-route-groups.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { testAppDeps } from '../fixtures/test-app.js';
import { createTestIssuer } from '../fixtures/tokens.js';

const ddb = mockClient(DynamoDBDocumentClient);
const issuer = await createTestIssuer();
const deps = testAppDeps(createDocumentClient({ region: 'eu-central-1' }), 'table', issuer);

const keysOf = (routes: readonly { definition: { method: string; path: string } }[]) =>
  routes.map((r) => `${r.definition.method} ${r.definition.path}`);

describe('Function: lazyRoutes', () => {
  beforeEach(() => {
    ddb.reset();
  });

  it.each([
    ['API', apiRouteGroups],
    ['documents', documentRouteGroups],
    ['console', consoleRouteGroups],
    ['renderer', rendererRouteGroups],
  ] as const)(
    '%s: each group names exactly the routes its module defines, in their order',
    async (_name, groups) => {
      for (const group of groups) {
        const routes = (await group.load())(deps);
        expect(group.routes.map(([method, path]) => `${method} ${path}`)).toEqual(keysOf(routes));
      }
    },
  );

  it('API: the groups together are the API function’s routes, in the same order', () => {
    expect(apiRouteGroups.flatMap((g) => g.routes.map(([m, p]) => `${m} ${p}`))).toEqual(
      keysOf(apiRoutes(deps)),
    );
  });

  it('console: the groups together are the console’s pages, in the same order', () => {
    expect(consoleRouteGroups.flatMap((g) => g.routes.map(([m, p]) => `${m} ${p}`))).toEqual(
      keysOf(consoleRoutes(deps)),
    );
  });

  it('loads a group’s module on its first request only, checks access as the eager route does, and tries a failed load again', async () => {
    let loads = 0;
    let failNext = true;
    const bodies: RouteGroup = {
      routes: [
        ['get', '/v1/bodies'],
        ['get', '/v1/bodies/{bodyId}'],
      ],
      load: async () => {
        loads += 1;
        if (failNext) {
          failNext = false;
          throw new Error('chunk missing');
        }
        return (d) => bodyRoutes(d).filter((r) => r.definition.method === 'get');
      },
    };
    const app = createApp(deps, lazyRoutes(deps, [bodies]));
    expect(loads).toBe(0);

    // A failed load is a server error, and the next request tries again.
    expect((await app.request('/v1/bodies')).status).toBe(500);
    // Without a token: 401 as problem+json, no DynamoDB request.
    const anonymous = await app.request('/v1/bodies');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    expect(ddb.calls()).toHaveLength(0);

    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    const token = await issuer.sign({ role: 'secretariat', bodies: ['imk'] });
    const listed = await app.request('/v1/bodies', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ items: [] });
    // Validation runs as for the eager route: a malformed id is a 400 problem.
    const malformed = await app.request('/v1/bodies/NOT%20AN%20ID', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(malformed.status).toBe(400);
    expect(loads).toBe(2);
    // Paths the group does not name are not served.
    expect((await app.request('/v1/sessions')).status).toBe(404);
  });
});
