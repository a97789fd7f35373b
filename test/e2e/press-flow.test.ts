import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlowStack, startFlowStack } from '../fixtures/local-stack.js';
import { saveMailSamples } from '../fixtures/samples.js';

/**
 * The press issue's "done when", in the local stack: the seed-002 release
 * with the live attendance sentence, approved under an embargo two minutes
 * ahead, appears in the feed and reaches the confirmed press list at that
 * time and not before; a correction shows in the feed as an update. The test
 * moves the stack's clock (LOCAL_CLOCK_CONTROL) to just before the embargo
 * and then to it, and each move runs the scheduled jobs once at the new time.
 */
describe('A press release under embargo in the local stack (npm start)', () => {
  let local: FlowStack;
  const tokens = { secretariat: '', press: '', chair: '' };
  const call = async (who: keyof typeof tokens, method: string, path: string, body?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${local.ports.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return {
      status: response.status,
      etag: response.headers.get('etag') ?? '',
      json: (await response.json()) as Record<string, unknown>,
    };
  };
  const atom = async () =>
    (await fetch(`http://127.0.0.1:${local.ports.api}/public/feeds/press-releases.atom`)).text();
  const releaseMails = async () =>
    (await local.inbox()).filter((mail) => mail.subject.startsWith('Konstituierende Sitzung'));

  beforeAll(async () => {
    local = await startFlowStack('conference-press-', { LOCAL_CLOCK_CONTROL: '1' });
    // Each token is its own `npm run token`: the three at once.
    [tokens.secretariat, tokens.press, tokens.chair] = await Promise.all([
      local.token('secretariat', 'gs@imk.example.org', 'imk'),
      local.token('press', 'presse@de-hh.example.org'),
      local.token('chair', 'vorsitz@de-hh.example.org', 'imk'),
    ]);
  });

  afterAll(async () => {
    // Every kind of mail the flow sent, for a German reader (test-results/samples/press).
    if (local !== undefined) saveMailSamples('press', await local.inbox());
    await local.stop();
  });

  it('publishes at the embargo, mails the confirmed press list then, and shows a correction', async () => {
    const sessions = await call(
      'secretariat',
      'GET',
      '/v1/sessions?from=2026-01-01&to=2100-01-01&body=imk',
    );
    const sessionId = (sessions.json.items as { id: string }[])[0]?.id ?? '';
    const invited = await call('secretariat', 'POST', `/v1/sessions/${sessionId}/invitations`, {});
    const invitations = invited.json.invited as { id: string; memberId: string }[];
    for (const memberId of ['DE-BY', 'DE-HH', 'DE-NW', 'DE-TH', 'BUND']) {
      const invitation = invitations.find((i) => i.memberId === memberId);
      const answered = await call(
        'secretariat',
        'POST',
        `/v1/sessions/${sessionId}/invitations/${invitation?.id}/answer`,
        { status: 'accepted' },
      );
      expect(answered.status).toBe(200);
    }

    // A journalist subscribes and confirms.
    const subscribed = await fetch(`http://127.0.0.1:${local.ports.api}/public/press-list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'redaktion@zeitung.example.org' }),
    });
    expect(subscribed.status).toBe(202);
    const [confirmation] = await local.waitForMails(1, (mail) =>
      mail.subject.includes('Presseliste'),
    );
    const link = /http:\/\/localhost:\d+(\/links\/press-list\/confirm\/\S+)/.exec(
      confirmation?.body.text ?? '',
    )?.[1];
    const confirmed = await fetch(`http://127.0.0.1:${local.ports.api}${link}`, { method: 'POST' });
    expect(confirmed.status).toBe(200);

    // The press officer writes the release; the chair approves it under embargo.
    const created = await call('press', 'POST', '/v1/press-releases', {
      bodyId: 'imk',
      sessionId,
      title: 'Konstituierende Sitzung der IMK findet in Hamburg statt',
      dateline: 'HAMBURG',
      body: 'Die konstituierende Sitzung der Ständigen Konferenz der Innenminister und -senatoren der Länder wird auf Einladung des Hamburgischen Innensenators in der Freien und Hansestadt Hamburg stattfinden.\n\nVom {{termin}} beraten die Ministerinnen und Minister des Inneren in der {{ort}}.\n\n{{teilnahme}}',
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    await call('press', 'POST', `/v1/press-releases/${id}/submission`);
    const embargo = new Date(
      Math.ceil(((await local.clockNow()).getTime() + 120_000) / 1000) * 1000,
    );
    const approved = await call('chair', 'POST', `/v1/press-releases/${id}/approval`, {
      embargoUntil: embargo.toISOString(),
    });
    expect(approved.json.state).toBe('scheduled');
    expect(approved.json.html).toContain(
      'Bisher bestätigten die Ministerinnen und Minister aus Bayern, Hamburg, Nordrhein-Westfalen und Thüringen sowie der Bundesinnenminister ihre Teilnahme.',
    );

    // Until the embargo: in no feed, and no mail, however often the scheduled jobs run.
    for (const before of [60_000, 1_500]) {
      await local.moveClock({ to: new Date(embargo.getTime() - before) });
      // Longer than a round of the local mailer, which would send a queued mail.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await atom()).not.toContain(id);
      expect(await releaseMails()).toEqual([]);
    }
    // At it: in the feed, and in the journalist's inbox within seconds, sent only now.
    const reachedAt = Date.now();
    const now = await local.moveClock({ to: embargo });
    expect(now.getTime()).toBeGreaterThanOrEqual(embargo.getTime());
    expect(await atom()).toContain(id);
    const [mail] = await local.waitForMails(1, (m) =>
      m.subject.startsWith('Konstituierende Sitzung'),
    );
    // The local SES stamps mails with the machine's own time, in seconds.
    expect(mail?.at).toBeGreaterThanOrEqual(Math.floor(reachedAt / 1000));
    expect(mail?.destination.to[0]).toContain('redaktion@zeitung.example.org');

    // A minute later the chair corrects the release.
    await local.moveClock({ advanceMs: 60_000 });
    // A correction (the chair's takes effect at once) is an update of the same entry.
    const current = await call('chair', 'GET', `/v1/press-releases/${id}`);
    const response = await fetch(
      `http://127.0.0.1:${local.ports.api}/v1/press-releases/${id}/corrections`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.chair}`,
          'content-type': 'application/json',
          'if-match': current.etag,
        },
        body: JSON.stringify({
          title: 'Konstituierende Sitzung der IMK findet im Hamburger Rathaus statt',
          note: 'Ort präzisiert.',
        }),
      },
    );
    expect(response.status).toBe(200);
    const entry = parseFeed(await atom()).items.find((item) => item.id?.endsWith(id));
    expect(entry?.title).toBe('Konstituierende Sitzung der IMK findet im Hamburger Rathaus statt');
    expect(entry?.published?.getTime()).toBeGreaterThanOrEqual(embargo.getTime());
    expect(entry?.updated?.getTime()).toBeGreaterThan(entry?.published?.getTime() ?? Infinity);
  });
});
