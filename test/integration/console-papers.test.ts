import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { createLocalBucket } from '../fixtures/local-bucket.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('console-papers');
const { store, endpoint } = await createLocalBucket('console-papers');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const [, item] = await repo.listAgenda(sessionId);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, {
  clock,
  papers: { objects: store, scanning: 'local' },
});
const token = await issuer.sign({
  role: 'secretariat',
  email: 'gs@imk.example.org',
  bodies: ['imk'],
});
const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });

/** The hidden fields and the action of the first multipart form of a page. */
const uploadForm = (html: string) => {
  const form =
    /<form method="post" action="([^"]+)" enctype="multipart\/form-data">([\s\S]*?)<\/form>/.exec(
      html,
    );
  const fields = [
    ...(form?.[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g),
  ];
  const unescaped = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return {
    action: unescaped(form?.[1] ?? ''),
    fields: fields.map((match) => [match[1] ?? '', unescaped(match[2] ?? '')] as const),
  };
};

describe('Integration: papers in the console, without the API and without script', () => {
  afterAll(async () => {
    await table.drop();
  });

  it('uploads by the page’s form straight to the store, comes back, and attaches the paper', async () => {
    // Prepare
    const document = await PDFDocument.create();
    document.addPage().drawText('Bericht');
    const file = await document.save();

    // Act: the upload page, its form posted to the store as a browser would.
    const page = await get(`/console/sessions/${sessionId}/papers/upload?top=${item?.id}`);
    const html = await page.text();
    const form = uploadForm(html);
    const body = new FormData();
    for (const [name, value] of form.fields) body.append(name, value);
    body.append('file', new Blob([file]), 'Bericht.pdf');
    const posted = await fetch(form.action, { method: 'POST', body, redirect: 'manual' });
    const back = new URL(posted.headers.get('location') ?? '');
    const describe = await get(back.pathname + back.search);
    const describeHtml = await describe.text();
    const uploadId = /name="uploadId" value="([^"]+)"/.exec(describeHtml)?.[1] ?? '';
    const attached = await app.request(`/console/sessions/${sessionId}/papers/attach`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        top: item?.id ?? '',
        uploadId,
        title: 'Bericht der AG Cyber',
        kind: 'report',
        classification: 'internal',
        authorMemberId: 'DE-NW',
      }).toString(),
    });
    const list = await get(`/console/sessions/${sessionId}/papers?hinweis=beigefuegt`);
    const listHtml = await list.text();

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${new URL(endpoint).origin}`,
    );
    expect(form.action.startsWith(endpoint)).toBe(true);
    expect(html).toContain('<input type="file"');
    expect(posted.status).toBe(303);
    expect(back.pathname).toBe(`/console/sessions/${sessionId}/papers/describe`);
    expect(describe.status).toBe(200);
    expect(uploadId).toMatch(/^[0-9A-Z]{26}$/);
    expect(attached.status).toBe(303);
    expect(listHtml).toContain('Die Unterlage ist beigefügt.');
    expect(listHtml).toContain('Bericht der AG Cyber');
    expect(listHtml).toContain('lokal nicht geprüft');
    expect((await repo.listPapers(sessionId)).map((paper) => paper.title)).toEqual([
      'Bericht der AG Cyber',
    ]);
  });

  it('answers a file of the wrong kind with a German page and keeps nothing', async () => {
    // Prepare
    const page = await get(`/console/sessions/${sessionId}/papers/upload?top=${item?.id}`);
    const form = uploadForm(await page.text());
    const body = new FormData();
    for (const [name, value] of form.fields) body.append(name, value);
    body.append('file', new Blob(['MZ not a document']), 'bericht.pdf');
    const posted = await fetch(form.action, { method: 'POST', body, redirect: 'manual' });
    const uploadId = new URL(posted.headers.get('location') ?? '').searchParams.get('upload') ?? '';

    // Act
    const attached = await app.request(`/console/sessions/${sessionId}/papers/attach`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        top: item?.id ?? '',
        uploadId,
        title: 'Getarnt',
        kind: 'report',
        classification: 'internal',
      }).toString(),
    });

    // Assess
    expect(attached.status).toBe(422);
    expect(await attached.text()).toContain('maßgeblich ist der Inhalt der Datei');
    expect(await store.size(`uploads/imk/${uploadId}`)).toBeUndefined();
    expect(await repo.listPapers(sessionId)).toHaveLength(1);
  });
});
