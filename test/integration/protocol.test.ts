import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { lands } from '../../shared/domain/lands.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { answerToken } from '../../shared/use-cases/invitations.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost } from '../fixtures/mail-links.js';
import { pdfText } from '../fixtures/pdf-text.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('protocol');
let now = new Date('2027-01-20T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const sign = async (role: string, email: string, bodies: string[]) => {
  const token = await issuer.sign({ role, email, bodies });
  return { ...httpClient(app, token), token };
};
const secretariat = await sign('secretariat', 'gs@imk.example.org', ['imk']);
const chair = await sign('chair', 'vorsitz@de-hh.example.org', ['imk']);
const member = await sign('member', 'referat@de-by.example.org', ['imk']);
const press = await sign('press', 'presse@de-hh.example.org', []);
const otherSecretariat = await sign('secretariat', 'gs@ak-ii.example.org', ['ak-ii']);

afterAll(async () => {
  await table.drop();
});

const session = () => `/v1/sessions/${sessionId}`;
const etagOf = async () => `"${(await repo.getSession(sessionId))?.version}"`;
const transition = async (to: string) => {
  const response = await secretariat.post(
    `${session()}/transitions`,
    { to },
    { 'if-match': await etagOf() },
  );
  expect(response.status).toBe(200);
};
const pdfOf = async (client = secretariat) => {
  const response = await app.request(`${session()}/protocol.pdf`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await response.arrayBuffer());
};
const htmlOf = async (client = secretariat) => {
  const response = await client.raw('GET', `${session()}/protocol.html`);
  expect(response.status).toBe(200);
  return response.text;
};
/** Each page's content stream holds its lines; the marks are repeated on every page. */
const pageCount = (pdf: Buffer) => Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);

const ids = { ukraine: '', internet: '' };

describe('Integration: result protocol', () => {
  it('collects attendance answered by link, votes and a statement into a draft PDF', async () => {
    // Prepare: TOP 1 public, the ministers invited, three answers by link.
    const agenda = await repo.listAgenda(sessionId);
    const top = (number: string) => agenda.find((item) => item.number === number);
    const opened = await secretariat.patch(
      `${session()}/agenda-items/${top('1')?.id}`,
      { public: true },
      { 'if-match': `"${top('1')?.version}"` },
    );
    expect(opened.status).toBe(200);
    expect((await secretariat.post(`${session()}/invitations`, {})).status).toBe(202);
    const current = await repo.getSession(sessionId);
    const invitations = await repo.listInvitations(sessionId);
    const principal = (memberId: string) =>
      invitations.find((i) => i.memberId === memberId && i.capacity === 'principal') as Invitation;
    const answer = async (memberId: string, fields: Record<string, string>) => {
      const link = `/links/invitations/${answerToken({ repo, clock, linkSecret: testLinkSecret }, current ?? ({} as never), principal(memberId))}`;
      expect((await app.request(link, formPost(fields))).status).toBe(200);
    };
    await answer('DE-BY', { status: 'accepted' });
    await answer('DE-NW', { status: 'represented', deputyName: 'Staatssekretärin Weber' });
    await answer('DE-SN', { status: 'declined' });
    now = new Date('2027-03-03T10:00:00Z');
    await transition('in_session');
    const create = async (number: string, title: string, text: string) => {
      const created = await secretariat.post(
        `${session()}/agenda-items/${top(number)?.id}/resolutions`,
        { title, text },
      );
      expect(created.status).toBe(201);
      return created.json.id as string;
    };
    ids.ukraine = await create(
      '1',
      'Umgang mit dem Krieg in der Ukraine',
      'Die Länder koordinieren die Unterbringung.\n\nDer Bund wird gebeten, zu berichten.',
    );
    ids.internet = await create(
      '2',
      'Bekämpfung der Internetkriminalität',
      'Die Behörden arbeiten enger zusammen.',
    );
    const votes = (abstaining: string) => ({
      votes: lands.map((land) => ({
        memberId: land.code,
        vote: land.code === abstaining ? 'abstain' : 'yes',
        ...(land.code === 'DE-NW' ? { deputy: 'Staatssekretärin Weber' } : {}),
      })),
    });
    expect(
      (await secretariat.raw('PUT', `/v1/resolutions/${ids.ukraine}/votes`, votes(''))).status,
    ).toBe(200);
    expect(
      (await secretariat.raw('PUT', `/v1/resolutions/${ids.internet}/votes`, votes('DE-BE')))
        .status,
    ).toBe(200);
    const statement = await secretariat.post(`/v1/resolutions/${ids.ukraine}/statements`, {
      memberIds: ['DE-BY'],
      text: 'Bayern hält eine zentrale Registrierung für vorrangig.',
    });
    expect(statement.status).toBe(200);
    for (const id of Object.values(ids)) {
      expect((await secretariat.post(`/v1/resolutions/${id}/decision`, {})).status).toBe(200);
    }

    // Act
    const pdf = await pdfOf();

    // Assess
    const lines = pdfText(pdf);
    const text = lines.join('\n');
    expect(text).toContain('Ergebnisniederschrift über die 1. (konstituierende) Sitzung der');
    expect(text).toContain('Ständigen Konferenz der Innenminister und -senatoren der Länder');
    expect(text).toContain('vom 3. bis 6. März 2027 in Hamburg');
    expect(lines).toContain('Ort: Ratsstube, Hamburger Rathaus, Hamburg');
    expect(lines).toContain('Vorsitz: Hamburg');
    expect(text).toMatch(/Bayern: .+ \(Zusage per Link\)/);
    expect(text).toMatch(
      /Nordrhein-Westfalen: Staatssekretärin Weber für .+ \(Rückmeldung per Link\)/,
    );
    expect(lines).toContain('Sachsen: entschuldigt (Absage per Link)');
    expect(lines).toContain('Berlin: ohne Rückmeldung');
    expect(lines).toContain(
      'TOP 1: Umgang mit dem Krieg in der Ukraine und den damit verbundenen Auswirkungen',
    );
    expect(lines.filter((line) => line.startsWith('Ergebnis: '))).toEqual([
      'Ergebnis: Einstimmig beschlossen (16 Ja, 0 Nein, 0 Enthaltungen).',
      'Ergebnis: Beschlossen bei 1 Enthaltung (15 Ja, 0 Nein, 1 Enthaltung).',
    ]);
    // Every Land's vote, twice (two resolutions), a deputy named.
    for (const land of lands) {
      expect(lines.filter((line) => line.startsWith(`${land.name}: `)).length).toBeGreaterThan(2);
    }
    expect(lines).toContain('Nordrhein-Westfalen: Ja (vertreten durch Staatssekretärin Weber)');
    expect(lines).toContain('Berlin: Enthaltung');
    expect(lines).toContain('Protokollerklärung Bayern:');
    expect(lines).toContain('Bayern hält eine zentrale Registrierung für vorrangig.');
    expect(lines).toContain('TOP 3: Extremismusbekämpfung');
    expect(text).toContain(
      'Veröffentlichung: Freigabe zur Veröffentlichung noch nicht vorgeschlagen.',
    );
    expect(lines.filter((line) => line === 'Entwurf – nicht freigegeben')).toHaveLength(
      pageCount(pdf),
    );
    expect(pageCount(pdf)).toBeGreaterThan(1);
  });

  it('shows the same draft as HTML, escaped, and the Länder’s staff no confidential TOP', async () => {
    const html = await htmlOf();
    expect(html).toContain('Entwurf – nicht freigegeben');
    expect(html).toContain('<h3>TOP 2: Bekämpfung der Internetkriminalität</h3>');
    expect(html).toContain('Nordrhein-Westfalen: Ja (vertreten durch Staatssekretärin Weber)');
    expect(html).toContain('Protokollerklärung Bayern:');
    expect(html).toContain('href="/v1/sessions/');

    const forMember = await htmlOf(member);
    expect(forMember).toContain('TOP 1: Umgang mit dem Krieg in der Ukraine');
    expect(forMember).not.toContain('Internetkriminalität');
    expect(forMember).toContain(
      '3 vertrauliche Tagesordnungspunkte sind in dieser Fassung nicht enthalten.',
    );
    expect(pdfText(await pdfOf(member)).join('\n')).not.toContain('Internetkriminalität');
  });

  it('refuses the approval before the session is concluded, and anyone but the chair', async () => {
    const early = await chair.post(`${session()}/protocol/approval`, undefined);
    expect(early.status).toBe(422);
    expect(early.json.detail).toBe(
      'Die Ergebnisniederschrift kann erst nach dem Abschluss der Sitzung freigegeben werden; die Sitzung hat den Status „laufend“.',
    );
    now = new Date('2027-03-06T14:00:00Z');
    await transition('concluded');
    for (const client of [secretariat, member]) {
      expect((await client.post(`${session()}/protocol/approval`, undefined)).status).toBe(403);
    }
    expect((await press.raw('GET', `${session()}/protocol.pdf`)).status).toBe(403);
    for (const path of ['protocol.pdf', 'protocol.html', 'protocol/approval']) {
      const method = path.includes('approval') ? 'POST' : 'GET';
      expect((await otherSecretariat.raw(method, `${session()}/${path}`)).status).toBe(403);
    }
    expect(await repo.getProtocol(sessionId)).toBeUndefined();
  });

  it('shows the draft in the console, with the chair’s button only for the chair', async () => {
    // Act
    const page = async (client: { token: string }) => {
      const response = await app.request(`/console/sessions/${sessionId}/protocol`, {
        headers: { authorization: `Bearer ${client.token}` },
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const forChair = await page(chair);
    const forSecretariat = await page(secretariat);
    const hub = await app.request(`/console/sessions/${sessionId}`, {
      headers: { authorization: `Bearer ${secretariat.token}` },
    });

    // Assess
    expect(forChair).toContain('<h1>Ergebnisniederschrift</h1>');
    expect(forChair).toContain('Entwurf – nicht freigegeben');
    expect(forChair).toContain('Nordrhein-Westfalen: Ja (vertreten durch Staatssekretärin Weber)');
    expect(forChair).toContain(`action="/console/sessions/${sessionId}/protocol/approval"`);
    expect(forChair).toContain('Niederschrift freigeben</button>');
    expect(forChair).toContain(`href="/console/sessions/${sessionId}/protocol.pdf"`);
    expect(forSecretariat).toContain('Entwurf – nicht freigegeben');
    expect(forSecretariat).not.toContain('Niederschrift freigeben</button>');
    expect(await hub.text()).toContain(
      `<a href="/console/sessions/${sessionId}/protocol">Ergebnisniederschrift</a>`,
    );
  });

  it('freezes the approved protocol: later changes leave the PDF as it was', async () => {
    now = new Date('2027-03-08T09:30:00Z');
    const approved = await chair.post(`${session()}/protocol/approval`, undefined);
    expect(approved.status).toBe(201);
    expect(approved.json).toMatchObject({
      number: 1,
      approvedBy: 'vorsitz@de-hh.example.org',
      approvedAt: '2027-03-08T09:30:00.000Z',
    });
    const frozen = await pdfOf();
    const lines = pdfText(frozen);
    expect(lines).not.toContain('Entwurf – nicht freigegeben');
    expect(lines.join('\n')).toContain(
      'Freigegeben durch den Vorsitz (vorsitz@de-hh.example.org) am 8. März 2027, 10:30 Uhr;',
    );

    // Act: a statement and a correction after the approval.
    now = new Date('2027-03-09T08:00:00Z');
    expect(
      (
        await secretariat.post(`/v1/resolutions/${ids.internet}/statements`, {
          memberIds: ['DE-HE'],
          text: 'Hessen erklärt nachträglich etwas.',
        })
      ).status,
    ).toBe(200);
    const corrected = await secretariat.post(
      `/v1/resolutions/${ids.ukraine}/corrections`,
      { text: 'Ganz anderer Text.', note: 'Schreibfehler' },
      { 'if-match': `"${(await repo.getResolution(ids.ukraine))?.version}"` },
    );
    expect(corrected.status).toBe(200);

    // Assess
    const again = await pdfOf();
    expect(again.equals(frozen)).toBe(true);
    const html = await htmlOf();
    expect(html).not.toContain('Hessen erklärt nachträglich');
    expect(html).not.toContain('Ganz anderer Text.');
    expect(html).not.toContain('Entwurf – nicht freigegeben');
  });

  it('approves once: a second approval is a 409, and the approval is audited in German', async () => {
    const second = await chair.post(`${session()}/protocol/approval`, undefined);
    expect(second.status).toBe(409);
    expect(second.json.detail).toBe(
      'Die Ergebnisniederschrift wurde bereits am 08.03.2027 freigegeben. Die freigegebene Fassung bleibt unverändert.',
    );
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}`);
    const entries = (audit.json.items as { action: string; actor: string }[]).filter(
      (entry) => entry.action === 'protocol.approve',
    );
    expect(entries).toEqual([
      expect.objectContaining({ action: 'protocol.approve', actor: 'vorsitz@de-hh.example.org' }),
    ]);
  });

  it('shows the approved version in the console and refuses a second approval there in German', async () => {
    // Act
    const page = await app.request(`/console/sessions/${sessionId}/protocol`, {
      headers: { authorization: `Bearer ${chair.token}` },
    });
    const again = await app.request(`/console/sessions/${sessionId}/protocol/approval`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chair.token}` },
    });

    // Assess
    const text = await page.text();
    expect(text).toContain('Freigegeben von vorsitz@de-hh.example.org');
    expect(text).not.toContain('Entwurf – nicht freigegeben');
    expect(text).not.toContain('Niederschrift freigeben</button>');
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Die Ergebnisniederschrift wurde bereits am 08.03.2027');
  });
});
