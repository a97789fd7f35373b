import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lands } from '../../shared/domain/lands.js';
import { type FlowStack, startFlowStack } from '../fixtures/local-stack.js';
import { outlineOf } from '../fixtures/pdf-outline.js';
import { pdfText } from '../fixtures/pdf-text.js';
import { saveMailSamples } from '../fixtures/samples.js';

/**
 * The papers issue's "done when", in the local stack a new user starts: the
 * secretariat attaches a report and a draft resolution to two TOPs of the
 * constitutive session through the local S3; the ministers' mails list them
 * with working links; the folder PDF holds both with bookmarks; after the
 * session the chair approves a protocol PDF that names every vote and the
 * statement.
 */
describe('Session papers and the result protocol in the local stack (npm start)', () => {
  let local: FlowStack;
  const tokens = { secretariat: '', chair: '' };
  let sessionId: string;
  let items: { id: string; number: string; title: string }[];
  const base = () => `http://127.0.0.1:${local.ports.api}`;
  const call = async (who: keyof typeof tokens, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'manual',
    });
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      json: type.includes('json') ? ((await response.json()) as Record<string, unknown>) : {},
      bytes: type.includes('pdf') ? new Uint8Array(await response.arrayBuffer()) : undefined,
    };
  };
  const pdf = async (text: string) => {
    const document = await PDFDocument.create();
    document.addPage().drawText(text);
    return document.save();
  };
  /** Uploads a file as the console's form does: straight to the local S3, then attaches it. */
  const attach = async (itemId: string, title: string, kind: string, classification: string) => {
    const form = await call('secretariat', 'POST', `/v1/sessions/${sessionId}/paper-uploads`, {
      fileName: `${title}.pdf`,
    });
    expect(form.status).toBe(201);
    const body = new FormData();
    for (const [name, value] of Object.entries(form.json.fields as Record<string, string>)) {
      body.append(name, value);
    }
    body.append('file', new Blob([await pdf(title)]), `${title}.pdf`);
    const posted = await fetch(form.json.url as string, { method: 'POST', body });
    expect(posted.status).toBeLessThan(300);
    const attached = await call(
      'secretariat',
      'POST',
      `/v1/sessions/${sessionId}/agenda-items/${itemId}/papers`,
      { uploadId: form.json.uploadId, title, kind, classification, authorMemberId: 'DE-NW' },
    );
    expect(attached.status).toBe(201);
    return attached.json;
  };

  beforeAll(async () => {
    local = await startFlowStack('conference-papers-');
    tokens.secretariat = await local.token('secretariat', 'gs@imk.example.org', 'imk');
    tokens.chair = await local.token('chair', 'vorsitz@de-hh.example.org', 'imk');
    const listed = await call(
      'secretariat',
      'GET',
      '/v1/sessions?from=2026-01-01&to=2100-01-01&body=imk',
    );
    sessionId = (listed.json.items as { id: string }[])[0]?.id ?? '';
    const agenda = await call('secretariat', 'GET', `/v1/sessions/${sessionId}/agenda-items`);
    items = agenda.json.items as typeof items;
  });

  afterAll(async () => {
    if (local !== undefined) saveMailSamples('papers', await local.inbox());
    await local?.stop();
  });

  it('lists a report and a draft resolution in every minister’s invitation, with working links', async () => {
    const [, internet, extremism] = items;
    const report = await attach(internet?.id ?? '', 'Bericht AG Cyber', 'report', 'internal');
    const draft = await attach(
      extremism?.id ?? '',
      'Beschlussvorschlag Extremismus',
      'draft-resolution',
      'confidential',
    );
    expect((report.versions as { scan: string }[])[0]?.scan).toBe('unchecked');
    expect((draft.versions as { scan: string }[])[0]?.scan).toBe('unchecked');

    const sent = await call('secretariat', 'POST', `/v1/sessions/${sessionId}/invitations`, {});
    expect(sent.status).toBe(202);
    const mails = await local.waitForMails(17, (mail) => mail.subject.startsWith('Einladung'));
    for (const mail of mails) {
      expect(mail.body.text).toContain('TOP 2  Bericht AG Cyber (Bericht, PDF,');
      expect(mail.body.text).toContain('TOP 3  Beschlussvorschlag Extremismus (Beschlussvorschlag');
      expect(mail.body.text).toContain('lokal nicht geprüft');
    }
    const links = [...(mails[0]?.body.text ?? '').matchAll(/(http\S+\/links\/papers\/\S+)/g)].map(
      (match) => match[1] as string,
    );
    expect(links).toHaveLength(2);
    for (const link of links) {
      const opened = await fetch(link, { redirect: 'manual' });
      expect(opened.status).toBe(302);
      const file = await fetch(opened.headers.get('location') as string);
      expect(file.status).toBe(200);
      expect(
        Buffer.from(await file.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
  });

  it('puts both papers into the session folder with a bookmark per TOP', async () => {
    const folder = await call('secretariat', 'GET', `/v1/sessions/${sessionId}/folder.pdf`);
    expect(folder.status).toBe(200);
    const outline = outlineOf(await PDFDocument.load(folder.bytes as Uint8Array));
    expect(outline.map((entry) => entry.title)).toEqual(
      items.map((item) => `TOP ${item.number}: ${item.title}`),
    );
    const children = outline.flatMap((entry) => entry.children.map((child) => child.title));
    expect(children).toEqual([
      expect.stringContaining('Bericht AG Cyber'),
      expect.stringContaining('Beschlussvorschlag Extremismus'),
    ]);
    const text = pdfText(Buffer.from(folder.bytes as Uint8Array)).join('\n');
    expect(text).toContain('Sitzungsunterlagen');
  });

  it('has the chair approve a protocol that names every vote and the statement', async () => {
    const [, internet] = items;
    const created = await call(
      'secretariat',
      'POST',
      `/v1/sessions/${sessionId}/agenda-items/${internet?.id}/resolutions`,
      { title: 'Bekämpfung der Internetkriminalität', text: 'Die Länder arbeiten enger zusammen.' },
    );
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const voted = await call('secretariat', 'PUT', `/v1/resolutions/${id}/votes`, {
      votes: lands.map((land) => ({
        memberId: land.code,
        vote: land.code === 'DE-BE' ? 'abstain' : 'yes',
      })),
    });
    expect(voted.status).toBe(200);
    const statement = await call('secretariat', 'POST', `/v1/resolutions/${id}/statements`, {
      memberIds: ['DE-BY'],
      text: 'Bayern hält eine zentrale Meldestelle für vorrangig.',
    });
    expect(statement.status).toBe(200);
    expect((await call('secretariat', 'POST', `/v1/resolutions/${id}/decision`, {})).status).toBe(
      200,
    );
    for (const to of ['in_session', 'concluded']) {
      const current = await call('secretariat', 'GET', `/v1/sessions/${sessionId}`);
      const moved = await fetch(`${base()}/v1/sessions/${sessionId}/transitions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.secretariat}`,
          'content-type': 'application/json',
          'if-match': current.headers.get('etag') ?? '',
        },
        body: JSON.stringify({ to }),
      });
      expect(moved.status, to).toBe(200);
    }
    const approved = await call('chair', 'POST', `/v1/sessions/${sessionId}/protocol/approval`);
    expect(approved.status).toBe(201);
    const protocol = await call('secretariat', 'GET', `/v1/sessions/${sessionId}/protocol.pdf`);
    expect(protocol.status).toBe(200);
    const text = pdfText(Buffer.from(protocol.bytes as Uint8Array)).join('\n');
    expect(text).toContain('Ergebnisniederschrift');
    expect(text).not.toContain('Entwurf');
    for (const land of lands) expect(text).toContain(land.name);
    expect(text).toContain('Enthaltung');
    expect(text.replace(/\n/g, ' ')).toContain(
      'Bayern hält eine zentrale Meldestelle für vorrangig.',
    );
  });
});
