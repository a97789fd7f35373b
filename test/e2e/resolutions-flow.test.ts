import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lands } from '../../shared/domain/lands.js';
import { type FlowStack, startFlowStack } from '../fixtures/local-stack.js';
import { pdfText } from '../fixtures/pdf-text.js';
import { rawReply } from '../fixtures/raw-mail.js';
import { saveMailSamples, savePageSample } from '../fixtures/samples.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';

/**
 * The Resolutions issue's "done when", in the local stack a new user starts:
 * four resolutions of the constitutive session with the votes of all sixteen
 * Länder and one protocol statement, three released and one internal; the
 * public page and PDF show exactly the three; a written procedure among the
 * sixteen completes by links and one reply mail, with the result mailed out.
 */
describe('Resolutions in the local stack (npm start)', () => {
  let local: FlowStack;
  const tokens = { secretariat: '', chair: '' };
  let sessionId: string;
  const base = () => `http://127.0.0.1:${local.ports.api}`;
  const call = async (
    who: keyof typeof tokens,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Record<string, unknown> }> => {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const waitForMails = (subject: string, count: number) =>
    local.waitForMails(count, (mail) => mail.subject.includes(subject));

  beforeAll(async () => {
    local = await startFlowStack('conference-resolutions-');
    [tokens.secretariat, tokens.chair] = await Promise.all([
      local.token('secretariat', 'gs@imk.example.org', 'imk'),
      local.token('chair', 'vorsitz@de-hh.example.org', 'imk'),
    ]);
    const listed = await call(
      'secretariat',
      'GET',
      '/v1/sessions?from=2026-01-01&to=2100-01-01&body=imk',
    );
    const first = (listed.json.items as { id: string }[] | undefined)?.[0];
    if (listed.status !== 200 || first === undefined) {
      throw new Error(`No seeded session (${listed.status}): ${local.stack.output()}`);
    }
    sessionId = first.id;
  });

  afterAll(async () => {
    // Every kind of mail the flow sent, for a German reader (test-results/samples/resolutions).
    if (local !== undefined) saveMailSamples('resolutions', await local.inbox());
    await local.stop();
  });

  it('records, decides and releases three of four resolutions, and publishes exactly those', async () => {
    const agenda = await call('secretariat', 'GET', `/v1/sessions/${sessionId}/agenda-items`);
    const items = agenda.json.items as { id: string; number: string; title: string }[];
    expect(items.map((item) => item.number)).toEqual(['1', '2', '3', '4']);
    const ids: string[] = [];
    for (const item of items) {
      const created = await call(
        'secretariat',
        'POST',
        `/v1/sessions/${sessionId}/agenda-items/${item.id}/resolutions`,
        {
          title: item.title,
          text: `Die Länder verständigen sich zu „${item.title}“.\n\nDer Vorsitz berichtet.`,
        },
      );
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      ids.push(id);
      const voted = await call('secretariat', 'PUT', `/v1/resolutions/${id}/votes`, {
        votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
      });
      expect(voted.status).toBe(200);
      expect(
        (await call('secretariat', 'POST', `/v1/resolutions/${id}/decision`)).json,
      ).toMatchObject({
        outcome: 'passed',
        tally: { yes: 16 },
      });
      expect(
        (
          await call('chair', 'POST', `/v1/resolutions/${id}/release-proposal`, {
            objectionHours: 72,
          })
        ).status,
      ).toBe(200);
    }
    const [ukraine, internet, extremism, further] = ids as [string, string, string, string];
    await call('secretariat', 'POST', `/v1/resolutions/${internet}/statements`, {
      memberIds: ['DE-BY'],
      text: 'Bayern hält eine gesetzliche Grundlage für erforderlich.',
    });
    const objected = await call(
      'secretariat',
      'POST',
      `/v1/resolutions/${extremism}/release-answers`,
      {
        memberId: 'DE-SN',
        answer: 'object',
      },
    );
    expect(objected.json.state).toBe('internal');
    for (const id of [ukraine, internet, further]) {
      for (const land of lands) {
        await call('secretariat', 'POST', `/v1/resolutions/${id}/release-answers`, {
          memberId: land.code,
          answer: 'consent',
        });
      }
      expect((await call('secretariat', 'GET', `/v1/resolutions/${id}`)).json.state).toBe(
        'released',
      );
    }

    const publicPage = await fetch(`${base()}/public/sessions/${sessionId}/resolutions`, {
      headers: { accept: 'text/html' },
    });
    savePageSample('resolutions', 'veroeffentlichte-beschluesse', await publicPage.text());
    const published = (await (
      await fetch(`${base()}/public/sessions/${sessionId}/resolutions`)
    ).json()) as {
      resolutions: { id: string }[];
    };
    expect(published.resolutions.map((r) => r.id)).toEqual([ukraine, internet, further]);
    const pdf = await fetch(`${base()}/public/sessions/${sessionId}/resolutions.pdf`);
    expect(pdf.status).toBe(200);
    const lines = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(
      lines.filter((line) => /^\d\. TOP \d: /.test(line)).map((line) => line.slice(0, 9)),
    ).toEqual(['1. TOP 1:', '2. TOP 2:', '3. TOP 4:']);
    expect(lines).toContain('Protokollerklärung Bayern:');
    expect(lines.join('\n')).not.toContain('Extremismus');
  });

  it('completes a written procedure by links and one reply mail, and mails the result', async () => {
    const started = await call('secretariat', 'POST', '/v1/bodies/imk/written-procedures', {
      title: 'Ständige Kommunikationsplattform',
      resolutions: [
        {
          title: 'Einrichtung',
          text: 'Die Länder richten eine ständige Kommunikationsplattform ein.',
        },
      ],
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(started.status).toBe(201);
    const [resolutionId] = started.json.resolutionIds as string[];
    const ballots = await waitForMails('Umlaufverfahren: Ständige Kommunikationsplattform', 17);
    const mailTo = (code: string) =>
      ballots.find((mail) =>
        mail.destination.to[0]?.includes(`minister@${code.toLowerCase()}.`),
      ) as StoredMail;

    for (const land of lands.filter((l) => l.code !== 'DE-TH')) {
      const link = /http:\/\/localhost:\d+(\/links\/ballots\/\S+)\?antwort=zustimmung/.exec(
        mailTo(land.code).body.text ?? '',
      )?.[1];
      if (land.code === 'DE-BW') {
        const ballotPage = await fetch(`${base()}${link}?antwort=zustimmung`);
        savePageSample('resolutions', 'stimmzettel', await ballotPage.text());
      }
      const answered = await fetch(`${base()}${link}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ [`vote-${resolutionId}`]: 'yes' }),
      });
      expect(answered.status).toBe(200);
    }

    const reply = join(local.localDir, 'umlauf.eml');
    writeFileSync(
      reply,
      rawReply({
        from: 'minister@de-th.example.org',
        to: mailTo('DE-TH').replyTo[0] ?? '',
        subject: 'AW: Umlaufverfahren',
        messageId: '<umlauf@de-th.example.org>',
        text: 'Zustimmung.',
      }),
    );
    const { stdout } = await local.command('inbound', [reply]);
    expect(stdout).toContain('umlauf.eml: applied');

    const results = await waitForMails(
      'Ergebnis des Umlaufverfahrens: Ständige Kommunikationsplattform',
      17,
    );
    expect(results[0]?.body.text).toContain(
      'Ergebnis: einstimmig angenommen (16 Zustimmungen, keine Ablehnung, keine Enthaltung)',
    );
    const procedure = await call('secretariat', 'GET', `/v1/written-procedures/${started.json.id}`);
    expect(procedure.json).toMatchObject({ state: 'closed', closedBecause: 'all-answered' });
  });
});
