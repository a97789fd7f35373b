import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlowStack, startFlowStack } from '../fixtures/local-stack.js';
import { rawReply } from '../fixtures/raw-mail.js';
import { saveMailSamples, savePageSample } from '../fixtures/samples.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';

/**
 * The Invitations issue's "done when", in the local stack a new user starts:
 * invitations to 17 addresses, a link confirmation, an iMIP reply and a
 * plain reply on the board with their channels, a deputy invited, a time
 * change sending SEQUENCE 1 updates, and the press sentence.
 */
describe('Invitations in the local stack (npm start)', () => {
  let local: FlowStack;
  let token: string;
  let sessionId: string;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${local.ports.api}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  const waitForMails = (count: number) => local.waitForMails(count);
  const board = async () =>
    (await (await api(`/v1/sessions/${sessionId}/attendance`)).json()) as {
      lines: { memberId: string; status: string; channel?: string; attendee?: string }[];
      pressSentence: string;
    };
  const mailTo = (mails: StoredMail[], address: string) =>
    mails.find((mail) => mail.destination.to[0]?.includes(address)) as StoredMail;

  beforeAll(async () => {
    local = await startFlowStack('conference-flow-');
    token = await local.token('secretariat', 'gs@imk.example.org', 'imk');
    const listed = await api('/v1/sessions?from=2026-01-01&to=2100-01-01&body=imk');
    const sessions = (await listed.json()) as { items?: { id: string }[] };
    const first = sessions.items?.[0];
    if (listed.status !== 200 || first === undefined) {
      throw new Error(
        `No seeded session (${listed.status}): ${JSON.stringify(sessions)}\n${local.stack.output()}`,
      );
    }
    sessionId = first.id;
  });

  afterAll(async () => {
    // Every kind of mail the flow sent, for a German reader (test-results/samples/invitations).
    if (local !== undefined) saveMailSamples('invitations', await local.inbox());
    await local.stop();
  });

  it('carries the whole flow from invitation to press sentence', async () => {
    expect(
      (await api(`/v1/sessions/${sessionId}/invitations`, { method: 'POST', body: '{}' })).status,
    ).toBe(202);
    const mails = await waitForMails(17);
    expect(new Set(mails.map((mail) => mail.destination.to[0])).size).toBe(17);

    // A link confirmation (Bayern).
    const link = /http:\/\/localhost:\d+(\/links\/invitations\/\S+)\?antwort=zusage/.exec(
      mailTo(mails, 'minister@de-by.example.org').body.text ?? '',
    )?.[1];
    const answerPage = await fetch(`http://127.0.0.1:${local.ports.api}${link}?antwort=zusage`);
    savePageSample('invitations', 'antwortseite', await answerPage.text());
    const confirmed = await fetch(`http://127.0.0.1:${local.ports.api}${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=accepted',
    });
    expect(confirmed.status).toBe(200);
    savePageSample('invitations', 'antwort-gespeichert', await confirmed.text());

    // An iMIP reply (Hamburg) and a plain reply (Thüringen), fed to `npm run inbound`.
    const hamburg = mailTo(mails, 'minister@de-hh.example.org');
    const thueringen = mailTo(mails, 'minister@de-th.example.org');
    const imip = join(local.localDir, 'imip.eml');
    const plain = join(local.localDir, 'plain.eml');
    writeFileSync(
      imip,
      rawReply({
        from: 'minister@de-hh.example.org',
        to: hamburg.replyTo[0] ?? '',
        messageId: '<imip@de-hh.example.org>',
        calendar: {
          uid: `session-${sessionId}@conference-coordination`,
          sequence: 0,
          partstat: 'ACCEPTED',
          attendee: 'minister@de-hh.example.org',
        },
      }),
    );
    writeFileSync(
      plain,
      rawReply({
        from: 'minister@de-th.example.org',
        to: thueringen.replyTo[0] ?? '',
        messageId: '<plain@de-th.example.org>',
        text: 'Zusage, mit Dank.',
      }),
    );
    const { stdout } = await local.command('inbound', [imip, plain]);
    expect(stdout).toContain('imip.eml: applied');
    expect(stdout).toContain('plain.eml: applied');

    // A deputy (Nordrhein-Westfalen) gets an invitation of their own.
    const nrwLink = /http:\/\/localhost:\d+(\/links\/invitations\/\S+)\?antwort=zusage/.exec(
      mailTo(mails, 'minister@de-nw.example.org').body.text ?? '',
    )?.[1];
    const represented = await fetch(`http://127.0.0.1:${local.ports.api}${nrwLink}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        status: 'represented',
        deputyName: 'StS Weber',
        deputyEmail: 'sts@de-nw.example.org',
      }),
    });
    expect(represented.status).toBe(200);
    const withDeputy = await waitForMails(18);
    expect(mailTo(withDeputy, 'sts@de-nw.example.org').subject).toMatch(/^Einladung: /);

    const lines = (await board()).lines;
    expect(lines.find((l) => l.memberId === 'DE-BY')).toMatchObject({
      status: 'accepted',
      channel: 'link',
    });
    expect(lines.find((l) => l.memberId === 'DE-HH')).toMatchObject({
      status: 'accepted',
      channel: 'calendar',
    });
    expect(lines.find((l) => l.memberId === 'DE-TH')).toMatchObject({
      status: 'accepted',
      channel: 'mail',
    });
    expect(lines.find((l) => l.memberId === 'DE-NW')).toMatchObject({
      status: 'represented',
      attendee: 'vertreten durch StS Weber',
    });

    // A time change on the same days: SEQUENCE 1 updates to all 18, answers kept.
    const current = await api(`/v1/sessions/${sessionId}`);
    const session = (await current.json()) as { endsAt: string };
    const moved = await api(`/v1/sessions/${sessionId}`, {
      method: 'PATCH',
      headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: JSON.stringify({
        endsAt: new Date(Date.parse(session.endsAt) + 3600_000).toISOString(),
      }),
    });
    expect(moved.status).toBe(200);
    const all = await waitForMails(36);
    const updates = all.filter((mail) => mail.subject.startsWith('Geänderte Einladung'));
    expect(updates).toHaveLength(18);
    for (const update of updates) {
      const calendar = update.attachments.find((part) =>
        part.contentType.startsWith('text/calendar'),
      );
      expect(Buffer.from(calendar?.content ?? '', 'base64').toString('utf8')).toContain(
        'SEQUENCE:1',
      );
    }

    expect((await board()).pressSentence).toBe(
      'Bisher bestätigten die Ministerinnen und Minister aus Bayern, Hamburg, Nordrhein-Westfalen und Thüringen ihre Teilnahme.',
    );
  });
});
