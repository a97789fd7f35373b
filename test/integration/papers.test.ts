import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { lands } from '../../shared/domain/lands.js';
import type { Paper } from '../../shared/domain/paper.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { recordPaperScan } from '../../shared/use-cases/paper-scan.js';
import { sweepPaperNotices, sweepPaperRetention } from '../../shared/use-cases/paper-sweeps.js';
import { paperToken } from '../../shared/use-cases/papers.js';
import {
  createResolution,
  decideResolution,
  proposeRelease,
  recordVotes,
} from '../../shared/use-cases/resolutions.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalBucket } from '../fixtures/local-bucket.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { outlineOf } from '../fixtures/pdf-outline.js';
import { pdfText } from '../fixtures/pdf-text.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('papers');
const { store } = await createLocalBucket('papers');
const ses = await startOwnSes();
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, {
  clock,
  papers: { objects: store, scanning: 'local' },
});
const { app: scannedApp } = await createTestApp(table.documentClient, table.tableName, {
  clock,
  papers: { objects: store, scanning: 'guardduty' },
  issuer,
});
const secretariatToken = await issuer.sign({
  role: 'secretariat',
  email: 'gs@imk.example.org',
  bodies: ['imk'],
});
const secretariat = httpClient(app, secretariatToken);
const admin = httpClient(app, await issuer.sign({ role: 'admin', email: 'admin@imk.example.org' }));
const pressToken = await issuer.sign({
  role: 'press',
  email: 'presse@imk.example.org',
  bodies: ['imk'],
});
const press = httpClient(app, pressToken);
const mailer = testMailer(
  repo,
  clock,
  new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
);
const agenda = await repo.listAgenda(sessionId);
const [top1, top2, top3] = agenda;

/** A one-page PDF that says `text`. */
const pdf = async (text: string) => {
  const document = await PDFDocument.create();
  document.addPage().drawText(text);
  return document.save();
};

/** Asks for an upload form and posts the file to the local S3 as a browser would. */
const upload = async (bytes: Uint8Array, fileName: string, client = secretariat) => {
  const form = await client.post(`/v1/sessions/${sessionId}/paper-uploads`, { fileName });
  expect(form.status).toBe(201);
  const body = new FormData();
  for (const [name, value] of Object.entries(form.json.fields as Record<string, string>)) {
    body.append(name, value);
  }
  body.append('file', new Blob([bytes]), fileName);
  const posted = await fetch(form.json.url, { method: 'POST', body });
  expect(posted.status).toBeLessThan(300);
  return form.json.uploadId as string;
};

const attach = (itemId: string, fields: Record<string, unknown>, client = secretariat) =>
  client.post(`/v1/sessions/${sessionId}/agenda-items/${itemId}/papers`, fields);

const papersIn = (mail: StoredMail) =>
  [...(mail.body.text ?? '').matchAll(/\/links\/papers\/([A-Za-z0-9_.-]+)/g)].map(
    (match) => `/links/papers/${match[1]}`,
  );

describe('Session papers: upload, check, attach, distribute, download', () => {
  let report: string;
  let draft: string;
  let statement: string;
  let invitationMails: StoredMail[] = [];

  beforeAll(async () => {
    const reportUpload = await upload(await pdf('Bericht der AG Cyber'), 'Bericht AG Cyber.pdf');
    const attached = await attach(top2?.id ?? '', {
      uploadId: reportUpload,
      title: 'Bericht der AG Cyber',
      kind: 'report',
      authorMemberId: 'DE-NW',
      classification: 'internal',
    });
    expect(attached.status).toBe(201);
    report = attached.json.id;
    const draftUpload = await upload(await pdf('Beschlussvorschlag Extremismus'), 'BV.pdf');
    const drafted = await attach(top3?.id ?? '', {
      uploadId: draftUpload,
      title: 'Beschlussvorschlag Extremismusbekämpfung',
      kind: 'draft-resolution',
      authorMemberId: 'DE-BY',
      classification: 'confidential',
    });
    expect(drafted.status).toBe(201);
    draft = drafted.json.id;
    const statementUpload = await upload(await pdf('Erklärung'), 'Erklaerung.pdf');
    const stated = await attach(top1?.id ?? '', {
      uploadId: statementUpload,
      title: 'Erklärung zur Lage',
      kind: 'other',
      classification: 'public',
    });
    statement = stated.json.id;
  });

  afterAll(async () => {
    await table.drop();
    await ses.stop();
  });

  it('stores each paper under its own key, marked as not checked by the local stand-in', async () => {
    const listed = await secretariat.get(`/v1/sessions/${sessionId}/papers`);
    expect(listed.status).toBe(200);
    expect(listed.json.items).toHaveLength(3);
    const paper = listed.json.items.find((item: { id: string }) => item.id === report);
    expect(paper.versions).toEqual([
      expect.objectContaining({
        number: 1,
        format: 'pdf',
        fileName: 'Bericht AG Cyber.pdf',
        scan: 'unchecked',
        objectKey: `papers/imk/${sessionId}/${report}/1`,
        uploadedBy: 'gs@imk.example.org',
      }),
    ]);
    expect(await store.size(`papers/imk/${sessionId}/${report}/1`)).toBeGreaterThan(100);
  });

  it('refuses a file whose content is no allowed type, whatever its name, and keeps nothing', async () => {
    const before = await repo.listPapers(sessionId);
    const uploadId = await upload(
      new TextEncoder().encode('#!/bin/sh\necho hello\n'),
      'bericht.pdf',
    );
    const refused = await attach(top2?.id ?? '', {
      uploadId,
      title: 'Getarnt',
      classification: 'internal',
    });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toContain('maßgeblich ist der Inhalt der Datei');
    expect(await store.size(`uploads/imk/${uploadId}`)).toBeUndefined();
    expect(await repo.listPapers(sessionId)).toEqual(before);
  });

  it('refuses a file over the body’s limit, and keeps nothing', async () => {
    const current = await admin.get('/v1/bodies/imk');
    const patched = await admin.patch(
      '/v1/bodies/imk',
      { papers: { maxUploadMegabytes: 1 } },
      { 'if-match': current.headers.get('etag') ?? '' },
    );
    expect(patched.status).toBe(200);
    const big = new Uint8Array(1024 * 1024 + 10);
    big.set(await pdf('groß'));
    const uploadId = await upload(big, 'gross.pdf');
    const refused = await attach(top2?.id ?? '', {
      uploadId,
      title: 'Zu groß',
      classification: 'internal',
    });
    expect(refused.status).toBe(413);
    expect(refused.json.detail).toContain('größer als 1 MB');
    expect(await store.size(`uploads/imk/${uploadId}`)).toBeUndefined();
    expect(await repo.listPapers(sessionId)).toHaveLength(3);
    await admin.patch(
      '/v1/bodies/imk',
      { papers: { maxUploadMegabytes: 25 } },
      { 'if-match': patched.headers.get('etag') ?? '' },
    );
  });

  it('lists the papers each minister may see in the invitation, with working personal links', async () => {
    const sent = await secretariat.post(`/v1/sessions/${sessionId}/invitations`, {});
    expect(sent.status).toBe(202);
    expect(await deliverQueued(mailer)).toEqual(Array(17).fill('sent'));
    const mails = await ses.inbox();
    invitationMails = mails;
    const bavaria = mails.find((mail) =>
      mail.destination.to[0]?.includes('minister@de-by.example.org'),
    ) as StoredMail;
    expect(bavaria.body.text).toContain('Unterlagen:');
    expect(bavaria.body.text).toContain(
      'TOP 3  Beschlussvorschlag Extremismusbekämpfung (Beschlussvorschlag, PDF,',
    );
    expect(bavaria.body.text).toContain('vertraulich, lokal nicht geprüft)');
    expect(bavaria.body.html).toContain('Bericht der AG Cyber');
    const links = papersIn(bavaria);
    expect(links).toHaveLength(3);
    const opened = await app.request(links[0] as string);
    expect(opened.status).toBe(302);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    const file = await fetch(opened.headers.get('location') as string);
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const audit = await secretariat.get(`/v1/audit?object=paper:${statement}`);
    expect(audit.json.items.map((entry: { action: string }) => entry.action)).toContain(
      'paper.download',
    );
    expect(
      audit.json.items.find((entry: { action: string }) => entry.action === 'paper.download').actor,
    ).toBe('minister@de-by.example.org');
  });

  it('never shows a confidential paper to a deputy named by link, in a mail or by a forged link', async () => {
    await ses.clear();
    const answerLink = linkIn(
      invitationMails.find((mail) =>
        mail.destination.to[0]?.includes('minister@de-nw.example.org'),
      ),
      '/links/invitations/',
    );
    const named = await app.request(
      answerLink,
      formPost({
        status: 'represented',
        deputyName: 'StS Dr. Weber',
        deputyEmail: 'sts@de-nw.example.org',
      }),
    );
    expect(named.status).toBe(200);
    expect(await deliverQueued(mailer)).toEqual(['sent']);
    const [deputyMail] = await ses.inbox();
    expect(deputyMail?.destination.to[0]).toContain('sts@de-nw.example.org');
    expect(deputyMail?.body.text).toContain('Bericht der AG Cyber');
    expect(deputyMail?.body.text).toContain('Erklärung zur Lage');
    expect(deputyMail?.body.text).not.toContain('Extremismusbekämpfung (Beschlussvorschlag');
    expect(papersIn(deputyMail as StoredMail)).toHaveLength(2);
    const deputy = (await repo.listInvitations(sessionId)).find(
      (entry) => entry.email === 'sts@de-nw.example.org',
    );
    const confidential = await repo.getPaper(sessionId, draft);
    const forged = await app.request(
      `/links/papers/${paperToken(testLinkSecret, confidential as Paper, deputy as Invitation)}`,
    );
    expect(forged.status).toBe(404);
    expect(await forged.text()).not.toContain('Extremismus');
  });

  it('puts what the caller may see into the session folder, with bookmarks per TOP', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const chart = await attach(top2?.id ?? '', {
      uploadId: await upload(png, 'Lagebild.png'),
      title: 'Lagebild Cyberangriffe',
      classification: 'internal',
    });
    expect(chart.status).toBe(201);
    expect(chart.json.versions[0].format).toBe('png');

    const folder = await app.request(`/v1/sessions/${sessionId}/folder.pdf`, {
      headers: { authorization: `Bearer ${secretariatToken}` },
    });
    expect(folder.status).toBe(200);
    expect(folder.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await folder.arrayBuffer());
    const document = await PDFDocument.load(bytes);
    const outline = outlineOf(document);
    expect(outline.map((entry) => entry.title)).toEqual(
      agenda.map((item) => `TOP ${item.number}: ${item.title}`),
    );
    const titles = outline.flatMap((entry) => entry.children.map((child) => child.title));
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Erklärung zur Lage'),
        expect.stringContaining('Bericht der AG Cyber'),
        expect.stringContaining('Beschlussvorschlag Extremismusbekämpfung'),
      ]),
    );
    const text = pdfText(Buffer.from(bytes)).join('\n');
    expect(text).toContain('Bericht der AG Cyber');
    expect(text).toContain('Lagebild Cyberangriffe');
    expect(text).toContain('kein PDF, nicht eingebunden');
    // The link may wrap over lines.
    expect(text.replace(/\n/g, '')).toContain(
      `/console/sessions/${sessionId}/papers/${chart.json.id}/download`,
    );

    const pressFolder = await app.request(`/v1/sessions/${sessionId}/folder.pdf`, {
      headers: { authorization: `Bearer ${pressToken}` },
    });
    expect(pressFolder.status).toBe(200);
    const pressText = pdfText(Buffer.from(await pressFolder.arrayBuffer())).join('\n');
    expect(pressText).not.toContain('Extremismusbekämpfung');
  });

  it('shows a press officer papers of public items only, never confidential ones', async () => {
    const item = await secretariat.get(`/v1/sessions/${sessionId}/agenda-items/${top1?.id}`);
    const opened = await secretariat.patch(
      `/v1/sessions/${sessionId}/agenda-items/${top1?.id}`,
      { public: true },
      { 'if-match': item.headers.get('etag') ?? '' },
    );
    expect(opened.status).toBe(200);
    const listed = await press.get(`/v1/sessions/${sessionId}/papers`);
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((paper: { id: string }) => paper.id)).toEqual([statement]);
    expect((await press.get(`/v1/sessions/${sessionId}/papers/${draft}/download`)).status).toBe(
      404,
    );
    expect((await press.get(`/v1/sessions/${sessionId}/papers/${report}/download`)).status).toBe(
      404,
    );
    expect((await press.get(`/v1/sessions/${sessionId}/papers/${statement}/download`)).status).toBe(
      302,
    );
    const allowed = await secretariat.get(`/v1/sessions/${sessionId}/papers/${draft}/download`);
    expect(allowed.status).toBe(302);
  });

  it('publishes a public paper once its item’s resolution is released: page, download and OParl', async () => {
    const page = async () => (await app.request(`/public/sessions/${sessionId}`)).text();
    expect(await page()).not.toContain('Erklärung zur Lage');
    expect((await app.request(`/public/sessions/${sessionId}/papers/${statement}`)).status).toBe(
      404,
    );
    const { value: resolution } = await createResolution(
      { repo, clock },
      systemActor,
      sessionId,
      top1?.id ?? '',
      { title: 'Lage', text: 'Die Länder stehen zusammen.' },
    );
    await recordVotes({ repo, clock }, systemActor, resolution.id, {
      votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
    });
    await decideResolution({ repo, clock }, systemActor, resolution.id);
    await proposeRelease({ repo, clock }, systemActor, resolution.id, {
      objectionHours: 0,
      consentedBy: lands.map((land) => land.code),
    });
    expect((await repo.getResolution(resolution.id))?.state).toBe('released');

    const html = await page();
    expect(html).toContain('Erklärung zur Lage');
    expect(html).not.toContain('Bericht der AG Cyber');
    const download = await app.request(`/public/sessions/${sessionId}/papers/${statement}`);
    expect(download.status).toBe(302);
    expect((await app.request(`/public/sessions/${sessionId}/papers/${report}`)).status).toBe(404);
    const item = (await (
      await app.request(`/oparl/v1/meetings/${sessionId}/agenda-items/${top1?.id}`)
    ).json()) as { auxiliaryFile: { id: string }[] };
    expect(item.auxiliaryFile).toEqual([
      expect.objectContaining({
        type: 'https://schema.oparl.org/1.1/File',
        name: 'Erklärung zur Lage',
        mimeType: 'application/pdf',
      }),
    ]);
    const file = await app.request(new URL(item.auxiliaryFile[0]?.id ?? '').pathname);
    expect(file.status).toBe(200);
    expect(((await file.json()) as { downloadUrl: string }).downloadUrl).toContain(
      `/public/sessions/${sessionId}/papers/`,
    );
  });

  it('sends "Unterlagen nachgereicht" once per person, batched, at most one an hour', async () => {
    await ses.clear();
    const first = await upload(await pdf('Nachtrag 1'), 'Nachtrag1.pdf');
    expect(
      (
        await attach(top2?.id ?? '', {
          uploadId: first,
          title: 'Nachtrag 1',
          classification: 'internal',
        })
      ).status,
    ).toBe(201);
    // Not yet: the job waits five minutes so that papers attached together go in one mail.
    expect(await sweepPaperNotices({ repo, clock })).toBe(0);
    offset = 6 * 60_000;
    expect(await sweepPaperNotices({ repo, clock })).toBe(18);
    expect(await sweepPaperNotices({ repo, clock })).toBe(0);
    expect(await deliverQueued(mailer)).toEqual(Array(18).fill('sent'));
    const added = await ses.inbox();
    expect(added[0]?.subject).toMatch(/^Unterlagen nachgereicht: Konstituierende Sitzung der IMK/);
    // The chart for the folder came after the invitations too: one mail names both.
    expect(added[0]?.body.text).toContain('sind 2 Unterlagen nachgereicht worden');
    expect(added[0]?.body.text).toContain('Lagebild Cyberangriffe');
    expect(added[0]?.body.text).toContain('Nachtrag 1');
    expect(added[0]?.body.text).not.toContain('Bericht der AG Cyber');

    await ses.clear();
    const second = await upload(await pdf('Nachtrag 2'), 'Nachtrag2.pdf');
    await attach(top2?.id ?? '', {
      uploadId: second,
      title: 'Nachtrag 2',
      classification: 'internal',
    });
    offset = 15 * 60_000;
    expect(await sweepPaperNotices({ repo, clock })).toBe(0);
    offset = 67 * 60_000;
    expect(await sweepPaperNotices({ repo, clock })).toBe(18);
    expect(await deliverQueued(mailer)).toEqual(Array(18).fill('sent'));
    const later = await ses.inbox();
    expect(later).toHaveLength(18);
    expect(later[0]?.body.text).toContain('ist eine Unterlage nachgereicht worden');
    expect(later[0]?.body.text).toContain('Nachtrag 2');
    expect(later[0]?.body.text).not.toContain('Nachtrag 1');
    offset = 0;
  });

  it('shares a scanned paper only on a clean result, and quarantines a threat once', async () => {
    await ses.clear();
    const scanned = httpClient(scannedApp, secretariatToken);
    const cleanUpload = await upload(await pdf('Geprüft'), 'geprueft.pdf', scanned);
    const pending = await attach(
      top2?.id ?? '',
      { uploadId: cleanUpload, title: 'Geprüfter Bericht', classification: 'internal' },
      scanned,
    );
    expect(pending.json.versions[0].scan).toBe('pending');
    const early = await scanned.get(`/v1/sessions/${sessionId}/papers/${pending.json.id}/download`);
    expect(early.status).toBe(409);
    const key = pending.json.versions[0].objectKey;
    const deps = { repo, clock, objects: store };
    expect(await recordPaperScan(deps, { objectKey: key, status: 'NO_THREATS_FOUND' })).toBe(
      'recorded',
    );
    expect(await recordPaperScan(deps, { objectKey: key, status: 'THREATS_FOUND' })).toBe(
      'repeated',
    );
    expect(
      (await scanned.get(`/v1/sessions/${sessionId}/papers/${pending.json.id}/download`)).status,
    ).toBe(302);

    const badUpload = await upload(await pdf('Böse'), 'boese.pdf', scanned);
    const bad = await attach(
      top2?.id ?? '',
      { uploadId: badUpload, title: 'Verdächtig', classification: 'internal' },
      scanned,
    );
    const badKey = bad.json.versions[0].objectKey;
    expect(
      await recordPaperScan(deps, {
        objectKey: badKey,
        status: 'THREATS_FOUND',
        threats: ['EICAR-Test-File'],
      }),
    ).toBe('recorded');
    expect(await recordPaperScan(deps, { objectKey: badKey, status: 'THREATS_FOUND' })).toBe(
      'repeated',
    );
    expect(await store.tags(badKey)).toMatchObject({ retention: 'quarantine' });
    expect((await repo.getPaper(sessionId, bad.json.id))?.versions[0]?.scan).toBe('threat');
    expect(
      (await scanned.get(`/v1/sessions/${sessionId}/papers/${bad.json.id}/download`)).status,
    ).toBe(409);
    await deliverQueued(mailer);
    const notices = (await ses.inbox()).filter((mail) =>
      mail.subject.startsWith('Unterlage gesperrt'),
    );
    const recipients = notices.map((mail) => mail.destination.to[0] ?? '').sort();
    expect(recipients).toHaveLength(2);
    expect(recipients[0]).toContain('geschaeftsstelle@imk.example.org');
    expect(recipients[1]).toBe('gs@imk.example.org');
    expect(notices[0]?.body.text).toContain('EICAR-Test-File');
  });

  it('deletes papers at the end of their retention unless kept, and audits it', async () => {
    const kept = await secretariat.raw('PUT', `/v1/sessions/${sessionId}/papers/${draft}/keep`, {
      keep: true,
    });
    expect(kept.status).toBe(200);
    const paper = await repo.getPaper(sessionId, report);
    offset = Date.parse(paper?.deleteAfter ?? '') - Date.now() + 60_000;
    const deleted = await sweepPaperRetention({ repo, clock, objects: store });
    expect(deleted).toBeGreaterThanOrEqual(3);
    expect(await store.size(`papers/imk/${sessionId}/${report}/1`)).toBeUndefined();
    expect((await repo.getPaper(sessionId, report))?.deletedAt).toBeDefined();
    expect((await repo.getPaper(sessionId, draft))?.deletedAt).toBeUndefined();
    expect(await store.size(`papers/imk/${sessionId}/${draft}/1`)).toBeGreaterThan(0);
    const audit = await secretariat.get(`/v1/audit?object=paper:${report}`);
    expect(audit.json.items.map((entry: { action: string }) => entry.action)).toContain(
      'paper.delete',
    );
    expect(await sweepPaperRetention({ repo, clock, objects: store })).toBe(0);
    offset = 0;
  });
});
