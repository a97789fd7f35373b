import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { addConferenceStack } from '../../infra/conference-app.js';

const synth = (context: Record<string, string> = {}) => {
  const app = new App({
    outdir: mkdtempSync(join(tmpdir(), 'cdk-signin-')),
    context: { stage: 'dev', senderDomain: 'imk.example.org', ...context },
  });
  const stack = addConferenceStack(app);
  app.synth();
  return Template.fromStack(stack);
};

type Resources = Record<string, { Properties?: unknown; DependsOn?: string | string[] }>;

/** The logical ids a value refers to: `Ref`, `Fn::GetAtt` and `${Id}` in `Fn::Sub`. */
const referencesIn = (value: unknown, found: Set<string>): Set<string> => {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') found.add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner)) found.add(String(inner[0]));
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        for (const match of String(text).matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/g)) {
          found.add(match[1] as string);
        }
        referencesIn(inner, found);
      } else referencesIn(inner, found);
    }
  }
  return found;
};

/** A dependency cycle among the resources, as a list of ids, or `undefined`. */
const cycleIn = (resources: Resources): string[] | undefined => {
  const edges = new Map(
    Object.entries(resources).map(([id, resource]) => {
      const found = referencesIn(resource.Properties, new Set());
      for (const dependency of [resource.DependsOn ?? []].flat()) found.add(dependency);
      return [id, [...found].filter((target) => target in resources)];
    }),
  );
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle !== undefined) return cycle;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
};

describe('Stack: the browser sign-in in ConferenceStack', () => {
  const template = synth();

  it('registers the distribution’s /auth/callback and /auth/signed-out with the app client, without a cycle', () => {
    // Prepare
    const clients = template.findResources('AWS::Cognito::UserPoolClient');
    const [client] = Object.values(clients);
    const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
    const onDistribution = (path: string) => ({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, path]],
    });

    // Assess
    expect(client?.Properties.CallbackURLs).toEqual([
      onDistribution('/auth/callback'),
      'http://localhost:5173/auth/callback',
    ]);
    expect(client?.Properties.LogoutURLs).toEqual([
      onDistribution('/auth/signed-out'),
      'http://localhost:5173/',
    ]);
    expect(cycleIn(template.toJSON().Resources as Resources)).toBeUndefined();
  });

  it('finds a cycle where there is one (the check itself)', () => {
    expect(
      cycleIn({
        A: { Properties: { X: { Ref: 'B' } } },
        B: { Properties: { Y: { 'Fn::GetAtt': ['C', 'Arn'] } } },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own placeholder
        C: { Properties: { Z: { 'Fn::Sub': 'arn:${A.Arn}' } } },
      }),
    ).toEqual(['A', 'B', 'C', 'A']);
  });

  it('routes /auth/ to the API function without the JWT authorizer, and gives it and the console the cookie key', () => {
    // Prepare
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    const auth = routes.filter((route) => String(route.Properties.RouteKey).includes('/auth/'));
    const functions = template.findResources('AWS::Lambda::Function');
    const readers = Object.entries(functions).filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.SESSION_KEY_SECRET_ARN !== undefined,
    );

    // Assess
    expect(auth.map((route) => route.Properties.RouteKey).sort()).toEqual([
      'GET /auth/{proxy+}',
      'HEAD /auth/{proxy+}',
      'POST /auth/{proxy+}',
    ]);
    expect(auth.every((route) => route.Properties.AuthorizationType === 'NONE')).toBe(true);
    expect(readers.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(/^ApiFunction/),
      expect.stringMatching(/^ConsoleFunction/),
    ]);
    const [, api] = readers[0] ?? [];
    expect(api?.Properties.Environment.Variables.PUBLIC_BASE_URL).toBeDefined();
  });

  it('routes the console and its assets to the console function (its PDFs to the renderer) without the JWT authorizer, which cannot read its cookie', () => {
    // Prepare
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'));
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const consoleRoutes = routes.filter((route) =>
      /^(GET|POST|HEAD) \/(console|assets)\b/.test(String(route.Properties.RouteKey)),
    );
    const targetOf = (route: (typeof routes)[number]) => {
      const id = String(route.Properties.Target['Fn::Join'][1][1].Ref);
      return JSON.stringify(integrations[id]?.Properties.IntegrationUri);
    };

    // Assess
    const pdfs = [
      'GET /console/sessions/{sessionId}/folder.pdf',
      'GET /console/sessions/{sessionId}/protocol.pdf',
    ];
    expect(consoleRoutes.map((route) => route.Properties.RouteKey).sort()).toEqual([
      'GET /assets/{file}',
      'GET /console',
      ...pdfs,
      'GET /console/{proxy+}',
      'HEAD /assets/{file}',
      'POST /console',
      'POST /console/{proxy+}',
    ]);
    expect(consoleRoutes.every((route) => route.Properties.AuthorizationType === 'NONE')).toBe(
      true,
    );
    for (const route of consoleRoutes) {
      const pdf = pdfs.includes(String(route.Properties.RouteKey));
      expect(targetOf(route), String(route.Properties.RouteKey)).toContain(
        pdf ? 'RendererFunction' : 'ConsoleFunction',
      );
    }
  });

  it('takes the custom domain as the public address of the sign-in', () => {
    // Prepare
    const withDomain = synth({
      domainName: 'konferenz.imk.example.org',
      hostedZoneId: 'Z0123456789ABC',
    });

    // Assess
    withDomain.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [
        'https://konferenz.imk.example.org/auth/callback',
        'http://localhost:5173/auth/callback',
      ],
    });
  });
});
