import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { lands } from '../../shared/domain/lands.js';
import type { Resolution } from '../../shared/domain/resolution.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { settleDueReleases } from '../../shared/use-cases/resolutions.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { formPost, linkIn, startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { pdfText } from '../fixtures/pdf-text.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('resolutions');
let now = new Date('2027-03-06T10:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const agenda = await repo.listAgenda(sessionId);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const chair = httpClient(
  app,
  await issuer.sign({ role: 'chair', email: 'vorsitz@de-hh.example.org', bodies: ['imk'] }),
);

const itemNumbered = (number: string) => {
  const item = agenda.find((candidate) => candidate.number === number);
  if (item === undefined) throw new Error(`No TOP ${number} in the seeded agenda`);
  return item;
};
const allYes = { votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })) };

/** The four results of the constitutive session (seed 002). */
const texts = {
  ukraine: {
    title: 'Umgang mit dem Krieg in der Ukraine und den damit verbundenen Auswirkungen',
    text: 'Die Innenminister und -senatoren der Länder streben eine gemeinsame Koordinierung der Maßnahmen an, die im Kontext des Krieges in der Ukraine getroffen werden.\n\nDies bezieht sich auf die Koordinierung, Registrierung und Unterbringung von in Deutschland ankommenden Flüchtenden und auf die im Auslandseinsatz befindlichen Hilfstruppen.',
    reports: [{ title: 'Bericht des AK II zur Unterbringung' }],
  },
  internet: {
    title: 'Bekämpfung der Internetkriminalität',
    text: 'Die Ministerien und Behörden arbeiten bei der Verfolgung von im Internet begangenen Straftaten enger zusammen und vereinfachen den überregionalen Informationsaustausch.\n\nWeitere Kooperationen zwischen BKA und LKÄ werden geprüft.',
  },
  extremism: {
    title: 'Extremismusbekämpfung',
    text: 'Zur besseren Überwachung und Auswertung der Kommunikationsnetzwerke werden überregionale Kooperationen der leitenden Behörden eingeleitet.',
  },
  procedure: {
    title: 'Weiteres Vorgehen der IMK',
    text: 'Die Ständige Konferenz der Innenminister und -senatoren der Länder besteht als ständiges Gremium weiter und tagt monatlich.\n\nDaneben bestehen ständige Kommunikationsplattformen für kurzfristige Aussprachen.',
  },
};

const create = async (number: string, input: object) => {
  const response = await secretariat.post(
    `/v1/sessions/${sessionId}/agenda-items/${itemNumbered(number).id}/resolutions`,
    input,
  );
  expect(response.status).toBe(201);
  return response.json as Resolution;
};

describe('Resolutions of the constitutive session', () => {
  const ids: Record<keyof typeof texts, string> = {
    ukraine: '',
    internet: '',
    extremism: '',
    procedure: '',
  };

  it('drafts four resolutions and keeps earlier wordings in the audit, with a revision trace', async () => {
    ids.ukraine = (await create('1', texts.ukraine)).id;
    ids.internet = (await create('2', texts.internet)).id;
    ids.extremism = (await create('3', texts.extremism)).id;
    const draft = await create('4', { ...texts.procedure, text: 'Entwurf.' });
    ids.procedure = draft.id;
    const edited = await secretariat.patch(
      `/v1/resolutions/${draft.id}`,
      { text: texts.procedure.text },
      { 'if-match': '"1"' },
    );
    expect(edited.status).toBe(200);
    expect(edited.json.revisions).toMatchObject([{ kind: 'revision', by: 'gs@imk.example.org' }]);
    expect(edited.headers.get('etag')).toBe('"2"');
    const audit = await secretariat.get(`/v1/audit?object=resolution:${draft.id}`);
    expect(audit.json.items.at(-1)).toMatchObject({
      action: 'resolution.update',
      previous: { text: 'Entwurf.' },
    });
  });

  it('refuses a vote of the Bund, which is a guest, with a clear message', async () => {
    const response = await secretariat.raw('PUT', `/v1/resolutions/${ids.ukraine}/votes`, {
      votes: [{ memberId: 'BUND', vote: 'yes' }],
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json.detail).toMatch(/ist Gast im Gremium IMK und hat kein Stimmrecht/);
    expect((await repo.getResolution(ids.ukraine))?.votes).toEqual({});
  });

  it('records the votes of all sixteen Länder, a deputy voting for one, and a statement', async () => {
    for (const id of Object.values(ids)) {
      const voted = await secretariat.raw('PUT', `/v1/resolutions/${id}/votes`, allYes);
      expect(voted.status).toBe(200);
    }
    const deputy = await secretariat.raw('PUT', `/v1/resolutions/${ids.ukraine}/votes`, {
      votes: [{ memberId: 'DE-NW', vote: 'yes', deputy: 'Staatssekretär Weber' }],
    });
    expect(deputy.json.votes['DE-NW']).toMatchObject({
      vote: 'yes',
      deputy: 'Staatssekretär Weber',
    });
    const statement = await secretariat.post(`/v1/resolutions/${ids.internet}/statements`, {
      memberIds: ['DE-BY'],
      text: 'Bayern hält eine <b>gesetzliche</b> Grundlage für erforderlich.',
    });
    expect(statement.status).toBe(200);
    expect(statement.json.statements).toHaveLength(1);
  });

  it('decides each by unanimity; afterwards no vote changes', async () => {
    for (const id of Object.values(ids)) {
      const decided = await secretariat.post(`/v1/resolutions/${id}/decision`, undefined);
      expect(decided.status).toBe(200);
      expect(decided.json).toMatchObject({
        state: 'decided',
        outcome: 'passed',
        tally: { yes: 16, no: 0, abstain: 0, absent: 0 },
      });
    }
    const late = await secretariat.raw('PUT', `/v1/resolutions/${ids.ukraine}/votes`, {
      votes: [{ memberId: 'DE-SN', vote: 'no' }],
    });
    expect(late.status).toBe(409);
    expect((await repo.getResolution(ids.ukraine))?.votes['DE-SN']?.vote).toBe('yes');
  });

  it('lets only the chair propose the release; one objection keeps a resolution internal', async () => {
    const bySecretariat = await secretariat.post(
      `/v1/resolutions/${ids.ukraine}/release-proposal`,
      { objectionHours: 72 },
    );
    expect(bySecretariat.status).toBe(403);
    for (const id of Object.values(ids)) {
      const proposed = await chair.post(`/v1/resolutions/${id}/release-proposal`, {
        objectionHours: 72,
      });
      expect(proposed.status).toBe(200);
      expect(proposed.json.state).toBe('decided');
    }
    const objected = await secretariat.post(`/v1/resolutions/${ids.extremism}/release-answers`, {
      memberId: 'DE-SN',
      answer: 'object',
      reason: 'Vertraulich.',
    });
    expect(objected.json.state).toBe('internal');
    // Everyone consents to the first: released at once.
    for (const land of lands) {
      await secretariat.post(`/v1/resolutions/${ids.ukraine}/release-answers`, {
        memberId: land.code,
        answer: 'consent',
      });
    }
    expect((await repo.getResolution(ids.ukraine))?.state).toBe('released');
    // The others are released by the sweep once the period ends, and not before.
    expect(await settleDueReleases({ repo, clock })).toBe(0);
    now = new Date('2027-03-09T10:00:01Z');
    expect(await settleDueReleases({ repo, clock })).toBe(2);
    expect((await repo.getResolution(ids.internet))?.state).toBe('released');
    expect((await repo.getResolution(ids.procedure))?.state).toBe('released');
    expect((await repo.getResolution(ids.extremism))?.state).toBe('internal');
    expect((await repo.getResolution(ids.ukraine))?.reports[0]?.released).toBe(true);
  });

  it('shows exactly the three released resolutions in public, as JSON, HTML and PDF', async () => {
    const json = await app.request(`/public/sessions/${sessionId}/resolutions`);
    expect(json.status).toBe(200);
    const raw = await json.text();
    const collection = JSON.parse(raw) as {
      resolutions: { id: string; item: { number: string }; statements: unknown[] }[];
    };
    expect(collection.resolutions.map((r) => r.item.number)).toEqual(['1', '2', '4']);
    expect(raw).not.toContain(texts.extremism.text);
    expect(raw).not.toContain(ids.extremism);
    expect(collection.resolutions[1]?.statements).toEqual([
      {
        members: ['Bayern'],
        text: 'Bayern hält eine <b>gesetzliche</b> Grundlage für erforderlich.',
      },
    ]);

    const page = await app.request(`/public/sessions/${sessionId}/resolutions`, {
      headers: { accept: 'text/html' },
    });
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toMatch(
      /Sammlung der zur Veröffentlichung freigegebenen Beschlüsse der 1\. \(konstituierenden\) Sitzung der IMK vom 3\. bis 6\. März \d{4} in Hamburg/,
    );
    expect(html).toContain('TOP 2: Bekämpfung der Internetkriminalität');
    expect(html).toContain('Bericht des AK II zur Unterbringung (freigegeben)');
    expect(html).toContain('&lt;b&gt;gesetzliche&lt;/b&gt;');
    expect(html).not.toContain('<b>gesetzliche</b>');
    expect(html).not.toContain('Extremismusbekämpfung');

    const pdf = await app.request(`/public/sessions/${sessionId}/resolutions.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const lines = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(lines).toContain('– Geschäftsstelle –');
    expect(lines.filter((line) => /^\d\. TOP \d: /.test(line))).toEqual([
      // The long title wraps onto a second line.
      expect.stringMatching(/^1\. TOP 1: Umgang mit dem Krieg in der Ukraine/),
      '2. TOP 2: Bekämpfung der Internetkriminalität',
      '3. TOP 4: Weiteres Vorgehen der IMK',
    ]);
    expect(lines).toContain('Protokollerklärung Bayern:');
    expect(lines.join('\n')).not.toContain('Extremismus');
  });

  it('keeps everything unreleased behind a staff token', async () => {
    for (const path of [
      `/v1/resolutions/${ids.extremism}`,
      `/v1/sessions/${sessionId}/resolutions`,
    ]) {
      expect((await app.request(path)).status).toBe(401);
    }
    const press = httpClient(app, await issuer.sign({ role: 'press', bodies: [] }));
    expect((await press.get(`/v1/resolutions/${ids.extremism}`)).status).toBe(403);
  });

  it('corrects a released resolution with a visible trace', async () => {
    const current = await secretariat.get(`/v1/resolutions/${ids.procedure}`);
    const corrected = await secretariat.post(
      `/v1/resolutions/${ids.procedure}/corrections`,
      {
        text: texts.procedure.text.replace('monatlich', 'monatlich in Präsenz'),
        note: 'Beschlusstext nach Protokoll berichtigt.',
      },
      { 'if-match': current.headers.get('etag') ?? '' },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.json.revisions.at(-1)).toMatchObject({
      kind: 'correction',
      note: 'Beschlusstext nach Protokoll berichtigt.',
    });
    const html = await (
      await app.request(`/public/sessions/${sessionId}/resolutions`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(html).toContain('monatlich in Präsenz');
    expect(html).toMatch(/Berichtigt am .*: Beschlusstext nach Protokoll berichtigt\./);
  });
});

describe('Concurrent votes', () => {
  it('records sixteen votes sent at the same moment, each once', async () => {
    const resolution = await create('1', { title: 'Gleichzeitig', text: 'Absatz.' });
    const responses = await Promise.all(
      lands.map((land) =>
        secretariat.raw('PUT', `/v1/resolutions/${resolution.id}/votes`, {
          votes: [{ memberId: land.code, vote: land.code === 'DE-SN' ? 'abstain' : 'yes' }],
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(lands.map(() => 200));
    const stored = await repo.getResolution(resolution.id);
    expect(Object.keys(stored?.votes ?? {}).sort()).toEqual(lands.map((l) => l.code).sort());
    expect(stored?.version).toBe(17);
  });

  it('never counts a vote that lost the race against the decision', async () => {
    const resolution = await create('2', { title: 'Wettlauf', text: 'Absatz.' });
    await secretariat.raw('PUT', `/v1/resolutions/${resolution.id}/votes`, {
      votes: lands
        .filter((l) => l.code !== 'DE-TH')
        .map((l) => ({ memberId: l.code, vote: 'yes' })),
    });
    const [vote, decision] = await Promise.all([
      secretariat.raw('PUT', `/v1/resolutions/${resolution.id}/votes`, {
        votes: [{ memberId: 'DE-TH', vote: 'no' }],
      }),
      secretariat.post(`/v1/resolutions/${resolution.id}/decision`, undefined),
    ]);
    expect(decision.status).toBe(200);
    const stored = await repo.getResolution(resolution.id);
    if (vote.status === 200) {
      // The vote came first: the decision counted it.
      expect(stored).toMatchObject({ outcome: 'rejected', tally: { yes: 15, no: 1 } });
    } else {
      expect(vote.status).toBe(409);
      expect(stored).toMatchObject({ outcome: 'passed', tally: { yes: 15, no: 0, absent: 1 } });
      expect(stored?.votes['DE-TH']).toBeUndefined();
    }
  });
});

describe('Release asked of the Länder by mail', () => {
  it('mails every voting Land links, and one objection by link keeps the resolution internal', async () => {
    const ses = await startOwnSes();
    try {
      const resolution = await create('3', { title: 'Per Mail freizugeben', text: 'Absatz.' });
      await secretariat.raw('PUT', `/v1/resolutions/${resolution.id}/votes`, allYes);
      await secretariat.post(`/v1/resolutions/${resolution.id}/decision`, undefined);
      expect(
        (
          await chair.post(`/v1/resolutions/${resolution.id}/release-proposal`, {
            objectionHours: 48,
          })
        ).status,
      ).toBe(200);
      const mailer = testMailer(
        repo,
        clock,
        new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
      );
      await deliverQueued(mailer);
      const mails = (await ses.inbox()).filter((mail) =>
        mail.subject.startsWith('Freigabe zur Veröffentlichung: Per Mail freizugeben'),
      );
      expect(mails).toHaveLength(16);
      const of = (code: string) =>
        mails.find((mail) => mail.destination.to[0]?.includes(`minister@${code.toLowerCase()}.`));

      const hamburg = linkIn(of('DE-HH'), '/links/releases/');
      const page = await app.request(`${hamburg}?antwort=einverstanden`);
      expect(await page.text()).toContain('Einverstanden mit der Veröffentlichung');
      expect((await repo.getResolution(resolution.id))?.release?.consents).toEqual([]);
      expect((await app.request(hamburg, formPost({ answer: 'consent' }))).status).toBe(200);

      const saxony = linkIn(of('DE-SN'), '/links/releases/');
      const objected = await app.request(
        saxony,
        formPost({ answer: 'object', reason: 'Noch vertraulich.' }),
      );
      expect(objected.status).toBe(200);
      const stored = await repo.getResolution(resolution.id);
      expect(stored?.state).toBe('internal');
      expect(stored?.release?.consents).toEqual(['DE-HH']);
      expect(stored?.release?.objections).toMatchObject([
        { memberId: 'DE-SN', reason: 'Noch vertraulich.' },
      ]);
      // Settled: a later answer is refused and changes nothing.
      const late = await app.request(
        linkIn(of('DE-BY'), '/links/releases/'),
        formPost({ answer: 'consent' }),
      );
      expect(late.status).toBe(409);
      expect((await repo.getResolution(resolution.id))?.release?.consents).toEqual(['DE-HH']);
    } finally {
      await ses.stop();
    }
  });
});
