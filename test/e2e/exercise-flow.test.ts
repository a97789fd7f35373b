import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlowStack, startFlowStack } from '../fixtures/local-stack.js';
import { samplesDir, saveMailSamples, savePageSample } from '../fixtures/samples.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';

/** A title no other part of the demo uses, to look for it on the public pages. */
const title = 'Alarmierungsübung Hochwasser Saale';

/** The ministries that answer only after the escalation reached their crisis units. */
const late = ['tmuenf', 'tmdi'];

/**
 * The IMAS issue's "done when", in the local stack a new user starts: the
 * seeded IMAS Thüringen calls an exercise video conference at short notice,
 * its invitations say ÜBUNG in subject and calendar, seven ministries answer
 * at once, the two silent ones are escalated to their deputies once, the
 * reachability report shows who was reached when, and nothing of the
 * exercise appears in public.
 *
 * An admin shortens the body's escalation to one minute through the API
 * (the seed says 15), and the test moves the stack's clock
 * (LOCAL_CLOCK_CONTROL) instead of waiting: each move runs the scheduled
 * jobs once at the new time.
 */
describe('The IMAS exercise in the local stack (npm start)', () => {
  let local: FlowStack;
  let secretariat: string;
  let admin: string;
  let sessionId: string;
  const call = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${local.ports.api}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
  const publicGet = (path: string) => fetch(`http://127.0.0.1:${local.ports.api}${path}`);
  const exerciseMails = async () =>
    (await local.inbox()).filter((mail) => mail.subject.includes(title));
  /** Waits longer than `waitForMails`, which gives up after 30 seconds. */
  const waitFor = async (
    count: number,
    filter: (mail: StoredMail) => boolean,
    timeoutMs: number,
  ): Promise<StoredMail[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mails = (await exerciseMails()).filter(filter);
      if (mails.length >= count) return mails;
      if (Date.now() > deadline)
        throw new Error(`Only ${mails.length} of ${count} mails arrived.\n${local.stack.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  /** The bare address a mail went to, without the display name. */
  const addressOf = (mail: StoredMail) => {
    const to = mail.destination.to[0] ?? '';
    return /<([^>]+)>/.exec(to)?.[1] ?? to;
  };
  const toLocal = (local: string, domain: string) => (mail: StoredMail) =>
    addressOf(mail) === `${local}@${domain}.th.example.org`;
  const linkOf = (mail: StoredMail) => {
    const link = /http:\/\/localhost:\d+(\/links\/invitations\/[^\s?]+)/.exec(
      mail.body.text ?? '',
    )?.[1];
    if (link === undefined) throw new Error(`No answer link in: ${mail.body.text}`);
    return link;
  };
  const answer = (mail: StoredMail, status: string) =>
    fetch(`http://127.0.0.1:${local.ports.api}${linkOf(mail)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ status }),
    });

  beforeAll(async () => {
    local = await startFlowStack('conference-exercise-', { LOCAL_CLOCK_CONTROL: '1' });
    // Each is its own `npm run`: the secretariat's token while the admin is created.
    [admin, secretariat] = await Promise.all([
      local
        .command('admin-create', ['--local', '--email', 'admin@imk.example.org'])
        .then(() => local.token('admin', 'admin@imk.example.org')),
      local.token('secretariat', 'krisenmanagement@tmik.th.example.org', 'imas-th'),
    ]);
    // One minute instead of the seeded 15, so the flow need not wait a quarter of an hour.
    const body = await call(admin, '/v1/bodies/imas-th');
    const seeded = (await body.json()) as { escalation?: { afterMinutes: number } };
    if (body.status !== 200 || seeded.escalation?.afterMinutes !== 15) {
      throw new Error(`No seeded IMAS (${body.status}): ${JSON.stringify(seeded)}`);
    }
    const shortened = await call(admin, '/v1/bodies/imas-th', {
      method: 'PATCH',
      headers: { 'if-match': body.headers.get('etag') ?? '' },
      body: JSON.stringify({
        escalation: { afterMinutes: 1, steps: ['deputies', 'officeContacts'] },
      }),
    });
    if (shortened.status !== 200) {
      throw new Error(
        `The escalation was not shortened (${shortened.status}): ${await shortened.text()}`,
      );
    }
  }, 180_000);

  afterAll(async () => {
    // Every kind of mail the exercise sent, for a German reader (test-results/samples/exercise).
    if (local !== undefined) {
      const mails = await exerciseMails();
      saveMailSamples('exercise', mails);
      // The deputies' invitations share the subject, so they go beside the others.
      saveMailSamples(
        'exercise/vertretung',
        mails.filter((mail) => addressOf(mail).startsWith('krisenstab@')),
      );
    }
    await local?.stop();
  });

  it('invites the nine ministries to an exercise, marked ÜBUNG in subject and calendar', async () => {
    // Act: a video conference in two hours, invited at once
    const startsAt = new Date(Date.now() + 2 * 3600_000);
    startsAt.setUTCSeconds(0, 0);
    const created = await call(secretariat, '/v1/bodies/imas-th/sessions', {
      method: 'POST',
      body: JSON.stringify({
        kind: 'video',
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
        videoLink: 'https://video.example.org/imas',
        sendInvitations: true,
        exercise: true,
      }),
    });
    const session = (await created.json()) as { id: string; exercise?: boolean };
    expect(created.status).toBe(201);
    sessionId = session.id;

    // Assess
    const mails = await waitFor(9, () => true, 30_000);
    expect(mails.map(addressOf).sort()).toEqual(
      ['tsk', 'tmik', 'tfm', 'tmwllr', 'tmbwk', 'tmjmv', 'tmsgaf', 'tmuenf', 'tmdi']
        .map((domain) => `staatssekretaer@${domain}.th.example.org`)
        .sort(),
    );
    for (const mail of mails) {
      expect(mail.subject).toMatch(/^ÜBUNG – Einladung: /);
      expect(mail.body.text).toContain(
        'ÜBUNG – Diese Nachricht gehört zu einer Übung. Es liegt kein Ernstfall vor.',
      );
      const calendar = mail.attachments.find((part) =>
        part.contentType.startsWith('text/calendar'),
      );
      const ics = Buffer.from(calendar?.content ?? '', 'base64').toString('utf8');
      expect(ics).toMatch(/^SUMMARY:ÜBUNG/m);
    }
  });

  it('invites the deputies of the two silent ministries after the body’s minute, exactly once', async () => {
    // Prepare: seven ministries answer at once through their links, one of them declines
    const mails = await exerciseMails();
    for (const domain of ['tsk', 'tmik', 'tfm', 'tmwllr', 'tmbwk', 'tmjmv', 'tmsgaf']) {
      const mail = mails.find(toLocal('staatssekretaer', domain)) as StoredMail;
      expect((await answer(mail, domain === 'tmjmv' ? 'declined' : 'accepted')).status).toBe(200);
    }

    const board = async () =>
      (
        (await (await call(secretariat, `/v1/sessions/${sessionId}/attendance`)).json()) as {
          lines: {
            memberId: string;
            status: string;
            attendee?: string;
            escalations?: { step: string; at: string }[];
          }[];
        }
      ).lines;
    // Half a minute on, the silent ones are not escalated yet.
    await local.moveClock({ advanceMs: 30_000 });
    expect((await board()).flatMap((line) => line.escalations ?? [])).toEqual([]);

    // Act: the clock reaches the body's minute
    await local.moveClock({ advanceMs: 31_000 });
    const deputies = await waitFor(2, (mail) => addressOf(mail).startsWith('krisenstab@'), 30_000);
    // The escalated ministries answer late: Umwelt by its crisis unit, Digitales itself.
    const umwelt = deputies.find(toLocal('krisenstab', 'tmuenf')) as StoredMail;
    expect((await answer(umwelt, 'accepted')).status).toBe(200);
    const digital = (await exerciseMails()).find(toLocal('staatssekretaer', 'tmdi')) as StoredMail;
    expect((await answer(digital, 'accepted')).status).toBe(200);
    // Several more rounds of the scheduled jobs, up to past the chain's second step.
    for (let round = 0; round < 3; round++) await local.moveClock({ advanceMs: 20_000 });
    // Longer than a round of the local mailer, which would send a queued mail.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    // Assess
    const all = await exerciseMails();
    expect(
      all
        .filter((mail) => addressOf(mail).startsWith('krisenstab@'))
        .map(addressOf)
        .sort(),
    ).toEqual(late.map((domain) => `krisenstab@${domain}.th.example.org`).sort());
    expect(all.filter((mail) => addressOf(mail).startsWith('leitungsbuero@'))).toEqual([]);
    expect(all).toHaveLength(11);
    for (const mail of deputies) expect(mail.subject).toMatch(/^ÜBUNG – Einladung: /);

    const lines = await board();
    const line = (memberId: string) => lines.find((l) => l.memberId === memberId);
    expect(line('th-tmuenf')).toMatchObject({
      status: 'represented',
      escalations: [{ step: 'deputies' }],
    });
    expect(line('th-tmdi')).toMatchObject({
      status: 'accepted',
      escalations: [{ step: 'deputies' }],
    });
    expect(line('th-tmjmv')).toMatchObject({ status: 'declined' });
    // Not before the body's minute had passed since the member's invitation left.
    const reach = (await (
      await call(secretariat, `/v1/sessions/${sessionId}/reachability`)
    ).json()) as { members: { memberId: string; firstSentAt: string }[] };
    for (const memberId of ['th-tmuenf', 'th-tmdi']) {
      const at = Date.parse(line(memberId)?.escalations?.[0]?.at ?? '');
      const sent = Date.parse(
        reach.members.find((m) => m.memberId === memberId)?.firstSentAt ?? '',
      );
      expect(at - sent).toBeGreaterThanOrEqual(60_000);
    }
    for (const memberId of [
      'th-tsk',
      'th-tmik',
      'th-tfm',
      'th-tmwllr',
      'th-tmbwk',
      'th-tmjmv',
      'th-tmsgaf',
    ])
      expect(line(memberId)?.escalations).toBeUndefined();

    const audit = (await (
      await call(secretariat, `/v1/audit?object=session:${sessionId}&limit=100`)
    ).json()) as {
      items: { action: string; actor: string; exercise?: boolean; changedFields?: string[] }[];
    };
    const escalated = audit.items.filter((entry) => entry.action === 'session.escalated');
    expect(escalated.flatMap((entry) => entry.changedFields ?? []).sort()).toEqual(
      late.map((domain) => `th-${domain}:deputies:krisenstab@${domain}.th.example.org`).sort(),
    );
    for (const entry of escalated) expect(entry).toMatchObject({ actor: 'system', exercise: true });
  });

  it('reports who was reached when, as JSON, German page and CSV', async () => {
    // Act
    const json = await call(secretariat, `/v1/sessions/${sessionId}/reachability?within=1`);
    const page = await call(secretariat, `/v1/sessions/${sessionId}/reachability?within=1`, {
      headers: { accept: 'text/html' },
    });
    const csv = await call(secretariat, `/v1/sessions/${sessionId}/reachability.csv?within=1`);

    // Assess
    expect(json.status).toBe(200);
    const report = (await json.json()) as {
      members: {
        memberId: string;
        firstSentAt: string;
        answeredAt?: string;
        answeredBy?: { capacity: string };
        channel?: string;
        seconds?: number;
        reached: boolean;
      }[];
      summary: { invited: number; answered: number; notReached: { memberId: string }[] };
    };
    expect(report.summary).toMatchObject({ invited: 9, answered: 9 });
    expect(report.summary.notReached.map((member) => member.memberId).sort()).toEqual(
      late.map((domain) => `th-${domain}`).sort(),
    );
    for (const member of report.members) {
      expect(member.channel).toBe('link');
      expect(member.answeredAt).toBeDefined();
      const isLate = late.includes(member.memberId.slice(3));
      expect(member.reached).toBe(!isLate);
      expect((member.seconds ?? 0) >= 60).toBe(isLate);
    }
    expect(report.members.find((m) => m.memberId === 'th-tmuenf')?.answeredBy?.capacity).toBe(
      'deputy',
    );

    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('ÜBUNG – Diese Nachricht gehört zu einer Übung.');
    expect(html).toContain(`Erreichbarkeit: ${title}`);
    expect(html).toContain('Geantwortet haben 9 von 9 Mitgliedern.');
    expect(html).toMatch(/Nicht innerhalb von 1 Minute erreicht: [^<]*Digitale/);
    savePageSample('exercise', 'erreichbarkeit', html);

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await csv.text()).split('\r\n').filter((row) => row !== '');
    expect(rows[0]).toBe(
      '"Mitglied";"Person";"Als";"E-Mail versandt";"Antwort";"Weg";"Sekunden bis zur Antwort";"Innerhalb von 1 Minute";"Übung"',
    );
    // Nine state secretaries and the two crisis units.
    expect(rows).toHaveLength(12);
    expect(rows.filter((row) => row.includes('"Vertretung"'))).toHaveLength(2);
    mkdirSync(join(samplesDir, 'exercise'), { recursive: true });
    writeFileSync(join(samplesDir, 'exercise', 'erreichbarkeit.csv'), rows.join('\r\n'));
  });

  it('shows nothing of the exercise in public: pages, feeds and OParl', async () => {
    // Prepare: the same answers for an id that does not exist
    const unknownId = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
    const shape = async (path: string, id: string) => {
      const response = await publicGet(path);
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        // Each answer has its own request id; the rest must not tell the two apart.
        body: (await response.text())
          .replaceAll(id, '{id}')
          .replace(/"requestId":"[^"]*"/, '"requestId":"…"'),
      };
    };

    // Act and assess
    for (const path of [
      '/public/sessions/{id}',
      '/public/sessions/{id}/resolutions',
      '/public/sessions/{id}/resolutions.pdf',
      '/oparl/v1/meetings/{id}',
    ]) {
      const real = await shape(path.replace('{id}', sessionId), sessionId);
      expect(real.status, path).toBe(404);
      expect(real, path).toEqual(await shape(path.replace('{id}', unknownId), unknownId));
    }
    for (const path of [
      '/public/press-releases',
      '/public/feeds/press-releases.atom',
      '/public/feeds/press-releases.rss',
      '/public/feeds/press-releases.json',
      '/oparl/v1/bodies/imas-th/meetings',
    ]) {
      const text = await (await publicGet(path)).text();
      expect(text, path).not.toContain(sessionId);
      expect(text, path).not.toContain(title);
    }
  });

  // The body's public session list and its calendar leave the exercise out as well.
  for (const path of ['/public/bodies/imas-th/sessions', '/public/bodies/imas-th/sessions.ics']) {
    it(`leaves the exercise out of ${path}`, async () => {
      // Act
      const text = await (await publicGet(path)).text();

      // Assess
      expect(text).not.toContain(sessionId);
      expect(text).not.toContain(title);
    });
  }
});
