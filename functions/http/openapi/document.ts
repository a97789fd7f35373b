import * as z from 'zod/mini';
import type { RouteDefinition } from '../route.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
};

const problemSchema: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance', 'requestId'],
  properties: {
    type: { type: 'string', format: 'uri-reference' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const parameters = (schema: z.ZodMiniType | undefined, location: 'path' | 'query' | 'header') => {
  if (schema === undefined) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
};

/** Every write that answers with a versioned object carries its new version as the ETag. */
const etagHeader = {
  description: 'The version of the object answered, for the next If-Match: `"3"`.',
  schema: { type: 'string' },
};

const operation = (route: RouteDefinition) => {
  const staff = route.access !== 'public';
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const contentType = spec.contentType ?? 'application/json';
    if (Number(status) >= 400 && spec.schema === undefined) {
      responses[status] = problemResponse(spec.description);
      continue;
    }
    const versioned =
      route.method !== 'get' &&
      spec.schema !== undefined &&
      status.startsWith('2') &&
      contentType === 'application/json' &&
      'version' in ((toSchema(spec.schema, 'output').properties ?? {}) as object);
    responses[status] = {
      description: spec.description,
      ...(versioned ? { headers: { ETag: etagHeader } } : {}),
      ...(spec.schema === undefined
        ? {}
        : {
            content: {
              [contentType]: {
                schema: toSchema(spec.schema, 'output'),
                ...(spec.example === undefined ? {} : { example: spec.example }),
              },
            },
          }),
    };
  }
  if (route.params || route.query || route.body)
    responses['400'] ??= problemResponse('Invalid request');
  if (staff) {
    responses['401'] ??= problemResponse('Missing, expired or invalid bearer token');
    responses['403'] ??= problemResponse('The role does not allow this action');
  }
  responses.default ??= problemResponse('Error');
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [...route.tags],
    security: staff ? [{ bearerAuth: [] }] : [],
    'x-access': route.access,
    parameters: [
      ...parameters(route.params, 'path'),
      ...parameters(route.query, 'query'),
      ...parameters(route.headers, 'header'),
    ],
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: toSchema(route.body, 'input'),
                ...(route.bodyExample === undefined ? {} : { example: route.bodyExample }),
              },
            },
          },
        }),
    responses,
  };
};

/**
 * Builds the OpenAPI 3.1 document from the route definitions. Called on the
 * first request for `/openapi.json` (never at load time) and by the build.
 *
 * @example
 * ```ts
 * const document = buildOpenApiDocument(routes.map((r) => r.definition));
 * ```
 */
export const buildOpenApiDocument = (routes: readonly RouteDefinition[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Conference coordination API',
      version: '1.0.0',
      description:
        'Sessions, agenda, invitations, resolutions and press releases of a standing conference of German Land ministers.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'system', description: 'Health and documentation' },
      { name: 'bodies', description: 'Bodies of the conference, their members, people and chairs' },
      { name: 'sessions', description: 'Sessions of a body, their life cycle and calendar' },
      { name: 'agenda', description: 'Agenda items (TOPs) of a session' },
      {
        name: 'invitations',
        description: 'Invitations by mail, answers, and the attendance board',
      },
      { name: 'audit', description: 'Who changed what, when' },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
      schemas: { Problem: problemSchema },
    },
  };
};
