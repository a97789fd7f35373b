import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { lands } from '../../shared/domain/lands.js';
import { type Subscriber, subscriberId } from '../../shared/domain/press-list.js';
import type { Session } from '../../shared/domain/session.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { answerToken, sendInvitations } from '../../shared/use-cases/invitations.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import { confirmationToken, unsubscribeToken } from '../../shared/use-cases/press-list.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import {
  createResolution,
  decideResolution,
  proposeRelease,
  recordVotes,
  releaseToken,
} from '../../shared/use-cases/resolutions.js';
import {
  proposeSessionRelease,
  sessionReleaseToken,
} from '../../shared/use-cases/session-release.js';
import { ballotToken, startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost } from '../fixtures/mail-links.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('page-headers');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const pressToken = await issuer.sign({ role: 'press', email: 'p@example.org', bodies: [] });
const secretariatToken = await issuer.sign({
  role: 'secretariat',
  email: 'gs@imk.example.org',
  bodies: ['imk'],
});

// One of everything that has a page: an invitation, a ballot, a release to
// answer, a journalist, a published press release.
const { sessionId = '' } = await seedDemo(deps);
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const session = (await repo.getSession(sessionId)) as Session;
const bayern = invited.find((i) => i.memberId === 'DE-BY' && i.capacity === 'principal');
const invitationLink = `/links/invitations/${answerToken(deps, session, bayern ?? ({} as never))}`;
const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
  title: 'Umlauf',
  resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
  deadline: '2026-12-01T12:00:00+01:00',
});
const [ballot] = await repo.listBallots(procedure.id);
const ballotLink = `/links/ballots/${ballotToken(testLinkSecret, procedure, ballot ?? ({} as never))}`;
const [item] = await repo.listAgenda(sessionId);
const { value: passed } = await createResolution(deps, systemActor, sessionId, item?.id ?? '', {
  title: 'Beschluss',
  text: 'Die Länder arbeiten zusammen.',
});
await recordVotes(deps, systemActor, passed.id, {
  votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
});
await decideResolution(deps, systemActor, passed.id);
const pending = await proposeRelease(deps, systemActor, passed.id, { objectionHours: 72 });
const releaseLink = `/links/releases/${releaseToken(testLinkSecret, pending, 'DE-BY')}`;
const { value: together } = await createResolution(deps, systemActor, sessionId, item?.id ?? '', {
  title: 'Beschluss zur gemeinsamen Freigabe',
  text: 'Die Länder arbeiten zusammen.',
  reports: [{ title: 'Bericht' }],
});
await recordVotes(deps, systemActor, together.id, {
  votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
});
await decideResolution(deps, systemActor, together.id);
const batch = await proposeSessionRelease(deps, systemActor, sessionId, {
  resolutionIds: [together.id],
  objectionHours: 72,
});
const sessionReleaseLink = `/links/session-releases/${sessionReleaseToken(testLinkSecret, sessionId, batch.resolutions, 'DE-BY')}`;
// A journalist whose confirmation mail went out, as the press list stores them.
const subscriber: Subscriber = {
  id: subscriberId('redaktion@zeitung.example.org'),
  email: 'redaktion@zeitung.example.org',
  state: 'pending',
  confirmationSentAt: clock.now().toISOString(),
  version: 1,
  createdAt: clock.now().toISOString(),
  updatedAt: clock.now().toISOString(),
};
await repo.commit([{ type: 'subscriber', op: 'create', subscriber }], []);
const confirmLink = `/links/press-list/confirm/${confirmationToken(testLinkSecret, subscriber, clock.now())}`;
const unsubscribeLink = `/links/press-list/unsubscribe/${unsubscribeToken(testLinkSecret, subscriber, clock.now())}`;
const { value: release } = await createPressRelease(deps, systemActor, {
  bodyId: 'imk',
  title: 'Konstituierende Sitzung der IMK',
  dateline: 'HAMBURG',
  body: 'Die Ministerinnen und Minister beraten.',
  images: [{ url: 'https://www.example.org/bild.jpg', alt: 'Rathaus' }],
});
await submitPressRelease(deps, systemActor, release.id);
await approvePressRelease(deps, systemActor, release.id, {});
await publishPressRelease(deps, systemActor, release.id, {});

afterAll(async () => {
  await table.drop();
});

/** A Content-Security-Policy as directive → sources. */
const directives = (policy: string | null): Map<string, string[]> =>
  new Map(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name !== undefined && name !== '')
      .map(([name, ...sources]) => [name as string, sources]),
  );
/** The sources a fetch directive falls back to, as browsers apply them. */
const effective = (policy: Map<string, string[]>, name: string) =>
  policy.get(name) ?? policy.get('default-src');
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Every page of the product, by the operation that serves it. */
const pages: Record<string, () => Promise<Response> | Response> = {
  openAnswerPage: () => app.request(`${invitationLink}?antwort=zusage`),
  submitAnswer: () => app.request(invitationLink, formPost({ status: 'accepted' })),
  openBallotPage: () => app.request(ballotLink),
  submitBallot: () => app.request(ballotLink, formPost({})),
  openReleasePage: () => app.request(releaseLink),
  submitReleaseAnswer: () => app.request(releaseLink, formPost({ answer: 'consent' })),
  openSessionReleasePage: () => app.request(`${sessionReleaseLink}?antwort=einverstanden`),
  submitSessionReleaseAnswers: () =>
    app.request(sessionReleaseLink, formPost({ [`antwort-${together.id}`]: 'consent' })),
  openPressListConfirmation: () => app.request(confirmLink),
  confirmPressList: () => app.request(confirmLink, formPost({})),
  openPressListUnsubscribe: () => app.request(unsubscribeLink),
  unsubscribePressList: () => app.request(unsubscribeLink, formPost({})),
  getPublicPressRelease: () => app.request(`/public/press-releases/${release.id}`),
  previewPressRelease: () =>
    app.request(`/v1/press-releases/${release.id}/preview`, {
      headers: { authorization: `Bearer ${pressToken}` },
    }),
  getPublishedResolutions: () =>
    app.request(`/public/sessions/${sessionId}/resolutions`, { headers: { accept: 'text/html' } }),
  unknownPressRelease: () => app.request(`/public/press-releases/${ulid()}`),
  listPublicPressReleases: () =>
    app.request('/public/press-releases', { headers: { accept: 'text/html' } }),
  openPressListSubscription: () => app.request('/public/press-list/subscription'),
  submitPressListSubscription: () =>
    app.request(
      '/public/press-list/subscription',
      formPost({ email: 'redaktion@zeitung.example.org' }),
    ),
  listPublicSessions: () => app.request('/public/bodies/imk/sessions'),
  getPublicSession: () => app.request(`/public/sessions/${sessionId}`),
  unknownPublicSession: () => app.request(`/public/sessions/${ulid()}`),
  getReachability: () =>
    app.request(`/v1/sessions/${sessionId}/reachability`, {
      headers: { authorization: `Bearer ${secretariatToken}`, accept: 'text/html' },
    }),
  getProtocolHtml: () =>
    app.request(`/v1/sessions/${sessionId}/protocol.html`, {
      headers: { authorization: `Bearer ${secretariatToken}` },
    }),
};

describe('Every HTML page', () => {
  it('is listed here: every route that answers with HTML', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }
        >
      >;
    };
    const html = Object.values(document.paths)
      .flatMap((methods) => Object.values(methods))
      .filter((operation) =>
        Object.values(operation.responses).some((response) =>
          Object.keys(response.content ?? {}).some((type) => type.startsWith('text/html')),
        ),
      )
      .map((operation) => operation.operationId);
    expect(Object.keys(pages)).toEqual(expect.arrayContaining(html));
  });

  for (const [name, open] of Object.entries(pages)) {
    it(`${name}: sends a strict Content-Security-Policy that its markup keeps to`, async () => {
      const response = await open();
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const text = await response.text();
      expect(text).toMatch(/^<!doctype html>/);
      const policy = directives(response.headers.get('content-security-policy'));
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(effective(policy, 'script-src')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      // No inline script or handler, no style attribute; each inline stylesheet is named by its hash.
      expect(text).not.toMatch(/<script/i);
      expect(text).not.toMatch(/\son[a-z]+\s*=/i);
      expect(text).not.toMatch(/\sstyle\s*=/i);
      const styles = effective(policy, 'style-src') ?? [];
      expect(styles).not.toContain("'unsafe-inline'");
      for (const [, stylesheet] of text.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
        expect(styles).toContain(sha256(stylesheet ?? ''));
      }
    });
  }
});

describe('Refused link pages', () => {
  const links = {
    invitation: invitationLink,
    ballot: ballotLink,
    release: releaseLink,
    'press list confirmation': confirmLink,
    'press list unsubscription': unsubscribeLink,
  };
  for (const [name, link] of Object.entries(links)) {
    it(`are never cached, for a tampered ${name} link`, async () => {
      const tampered = `${link.slice(0, -2)}${link.endsWith('AA') ? 'BB' : 'AA'}`;
      for (const request of [{}, formPost({ status: 'accepted' })]) {
        const response = await app.request(tampered, request);
        expect(response.status).toBe(403);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      }
    });
  }
});

describe('The API docs at /docs', () => {
  /** The npm package's folder, where the pinned Swagger UI files lie. */
  const dist = () =>
    dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

  it('load the Swagger UI from the product itself, the files of the pinned npm package', async () => {
    const response = await app.request('/docs');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('<html lang="de">');
    const references = [...text.matchAll(/\s(?:src|href)="([^"]*)"/g)].map(([, url]) => url ?? '');
    expect(references.length).toBeGreaterThanOrEqual(3);
    for (const url of references) expect(url).toMatch(/^\/(?!\/)/);
    expect(text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    for (const [file, type] of [
      ['swagger-ui.css', /^text\/css/],
      ['swagger-ui-bundle.js', /^text\/javascript/],
    ] as const) {
      expect(references).toContain(`/docs/${file}`);
      const asset = await app.request(`/docs/${file}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(type);
      expect(Buffer.from(await asset.arrayBuffer()).equals(readFileSync(join(dist(), file)))).toBe(
        true,
      );
    }
    const pinned = JSON.parse(readFileSync('package.json', 'utf8')).dependencies['swagger-ui-dist'];
    expect(pinned).toBe(JSON.parse(readFileSync(join(dist(), 'package.json'), 'utf8')).version);
    expect((await app.request('/docs/..%2Fpackage.json')).status).toBe(404);
  });

  it('send a Content-Security-Policy that allows their own scripts and styles and nothing else', async () => {
    const response = await app.request('/docs');
    const policy = directives(response.headers.get('content-security-policy'));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(effective(policy, 'style-src')).toEqual(["'self'"]);
    expect(effective(policy, 'connect-src')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });
});
