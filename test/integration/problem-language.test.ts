import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('problem-language');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const otherBody = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@ak-ii.example.org', bodies: ['ak-ii'] }),
);
const english = { 'accept-language': 'en-GB,en;q=0.9' };
const unknownSession = '01J0000000000000000000000Z';

/** Asserts a problem answer and the headers that say which language it is in. */
const expectProblem = (
  response: { status: number; headers: Headers; json: Record<string, unknown> },
  status: number,
  language: 'de' | 'en',
) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('content-language')).toBe(language);
  expect(response.headers.get('vary')).toContain('Accept-Language');
  return response.json;
};

describe('Integration: problem details in German by default, English on request', () => {
  afterAll(async () => {
    await table.drop();
  });

  it('says that a session does not exist', async () => {
    const german = await secretariat.get(`/v1/sessions/${unknownSession}`);
    expect(expectProblem(german, 404, 'de')).toMatchObject({
      type: '/problems/not-found',
      title: 'Nicht gefunden',
      detail: `Die Sitzung „${unknownSession}“ gibt es nicht.`,
      kind: 'Session',
      id: unknownSession,
    });
    const inEnglish = await secretariat.get(`/v1/sessions/${unknownSession}`, english);
    expect(expectProblem(inEnglish, 404, 'en')).toMatchObject({
      type: '/problems/not-found',
      title: 'Not found',
      detail: `Session '${unknownSession}' does not exist.`,
    });
  });

  it('names invalid fields with English paths and German messages', async () => {
    const german = await secretariat.post('/v1/bodies/imk/sessions', { number: 7 });
    const problem = expectProblem(german, 400, 'de');
    expect(problem).toMatchObject({
      type: '/problems/validation-error',
      title: 'Ungültige Anfrage',
      detail: 'Der Inhalt der Anfrage ist ungültig.',
    });
    const errors = problem.errors as { path: string; message: string }[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual({ path: 'body.startsAt', message: 'Diese Angabe fehlt.' });
    for (const error of errors) {
      expect(error.path).toMatch(/^body(\.|$)/);
      expect(error.message).not.toMatch(/Invalid input|Required|expected/);
    }
    const inEnglish = await secretariat.post('/v1/bodies/imk/sessions', { number: 7 }, english);
    expect(expectProblem(inEnglish, 400, 'en')).toMatchObject({
      title: 'Invalid request',
      detail: 'The request body is not valid.',
    });
    expect(inEnglish.json.errors).toContainEqual({ path: 'body.startsAt', message: 'Required.' });
  });

  it('asks for If-Match, and refuses a transition the session cannot make', async () => {
    const session = await repo.getSession(sessionId);
    if (session === undefined) throw new Error('The demo session is missing');
    const missing = await secretariat.patch(`/v1/sessions/${sessionId}`, { title: 'Neu' });
    expect(expectProblem(missing, 428, 'de').detail).toBe(
      'Bitte senden Sie das zuletzt gelesene ETag im Header If-Match.',
    );
    const missingInEnglish = await secretariat.patch(
      `/v1/sessions/${sessionId}`,
      { title: 'Neu' },
      english,
    );
    expect(expectProblem(missingInEnglish, 428, 'en').detail).toBe(
      'Send the ETag you last read in an If-Match header.',
    );

    const ifMatch = { 'if-match': `"${session.version}"` };
    const refused = await secretariat.post(
      `/v1/sessions/${sessionId}/transitions`,
      { to: 'concluded' },
      ifMatch,
    );
    const problem = expectProblem(refused, 409, 'de');
    expect(problem.title).toBe('Konflikt');
    expect(problem.detail).toMatch(
      /^Eine Sitzung im Status „[a-zäöü]+“ kann nicht in den Status „abgeschlossen“ wechseln\.$/,
    );
    // Extension members stay machine-readable.
    expect(problem.state).toBe(session.state);
    const inEnglish = await secretariat.post(
      `/v1/sessions/${sessionId}/transitions`,
      { to: 'concluded' },
      { ...ifMatch, ...english },
    );
    expect(expectProblem(inEnglish, 409, 'en').detail).toBe(
      `A session in state '${session.state}' cannot become 'concluded'.`,
    );
  });

  it('refuses a caller of another body in German', async () => {
    const german = await otherBody.get(`/v1/sessions/${sessionId}`);
    expect(expectProblem(german, 403, 'de')).toMatchObject({
      title: 'Nicht erlaubt',
      detail: expect.stringMatching(
        /^Ihre Rolle erlaubt „[a-z:-]+“ für das Gremium „imk“ nicht\.$/,
      ),
    });
    const inEnglish = await otherBody.get(`/v1/sessions/${sessionId}`, { 'accept-language': 'en' });
    expect(expectProblem(inEnglish, 403, 'en').detail).toMatch(
      /^Your role does not allow [a-z:-]+ for body 'imk'\.$/,
    );
  });
});
