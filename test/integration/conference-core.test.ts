import { afterAll, describe, expect, it } from 'vitest';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('core');
const { app, issuer } = await createTestApp(table.documentClient, table.tableName);
const admin = httpClient(
  app,
  await issuer.sign({ role: 'admin', email: 'admin@example.org', bodies: [] }),
);
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@ak-iv.example.org', bodies: ['ak-iv'] }),
);

const person = (memberId: string) => ({
  capacity: 'principal',
  name: `Leitung ${memberId}`,
  function: 'Abteilungsleitung',
  email: `al@${memberId.toLowerCase()}.example.org`,
});

describe('Conference core through the API', () => {
  afterAll(async () => {
    await table.drop();
  });

  it('lets a new user set up a working group, plan a two-day session with four TOPs, and read the audit', async () => {
    // A working group with members: who votes is the admin's to decide.
    const body = await admin.post('/v1/bodies', {
      id: 'ak-iv',
      name: 'Arbeitskreis IV – Verfassungsschutz',
      shortName: 'AK IV',
      kind: 'working_group',
      decisionRule: { kind: 'majority' },
    });
    expect(body.status).toBe(201);
    expect(body.headers.get('location')).toBe('/v1/bodies/ak-iv');
    for (const memberId of ['DE-BY', 'DE-HH', 'DE-NW']) {
      const member = await admin.post('/v1/bodies/ak-iv/members', {
        memberId,
        name: memberId,
        voting: true,
        people: [person(memberId)],
      });
      expect(member.status).toBe(201);
    }

    // A two-day session.
    const planned = await secretariat.post('/v1/bodies/ak-iv/sessions', {
      kind: 'regular',
      title: 'Frühjahrssitzung AK IV',
      startsAt: '2027-04-20T10:00:00+02:00',
      endsAt: '2027-04-21T15:00:00+02:00',
      place: { city: 'München', building: 'Innenministerium', room: 'Saal 1' },
      hostMemberId: 'DE-BY',
    });
    expect(planned.status).toBe(201);
    expect(planned.json).toMatchObject({
      number: 1,
      state: 'planned',
      timeZone: 'Europe/Berlin',
      version: 1,
    });
    expect(planned.headers.get('etag')).toBe('"1"');
    const sessionId = planned.json.id as string;

    // Four TOPs, then reorder.
    const ids: string[] = [];
    for (const [index, title] of [
      'Lagebild',
      'Extremismus',
      'Cybersicherheit',
      'Verschiedenes',
    ].entries()) {
      const item = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items`, {
        number: String(index + 1),
        title,
        registeredBy: 'DE-HH',
      });
      expect(item.status).toBe(201);
      expect(item.json).toMatchObject({ position: index + 1, public: false });
      ids.push(item.json.id as string);
    }
    const reordered = await secretariat.post(`/v1/sessions/${sessionId}/agenda-items/reorder`, {
      order: [ids[1], ids[0], ids[2], ids[3]],
    });
    expect(reordered.status).toBe(200);
    const agenda = await secretariat.get(`/v1/sessions/${sessionId}/agenda-items`);
    expect(agenda.json.items.map((i: { title: string }) => i.title)).toEqual([
      'Extremismus',
      'Lagebild',
      'Cybersicherheit',
      'Verschiedenes',
    ]);
    expect(agenda.json.items.map((i: { position: number }) => i.position)).toEqual([1, 2, 3, 4]);

    // The chair approves the agenda; the secretariat may not.
    const chair = httpClient(
      app,
      await issuer.sign({ role: 'chair', email: 'vorsitz@by.example.org', bodies: ['ak-iv'] }),
    );
    const denied = await secretariat.post(`/v1/sessions/${sessionId}/agenda-approval`, undefined, {
      'if-match': '"1"',
    });
    expect(denied.status).toBe(403);
    const approved = await chair.post(`/v1/sessions/${sessionId}/agenda-approval`, undefined, {
      'if-match': '"1"',
    });
    expect(approved.status).toBe(200);
    expect(approved.json.agendaApproval).toMatchObject({
      by: 'vorsitz@by.example.org',
      itemCount: 4,
    });

    // Through its states.
    let etag = approved.headers.get('etag') as string;
    for (const to of ['invited', 'in_session', 'concluded']) {
      const moved = await secretariat.post(
        `/v1/sessions/${sessionId}/transitions`,
        { to },
        { 'if-match': etag },
      );
      expect(moved.status).toBe(200);
      expect(moved.json.state).toBe(to);
      etag = moved.headers.get('etag') as string;
    }
    const illegal = await secretariat.post(
      `/v1/sessions/${sessionId}/transitions`,
      { to: 'cancelled' },
      { 'if-match': etag },
    );
    expect(illegal.status).toBe(409);
    expect(illegal.json).toMatchObject({ state: 'concluded', allowed: [] });

    // Its calendar file.
    const ics = await secretariat.get(`/v1/sessions/${sessionId}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text).toContain(`UID:session-${sessionId}@conference-coordination`);
    expect(ics.text).toContain('DTSTART:20270420T080000Z');
    expect(ics.text).toContain('DTEND:20270421T130000Z');
    expect(ics.text).toMatch(/SUMMARY:1\. Sitzung: Frühjahrssitzung AK IV/);

    // The audit of what they did.
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}`);
    expect(audit.status).toBe(200);
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual([
      'session.create',
      'session.agenda-approved',
      'session.invited',
      'session.in_session',
      'session.concluded',
    ]);
    expect(audit.json.items[2]).toMatchObject({
      actor: 'gs@ak-iv.example.org',
      versionBefore: 2,
      versionAfter: 3,
      changedFields: ['state'],
    });
    const memberAudit = await secretariat.get('/v1/audit?object=member:ak-iv/DE-HH');
    expect(memberAudit.json.items).toHaveLength(1);
    expect(memberAudit.json.items[0]).toMatchObject({
      action: 'member.create',
      versionBefore: null,
      versionAfter: 1,
    });
  });

  it('lists the calendar across bodies and of one body, with a cursor', async () => {
    const all = await admin.get('/v1/sessions?from=2027-01-01&to=2027-12-31&limit=1');
    expect(all.status).toBe(200);
    expect(all.json.items).toHaveLength(1);
    const ofBody = await secretariat.get('/v1/sessions?from=2027-04-01&to=2027-04-30&body=ak-iv');
    expect(ofBody.json.items.map((s: { title: string }) => s.title)).toEqual([
      'Frühjahrssitzung AK IV',
    ]);
    const forged = await admin.get(
      `/v1/sessions?from=2027-01-01&to=2027-12-31&next=${Buffer.from('{"PK":"x"}').toString('base64url')}`,
    );
    expect(forged.status).toBe(400);
  });

  it('requires If-Match (428), rejects a stale one (412) and lets exactly one of two racing PATCHes win', async () => {
    const session = await secretariat.post('/v1/bodies/ak-iv/sessions', {
      kind: 'video',
      title: 'Schaltkonferenz',
      startsAt: '2027-05-10T18:00:00+02:00',
      endsAt: '2027-05-10T19:00:00+02:00',
      videoLink: 'https://video.example.org/ak-iv',
    });
    const path = `/v1/sessions/${session.json.id}`;
    expect((await secretariat.patch(path, { title: 'Neu' })).status).toBe(428);
    const results = await Promise.all(
      ['Variante A', 'Variante B'].map((title) =>
        secretariat.patch(path, { title }, { 'if-match': '"1"' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200);
    const stored = await secretariat.get(path);
    expect(stored.json.title).toBe(winner?.json.title);
    expect(stored.json.version).toBe(2);
    expect(
      (await secretariat.patch(path, { title: 'Zu spät' }, { 'if-match': '"1"' })).status,
    ).toBe(412);
    const audit = await secretariat.get(`/v1/audit?object=session:${session.json.id}`);
    expect(audit.json.items.map((e: { action: string }) => e.action)).toEqual([
      'session.create',
      'session.update',
    ]);
  });

  it('creates once per Idempotency-Key, also when the same request races itself', async () => {
    const request = {
      kind: 'extraordinary',
      title: 'Sondersitzung',
      startsAt: '2027-06-01T20:00:00+02:00',
      endsAt: '2027-06-01T22:00:00+02:00',
      videoLink: 'https://video.example.org/sonder',
    };
    const headers = { 'idempotency-key': 'sonder-2027-06-01' };
    const [first, second] = await Promise.all([
      secretariat.post('/v1/bodies/ak-iv/sessions', request, headers),
      secretariat.post('/v1/bodies/ak-iv/sessions', request, headers),
    ]);
    const third = await secretariat.post('/v1/bodies/ak-iv/sessions', request, headers);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(new Set([first.json.id, second.json.id, third.json.id]).size).toBe(1);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    const listed = await secretariat.get('/v1/sessions?from=2027-06-01&to=2027-06-01&body=ak-iv');
    expect(
      listed.json.items.filter((s: { title: string }) => s.title === 'Sondersitzung'),
    ).toHaveLength(1);
    const reused = await secretariat.post(
      '/v1/bodies/ak-iv/sessions',
      { ...request, title: 'Anders' },
      headers,
    );
    expect(reused.status).toBe(422);
  });

  it('rejects bad input with field errors and stores nothing', async () => {
    const before = await secretariat.get(
      '/v1/sessions?from=2000-01-01&to=2100-01-01&body=ak-iv&limit=100',
    );
    const cases: [string, unknown, string][] = [
      [
        'end before start',
        {
          kind: 'regular',
          title: 'x',
          startsAt: '2027-01-02T10:00:00Z',
          endsAt: '2027-01-01T10:00:00Z',
          videoLink: 'https://v.example.org',
        },
        'body.endsAt',
      ],
      [
        'unknown field',
        {
          kind: 'regular',
          title: 'x',
          startsAt: '2027-01-01T10:00:00Z',
          endsAt: '2027-01-01T11:00:00Z',
          videoLink: 'https://v.example.org',
          colour: 'red',
        },
        'body',
      ],
      [
        'title too long',
        {
          kind: 'regular',
          title: 'x'.repeat(201),
          startsAt: '2027-01-01T10:00:00Z',
          endsAt: '2027-01-01T11:00:00Z',
          videoLink: 'https://v.example.org',
        },
        'body.title',
      ],
      ['wrong type', [1, 2, 3], 'body'],
    ];
    for (const [, payload, field] of cases) {
      const response = await secretariat.post('/v1/bodies/ak-iv/sessions', payload);
      expect(response.status).toBe(400);
      expect(response.json.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const malformed = await secretariat.raw('POST', '/v1/bodies/ak-iv/sessions', undefined, {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    const after = await secretariat.get(
      '/v1/sessions?from=2000-01-01&to=2100-01-01&body=ak-iv&limit=100',
    );
    expect(after.json.items.length).toBe(before.json.items.length);
  });

  it('keeps a secretariat of one body away from another body', async () => {
    await admin.post('/v1/bodies', {
      id: 'imk',
      name: 'IMK',
      shortName: 'IMK',
      kind: 'plenary',
      decisionRule: { kind: 'unanimity' },
    });
    const attempt = await secretariat.post('/v1/bodies/imk/sessions', {
      kind: 'regular',
      title: 'Übergriff',
      startsAt: '2027-07-01T10:00:00+02:00',
      endsAt: '2027-07-01T12:00:00+02:00',
      videoLink: 'https://video.example.org/x',
    });
    expect(attempt.status).toBe(403);
    const listed = await admin.get('/v1/sessions?from=2027-07-01&to=2027-07-02&body=imk');
    expect(listed.json.items).toEqual([]);
  });

  it('records chair periods and proposes the next one by alphabetical rotation', async () => {
    await admin.post('/v1/bodies/imk/members', {
      memberId: 'DE-HH',
      name: 'Hamburg',
      voting: true,
      people: [],
    });
    const recorded = await admin.post('/v1/bodies/imk/chair-periods', {
      memberId: 'DE-HH',
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(recorded.status).toBe(201);
    const next = await admin.get('/v1/bodies/imk/chair-periods/next');
    expect(next.json).toEqual({ memberId: 'DE-HE', from: '2028-01-01', to: '2028-12-31' });
    const overlapping = await admin.post('/v1/bodies/imk/chair-periods', {
      memberId: 'DE-HH',
      from: '2027-06-01',
      to: '2028-05-31',
    });
    expect(overlapping.status).toBe(422);
  });
});
