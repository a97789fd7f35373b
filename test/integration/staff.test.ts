import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import type { StaffAccounts } from '../../shared/ports/staff-accounts.js';
import { seedDemo, seedDemoStaff } from '../../shared/use-cases/demo-seed.js';
import { claimsForEmail } from '../../shared/use-cases/staff.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('staff');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const directory = new DynamoStaffDirectory(table.documentClient, table.tableName);
await seedDemo({ repo, clock });
await seedDemoStaff({ repo, clock, staff: directory });

/** The sign-in side, recorded: what Cognito would have been asked. */
const accountCalls: string[] = [];
const accounts: StaffAccounts = {
  invite: async ({ email }) => {
    accountCalls.push(`invite ${email}`);
  },
  signOut: async (email) => {
    accountCalls.push(`sign-out ${email}`);
  },
  disable: async (email) => {
    accountCalls.push(`disable ${email}`);
  },
};
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, {
  clock,
  accounts,
});

/**
 * A client with the token the pre-token-generation trigger would make for
 * this address now: the claims builder over the staff directory.
 */
const signedIn = async (email: string) => {
  const claims = await claimsForEmail(directory, email);
  return httpClient(
    app,
    await issuer.sign({
      email,
      extra: {
        'cognito:groups': claims.roles,
        bodies: claims.bodies.join(' '),
        grants: claims.grants.join(' '),
      },
    }),
  );
};
const admin = httpClient(
  app,
  await issuer.sign({ role: 'admin', email: 'admin@imk.example.org', bodies: [] }),
);

describe('Staff directory through the API', () => {
  afterAll(async () => {
    await table.drop();
  });

  it('lets an admin add a staff member with grants, invites them, refuses the address twice, and audits it', async () => {
    // Act
    const created = await admin.post('/v1/staff', {
      email: 'Referat@DE-BE.example.org',
      name: 'Lena Vogt',
      salutation: 'Frau Oberregierungsrätin',
      phone: '+49 30 9027-0',
      grants: [
        { bodyId: 'imk', role: 'member', memberId: 'DE-BE' },
        { bodyId: 'ak-ii', role: 'press' },
      ],
    });
    const again = await admin.post('/v1/staff', { email: 'referat@de-be.example.org', name: 'X' });

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/staff/${created.json.id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.json).toMatchObject({ email: 'referat@de-be.example.org', admin: false });
    expect(again.status).toBe(409);
    expect(accountCalls.filter((call) => call === 'invite referat@de-be.example.org')).toHaveLength(
      1,
    );
    const read = await admin.get(`/v1/staff/${created.json.id}`);
    expect(read.json).toEqual(created.json);
    const audit = await admin.get(`/v1/audit?object=staff:${created.json.id}`);
    expect(audit.json.items).toEqual([
      expect.objectContaining({ action: 'staff.create', actor: 'admin@imk.example.org' }),
    ]);
    // Who may read the audit of staff: admins only.
    const gs = await signedIn('gs@imk.example.org');
    expect((await gs.get(`/v1/audit?object=staff:${created.json.id}`)).status).toBe(403);
  });

  it('refuses a member grant for a Land that is not a member of the body, storing nothing', async () => {
    await admin.post('/v1/bodies', {
      id: 'ak-v',
      name: 'Arbeitskreis V',
      shortName: 'AK V',
      kind: 'working_group',
      decisionRule: { kind: 'majority' },
    });
    const refused = await admin.post('/v1/staff', {
      email: 'referat@de-sl.example.org',
      name: 'Referat Saarland',
      grants: [{ bodyId: 'ak-v', role: 'member', memberId: 'DE-SL' }],
    });
    const noBody = await admin.post('/v1/staff', {
      email: 'referat@de-sl.example.org',
      name: 'Referat Saarland',
      grants: [{ bodyId: 'ak-zz', role: 'press' }],
    });
    expect(refused.status).toBe(404);
    expect(noBody.status).toBe(404);
    expect(await directory.findStaffByEmail('referat@de-sl.example.org')).toBeUndefined();
    expect(accountCalls).not.toContain('invite referat@de-sl.example.org');

    // Two roles in one body, and the Land once it is a member: accepted.
    await admin.post('/v1/bodies/ak-v/members', {
      memberId: 'DE-SL',
      name: 'Saarland',
      voting: false,
      people: [],
    });
    const accepted = await admin.post('/v1/staff', {
      email: 'referat@de-sl.example.org',
      name: 'Referat Saarland',
      grants: [
        { bodyId: 'ak-v', role: 'member', memberId: 'DE-SL' },
        { bodyId: 'ak-v', role: 'press' },
        { bodyId: 'ak-v', role: 'chair' },
      ],
    });
    expect(accepted.status).toBe(201);
  });

  it("lets a body's secretariat give and take only its body's member and press grants", async () => {
    // Prepare: the seeded secretariat of the IMK and AK II.
    const gs = await signedIn('gs@imk.example.org');

    // Act and assess: a Land's member and a press grant of its own body.
    const added = await gs.post('/v1/staff', {
      email: 'referat@de-sn.example.org',
      name: 'Referat Sachsen',
      grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-SN' }],
    });
    expect(added.status).toBe(201);
    const pressToo = await gs.patch(
      `/v1/staff/${added.json.id}`,
      {
        grants: [
          { bodyId: 'imk', role: 'member', memberId: 'DE-SN' },
          { bodyId: 'imk', role: 'press' },
        ],
      },
      { 'if-match': '"1"' },
    );
    expect(pressToo.status).toBe(200);
    expect(pressToo.json.grants).toHaveLength(2);

    // Not a secretariat or chair grant, not admin, not another body's grant, not the name.
    const refusals = [
      gs.post('/v1/staff', {
        email: 'gs2@imk.example.org',
        name: 'Zweite Geschäftsstelle',
        grants: [{ bodyId: 'imk', role: 'secretariat' }],
      }),
      gs.post('/v1/staff', { email: 'root@imk.example.org', name: 'Root', admin: true }),
      gs.post('/v1/staff', {
        email: 'presse@ak-v.example.org',
        name: 'Presse AK V',
        grants: [{ bodyId: 'ak-v', role: 'press' }],
      }),
      gs.patch(
        `/v1/staff/${added.json.id}`,
        { grants: [{ bodyId: 'imk', role: 'chair' }] },
        { 'if-match': '"2"' },
      ),
      gs.patch(`/v1/staff/${added.json.id}`, { name: 'Anders' }, { 'if-match': '"2"' }),
    ];
    for (const refused of await Promise.all(refusals)) expect(refused.status).toBe(403);

    // The chair's own entry holds a chair grant: not the secretariat's to remove.
    const chair = await directory.findStaffByEmail('vorsitz@de-hh.example.org');
    expect((await gs.delete(`/v1/staff/${chair?.id}`, { 'if-match': '"1"' })).status).toBe(403);
  });

  it('shows a secretariat the people of its bodies only, and the chair, members and press nothing', async () => {
    // Prepare: someone who works for AK V only.
    await admin.post('/v1/staff', {
      email: 'presse@ak-v.example.org',
      name: 'Presse AK V',
      grants: [{ bodyId: 'ak-v', role: 'press' }],
    });
    const gs = await signedIn('gs@imk.example.org');

    // Act
    const listed = await gs.get('/v1/staff?limit=100');
    const all = await admin.get('/v1/staff?limit=100');

    // Assess
    const emails = (page: { json: { items: { email: string }[] } }) =>
      page.json.items.map((staff) => staff.email);
    expect(emails(all)).toContain('presse@ak-v.example.org');
    expect(emails(listed)).not.toContain('presse@ak-v.example.org');
    expect(emails(listed)).toContain('referat@de-by.example.org');
    for (const email of [
      'vorsitz@de-hh.example.org',
      'referat@de-by.example.org',
      'presse@de-hh.example.org',
    ]) {
      expect((await (await signedIn(email)).get('/v1/staff')).status, email).toBe(403);
    }
  });

  it('lets a secretariat change no one who works for other bodies only, and keeps a press grant to its body', async () => {
    // Prepare: the IMK's secretariat, and someone who works for AK V only.
    const gs = await signedIn('gs@imk.example.org');
    const listed = await admin.get('/v1/staff?limit=100');
    const akV = (listed.json.items as { id: string; email: string; version: number }[]).find(
      (staff) => staff.email === 'presse@ak-v.example.org',
    );
    expect(akV).toBeDefined();

    // Act: the IMK's secretariat tries to read and extend them through PATCH
    const patched = await gs.patch(
      `/v1/staff/${akV?.id}`,
      {
        grants: [
          { bodyId: 'ak-v', role: 'press' },
          { bodyId: 'imk', role: 'press' },
        ],
      },
      { 'If-Match': `"${akV?.version}"` },
    );
    // ... and the press officer of AK V reaches for the IMK
    const press = await signedIn('presse@ak-v.example.org');
    const imkPress = await press.get('/v1/bodies/imk');
    const akVPress = await press.get('/v1/bodies/ak-v');

    // Assess
    expect(patched.status, JSON.stringify(patched.json)).toBe(403);
    expect(patched.json.email).toBeUndefined();
    expect(imkPress.status).toBe(403);
    expect(akVPress.status).toBe(200);
  });

  it('keeps a role to its body: a secretariat of AK V who is a member of the IMK plans only in AK V', async () => {
    // Prepare
    const created = await admin.post('/v1/staff', {
      email: 'gs@ak-v.example.org',
      name: 'Geschäftsstelle AK V',
      grants: [
        { bodyId: 'ak-v', role: 'secretariat' },
        { bodyId: 'imk', role: 'member', memberId: 'DE-BB' },
      ],
    });
    expect(created.status).toBe(201);
    const gs = await signedIn('gs@ak-v.example.org');
    const session = {
      kind: 'video',
      title: 'Schalte',
      startsAt: '2027-01-10T18:00:00+01:00',
      endsAt: '2027-01-10T19:00:00+01:00',
      videoLink: 'https://video.example.org/x',
    };

    // Act
    const own = await gs.post('/v1/bodies/ak-v/sessions', session);
    const imk = await gs.post('/v1/bodies/imk/sessions', session);

    // Assess
    expect(own.status).toBe(201);
    expect(imk.status).toBe(403);
    expect((await gs.get('/v1/bodies/imk')).status).toBe(200);
  });

  it("ends a removed staff member's access: disabled, signed out, and their next token has no grants", async () => {
    // Prepare: the seeded member of Bavaria, working until now.
    const before = await signedIn('referat@de-by.example.org');
    expect((await before.get('/v1/bodies/imk')).status).toBe(200);
    const entry = await directory.findStaffByEmail('referat@de-by.example.org');
    const gs = await signedIn('gs@imk.example.org');

    // Act
    const signedOut = await gs.post(`/v1/staff/${entry?.id}/sign-out`, undefined);
    const stale = await gs.delete(`/v1/staff/${entry?.id}`, { 'if-match': '"9"' });
    const removed = await gs.delete(`/v1/staff/${entry?.id}`, {
      'if-match': `"${entry?.version}"`,
    });

    // Assess
    expect(signedOut.status).toBe(204);
    expect(stale.status).toBe(412);
    expect(removed.status).toBe(204);
    expect(accountCalls).toEqual(
      expect.arrayContaining([
        'sign-out referat@de-by.example.org',
        'disable referat@de-by.example.org',
      ]),
    );
    expect(await claimsForEmail(directory, 'referat@de-by.example.org')).toEqual({
      roles: [],
      bodies: [],
      grants: [],
      staff: undefined,
    });
    const after = await signedIn('referat@de-by.example.org');
    expect((await after.get('/v1/bodies/imk')).status).toBe(403);
    expect((await after.get('/v1/bodies')).status).toBe(403);
    expect((await admin.get(`/v1/staff/${entry?.id}`)).status).toBe(404);
    const audit = await admin.get(`/v1/audit?object=staff:${entry?.id}`);
    expect(audit.json.items.map((item: { action: string }) => item.action)).toEqual([
      'staff.create',
      'staff.sign-out',
      'staff.remove',
    ]);
    // The address is free again: the same person can be added back.
    const back = await admin.post('/v1/staff', {
      email: 'referat@de-by.example.org',
      name: 'Anna Huber',
      grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-BY' }],
    });
    expect(back.status).toBe(201);
  });
});
