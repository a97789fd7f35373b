import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { updateMember } from '../../shared/use-cases/bodies.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { createResolution } from '../../shared/use-cases/resolutions.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMail, testMailer } from '../fixtures/mailer.js';
import type { StoredMail } from '../fixtures/ses-inbox.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const ses = await startOwnSes();
const table = await createLocalTable('calendar-lines');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };
const { sessionId = '' } = await seedDemo(deps);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const admin = httpClient(
  app,
  await issuer.sign({ role: 'admin', email: 'admin@example.org', bodies: [] }),
);
const press = httpClient(
  app,
  await issuer.sign({ role: 'press', email: 'p@example.org', bodies: [] }),
);
const itemCount = async () =>
  (
    await table.documentClient.send(
      new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }),
    )
  ).Count ?? 0;

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

/** A name a person may really have, with every character that is special in a parameter. */
const quotedName = 'Eva "Evi" Müller;ROLE=CHAIR:x ^n ^\' \\';
/** A sender name that tries to add a parameter to ORGANIZER. */
const secretariatName = 'Geschäftsstelle "IMK";SENT-BY="mailto:boss@example.org"';

describe('Names in calendar parameters (CN)', () => {
  let calendar: ICAL.Component;

  beforeAll(async () => {
    const hamburg = await repo.getMember('imk', 'DE-HH');
    if (hamburg === undefined) throw new Error('no Hamburg');
    await updateMember(
      deps,
      systemActor,
      'imk',
      'DE-HH',
      {
        people: hamburg.people.map(({ id: _id, ...person }) =>
          person.capacity === 'principal' ? { ...person, name: quotedName } : person,
        ),
      },
      hamburg.version,
    );
    const { invited } = await sendInvitations(deps, systemActor, sessionId, {
      personIds: hamburg.people.filter((p) => p.capacity === 'principal').map((p) => p.id),
    });
    expect(invited).toHaveLength(1);
    const mailer = testMailer(
      repo,
      clock,
      new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint }),
      { ...testMail, secretariat: { ...testMail.secretariat, name: secretariatName } },
    );
    expect(await deliverQueued(mailer)).toEqual(['sent']);
    const [mail] = (await ses.inbox()) as StoredMail[];
    const part = mail?.attachments.find((p) => p.contentType.startsWith('text/calendar'));
    const ics = Buffer.from(part?.content ?? '', 'base64').toString('utf8');
    calendar = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component;
  });

  it('keeps the invitee name intact in ATTENDEE;CN, and no parameter is injected', () => {
    const attendee = calendar.getFirstProperty('attendee');
    expect(attendee?.getParameter('cn')).toBe(quotedName);
    expect(attendee?.getParameter('role')).toBe('REQ-PARTICIPANT');
    expect(Object.keys(attendee?.toJSON()[1] ?? {}).sort()).toEqual([
      'cn',
      'partstat',
      'role',
      'rsvp',
    ]);
  });

  it('keeps the secretariat name intact in ORGANIZER;CN, and no SENT-BY is injected', () => {
    const organizer = calendar.getFirstProperty('organizer');
    expect(organizer?.getParameter('cn')).toBe(secretariatName);
    expect(Object.keys(organizer?.toJSON()[1] ?? {})).toEqual(['cn']);
    expect(String(organizer?.getFirstValue())).toMatch(/^mailto:antwort\+/);
  });
});

describe('Single-line fields', () => {
  /** Characters no name, title or place may hold: control characters and bidi overrides. */
  const hidden: [string, string][] = [
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u009b'],
    ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
    ['FIRST STRONG ISOLATE', '\u2068'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
  ];
  const agendaItem = (title: string) =>
    admin.post(`/v1/sessions/${sessionId}/agenda-items`, { number: '9', title });

  for (const [name, character] of hidden) {
    it(`refuses ${name} in an agenda item title, and stores nothing`, async () => {
      const before = await itemCount();
      const response = await agendaItem(`Lagebild ${character}gnp.exe`);
      expect(response.status).toBe(400);
      expect(response.text).toContain(
        'Keine Steuerzeichen und keine Zeichen, die die Schreibrichtung umkehren.',
      );
      expect(await itemCount()).toBe(before);
    });
  }

  it('keeps a tab inside a title', async () => {
    const response = await agendaItem('Lagebild\tInnere Sicherheit');
    expect(response.status).toBe(201);
    expect(response.json.title).toBe('Lagebild\tInnere Sicherheit');
  });

  const override = 'Innenministerkonferenz \u202etxt.exe';
  let itemId = '';
  let draftId = '';
  beforeAll(async () => {
    itemId = (await repo.listAgenda(sessionId))[0]?.id ?? '';
    const { value: draft } = await createResolution(deps, systemActor, sessionId, itemId, {
      title: 'Beschluss',
      text: 'Absatz.',
    });
    draftId = draft.id;
  });
  const cases: [string, () => Promise<{ status: number; text: string }>][] = [
    ['a body name', () => admin.patch('/v1/bodies/imk', { name: override }, { 'if-match': '"1"' })],
    [
      'a room',
      () =>
        admin.post('/v1/bodies/imk/sessions', {
          kind: 'regular',
          title: 'Sitzung',
          startsAt: '2027-01-10T18:00:00+01:00',
          endsAt: '2027-01-10T19:00:00+01:00',
          place: { city: 'Hamburg', room: override },
        }),
    ],
    [
      'an address',
      () =>
        admin.post('/v1/bodies/imk/sessions', {
          kind: 'regular',
          title: 'Sitzung',
          startsAt: '2027-01-10T18:00:00+01:00',
          endsAt: '2027-01-10T19:00:00+01:00',
          place: { city: 'Hamburg', address: `Rathausmarkt 1\u0007` },
        }),
    ],
    [
      'a rapporteur',
      () =>
        admin.post(`/v1/sessions/${sessionId}/agenda-items`, {
          number: '10',
          title: 'Verschiedenes',
          rapporteur: override,
        }),
    ],
    [
      'a report title',
      () =>
        admin.post(`/v1/sessions/${sessionId}/agenda-items/${itemId}/resolutions`, {
          title: 'Beschluss',
          text: 'Absatz.',
          reports: [{ title: override }],
        }),
    ],
    [
      'a deputy voting',
      () =>
        admin.raw('PUT', `/v1/resolutions/${draftId}/votes`, {
          votes: [{ memberId: 'DE-BY', vote: 'yes', deputy: override }],
        }),
    ],
    [
      'a press contact',
      () =>
        press.post('/v1/press-releases', {
          bodyId: 'imk',
          title: 'Mitteilung',
          dateline: 'HAMBURG',
          body: 'Text.',
          contacts: [{ name: override }],
        }),
    ],
    [
      'an image caption',
      () =>
        press.post('/v1/press-releases', {
          bodyId: 'imk',
          title: 'Mitteilung',
          dateline: 'HAMBURG',
          body: 'Text.',
          images: [{ url: 'https://www.example.org/bild.jpg', alt: 'Bild', caption: override }],
        }),
    ],
  ];
  for (const [name, send] of cases) {
    it(`refuses a control character or bidi override in ${name}, and stores nothing`, async () => {
      const before = await itemCount();
      const response = await send();
      expect(response.status).toBe(400);
      expect(response.text).toContain(
        'Keine Steuerzeichen und keine Zeichen, die die Schreibrichtung umkehren.',
      );
      expect(await itemCount()).toBe(before);
    });
  }

  it('are every name, title and place of every request body: free text is only where lines belong', async () => {
    type Schema = {
      type?: string;
      pattern?: string;
      format?: string;
      enum?: unknown[];
      allOf?: Schema[];
      anyOf?: Schema[];
      oneOf?: Schema[];
      properties?: Record<string, Schema>;
      items?: Schema;
      $ref?: string;
    };
    const document = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>
      >;
      components?: { schemas?: Record<string, Schema> };
    };
    /** Texts of several lines, and ids and codes whose schema checks them otherwise. */
    const multiLine = ['body', 'comment', 'description', 'note', 'reason', 'text'];
    const checkedOtherwise = [
      'authorMemberId',
      'chairMemberId',
      'consentedBy',
      'hostMemberId',
      'memberId',
      'memberIds',
      'order',
      'personIds',
      'registeredBy',
      'reportIds',
      'timeZone',
    ];
    const unchecked: string[] = [];
    let singleLines = 0;
    const walk = (schema: Schema | undefined, field: string, where: string): void => {
      if (schema === undefined) return;
      if (schema.$ref !== undefined) {
        walk(document.components?.schemas?.[schema.$ref.split('/').at(-1) ?? ''], field, where);
        return;
      }
      if (schema.type === 'string') {
        const patterns = [schema.pattern, ...(schema.allOf ?? []).map((s) => s.pattern)];
        if (patterns.some((p) => p?.includes('\\u202A'))) singleLines += 1;
        else if (schema.enum === undefined && schema.format === undefined && !schema.pattern) {
          if (![...multiLine, ...checkedOtherwise].includes(field)) unchecked.push(where);
        }
      }
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        walk(property, name, `${where}.${name}`);
      }
      walk(schema.items, field, `${where}[]`);
      for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(sub, field, where);
    };
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const content of Object.values(operation.requestBody?.content ?? {})) {
          walk(content.schema, '', `${method.toUpperCase()} ${path} body`);
        }
      }
    }
    expect(unchecked).toEqual([]);
    expect(singleLines).toBeGreaterThan(40);
  });
});
