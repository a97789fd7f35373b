import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { protocolHtml } from '../../functions/http/pages/protocol-page.js';
import { renderProtocolPdf } from '../../functions/http/pdf/protocol-pdf.js';
import { createDocumentClient } from '../../shared/adapters/dynamodb/client.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { ConflictError } from '../../shared/domain/errors.js';
import {
  attendanceText,
  genitiveName,
  outcomeText,
  type ProtocolContent,
  type ProtocolRecord,
  protocolForReader,
  releaseText,
  voteLine,
} from '../../shared/domain/protocol.js';
import { pdfText } from '../fixtures/pdf-text.js';

const content: ProtocolContent = {
  body: { id: 'imas-th', name: 'Interministerieller Arbeitsstab', shortName: 'IMAS' },
  session: {
    id: '01JDEMOSESSION000000000000',
    number: 3,
    title: 'Übung Hochwasser',
    startsAt: '2027-05-10T16:00:00Z',
    endsAt: '2027-05-10T18:00:00Z',
    timeZone: 'Europe/Berlin',
    exercise: true,
  },
  heading: 'Ergebnisniederschrift über die 3. Sitzung der IMAS am 10. Mai 2027 als Videokonferenz',
  dates: '10. Mai 2027, 18:00–20:00 Uhr',
  venue: 'Videokonferenz',
  chair: 'Ministerium für Inneres und Kommunales',
  attendance: [
    {
      memberId: 'TMIK',
      member: 'Ministerium für Inneres und Kommunales',
      voting: true,
      status: 'accepted',
      attendee: 'Staatssekretär Grün',
      channel: 'link',
    },
  ],
  items: [
    {
      id: 'item-1',
      number: '1',
      title: 'Lage',
      confidential: false,
      resolutions: [
        {
          id: 'r1',
          title: 'Lage Hochwasser',
          paragraphs: ['Der Stab tritt täglich zusammen.'],
          state: 'decided',
          outcome: 'passed',
          rule: 'majority',
          tally: { yes: 1, no: 0, abstain: 0, absent: 0 },
          votes: [{ memberId: 'TMIK', member: 'Innenministerium', vote: 'yes', channel: 'link' }],
          statements: [{ members: ['Innenministerium'], text: 'Wir berichten morgen.' }],
          reports: [],
        },
      ],
    },
    { id: 'item-2', number: '2', title: 'Vertrauliches', confidential: true, resolutions: [] },
  ],
};

describe('Unit: protocol wording', () => {
  it('declines a feminine body name after “der” and falls back to the short name otherwise', () => {
    expect(
      genitiveName({
        name: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
        shortName: 'IMK',
      }),
    ).toBe('Ständigen Konferenz der Innenminister und -senatoren der Länder');
    expect(genitiveName({ name: 'Konferenz der Justizminister', shortName: 'JuMiKo' })).toBe(
      'Konferenz der Justizminister',
    );
    expect(genitiveName({ name: 'Arbeitskreis II', shortName: 'AK II' })).toBe('AK II');
  });

  it('says the outcome per rule, with abstentions named, and a draft as not yet decided', () => {
    const tally = { yes: 15, no: 0, abstain: 1, absent: 0 };
    expect(outcomeText({ state: 'decided', outcome: 'passed', rule: 'unanimity', tally })).toBe(
      'Beschlossen bei 1 Enthaltung (15 Ja, 0 Nein, 1 Enthaltung).',
    );
    expect(
      outcomeText({
        state: 'decided',
        outcome: 'passed',
        rule: 'unanimity',
        tally: { yes: 16, no: 0, abstain: 0, absent: 0 },
      }),
    ).toBe('Einstimmig beschlossen (16 Ja, 0 Nein, 0 Enthaltungen).');
    expect(
      outcomeText({
        state: 'decided',
        outcome: 'rejected',
        rule: 'unanimity',
        tally: { yes: 14, no: 1, abstain: 0, absent: 1 },
      }),
    ).toBe('Abgelehnt (14 Ja, 1 Nein, 0 Enthaltungen, 1 nicht teilgenommen).');
    expect(outcomeText({ state: 'decided', outcome: 'passed', rule: 'majority', tally })).toBe(
      'Mit Mehrheit beschlossen (15 Ja, 0 Nein, 1 Enthaltung).',
    );
    expect(outcomeText({ state: 'draft', rule: 'unanimity' })).toBe('Noch nicht beschlossen.');
  });

  it('names the release state, the deadline of a pending proposal included', () => {
    const format = (at: string) => at.slice(0, 10);
    expect(
      releaseText(
        {
          state: 'decided',
          outcome: 'passed',
          release: { proposedAt: '2027-03-06', objectionDeadline: '2027-03-09T12:00:00Z' },
        },
        format,
      ),
    ).toBe('Freigabe zur Veröffentlichung vorgeschlagen; Widerspruchsfrist bis 2027-03-09.');
    expect(
      releaseText(
        {
          state: 'released',
          release: { proposedAt: 'x', objectionDeadline: 'y', settledAt: '2027-03-10T08:00:00Z' },
        },
        format,
      ),
    ).toBe('Zur Veröffentlichung freigegeben am 2027-03-10.');
    expect(releaseText({ state: 'internal' }, format)).toContain('widersprochen');
  });

  it('writes attendance and votes with deputy, channel and who answered', () => {
    expect(
      attendanceText({
        memberId: 'DE-NW',
        member: 'Nordrhein-Westfalen',
        voting: true,
        status: 'represented',
        attendee: 'Staatssekretärin Weber',
        deputyFor: 'Minister Imhoff',
        channel: 'mail',
        answeredBy: 'Büro des Ministers',
      }),
    ).toBe(
      'Staatssekretärin Weber für Minister Imhoff (Rückmeldung per E-Mail, durch Büro des Ministers)',
    );
    expect(
      attendanceText({ memberId: 'DE-SN', member: 'Sachsen', voting: true, status: 'declined' }),
    ).toBe('entschuldigt (Absage)');
    expect(
      voteLine({
        memberId: 'DE-NW',
        member: 'Nordrhein-Westfalen',
        vote: 'no',
        deputy: 'Staatssekretärin Weber',
        channel: 'link',
      }),
    ).toBe('Nordrhein-Westfalen: Nein (vertreten durch Staatssekretärin Weber, per Link)');
    expect(voteLine({ memberId: 'DE-BE', member: 'Berlin', vote: undefined })).toBe(
      'Berlin: keine Stimme erfasst',
    );
  });

  it('leaves confidential TOPs out for readers without the right, and says how many', () => {
    expect(protocolForReader(content, true).withheldItems).toBe(0);
    const member = protocolForReader(content, false);
    expect(member.withheldItems).toBe(1);
    expect(member.content.items.map((item) => item.number)).toEqual(['1']);
  });
});

describe('Unit: protocol HTML', () => {
  it('says ÜBUNG in an exercise’s heading, marks a draft, and escapes every text', async () => {
    // Prepare
    const hostile = {
      ...content,
      items: [
        {
          ...(content.items[0] as ProtocolContent['items'][number]),
          title: '<script>alert(1)</script>',
        },
      ],
    };

    // Act
    const html = String(await protocolHtml({ content: hostile, withheldItems: 0 }));

    // Assess
    expect(html).toContain(`<h2>ÜBUNG – ${content.heading}</h2>`);
    expect(html).toContain('<strong>Entwurf – nicht freigegeben</strong>');
    expect(html).toContain('TOP 1: &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('Unit: protocol PDF', () => {
  it('marks an exercise’s draft with ÜBUNG and Entwurf on every page, and renders the same bytes twice', async () => {
    // Prepare
    const long = {
      ...content,
      items: Array.from({ length: 6 }, (_, n) => ({
        ...(content.items[0] as ProtocolContent['items'][number]),
        id: `item-${n}`,
        number: String(n + 1),
      })),
    };

    // Act
    const pdf = await renderProtocolPdf({ content: long, withheldItems: 0 });
    const again = await renderProtocolPdf({ content: long, withheldItems: 0 });

    // Assess
    const lines = pdfText(pdf);
    const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(lines.filter((line) => line === 'ÜBUNG – Entwurf – nicht freigegeben')).toHaveLength(
      pages,
    );
    expect(lines).toContain(
      'ÜBUNG – Diese Nachricht gehört zu einer Übung. Es liegt kein Ernstfall vor.',
    );
    expect(lines).toContain('Protokollerklärung Innenministerium:');
    expect(lines).toContain('Ergebnis: Mit Mehrheit beschlossen (1 Ja, 0 Nein, 0 Enthaltungen).');
    expect(again.equals(pdf)).toBe(true);
  });

  it('marks an approved exercise with ÜBUNG only, and names who approved it', async () => {
    const pdf = await renderProtocolPdf({
      content,
      withheldItems: 1,
      approval: {
        number: 1,
        approvedBy: 'stab@tmik.example.org',
        approvedAt: '2027-05-11T07:00:00Z',
      },
    });
    const lines = pdfText(pdf);
    expect(lines).toContain('ÜBUNG');
    expect(lines).not.toContain('ÜBUNG – Entwurf – nicht freigegeben');
    expect(lines.join(' ')).toContain(
      'Freigegeben durch den Vorsitz (stab@tmik.example.org) am 11. Mai 2027, 09:00 Uhr; Fassung 1.',
    );
    expect(lines).toContain(
      'Ein vertraulicher Tagesordnungspunkt ist in dieser Fassung nicht enthalten.',
    );
  });
});

const ddb = mockClient(DynamoDBDocumentClient);
const repository = new DynamoConferenceRepository(
  createDocumentClient({ region: 'eu-central-1' }),
  'table',
);
const record: ProtocolRecord = {
  sessionId: content.session.id,
  bodyId: 'imas-th',
  number: 1,
  exercise: true,
  approvedBy: 'stab@tmik.example.org',
  approvedAt: '2027-05-11T07:00:00.000Z',
  content,
  version: 1,
  createdAt: '2027-05-11T07:00:00.000Z',
  updatedAt: '2027-05-11T07:00:00.000Z',
};

describe('Unit: protocol storage', () => {
  beforeEach(() => {
    ddb.reset();
  });

  it('creates the approved protocol once, beside its session, its content in parts, and reads it back', async () => {
    // Prepare: content of more than one part (a long resolution text).
    const long: ProtocolRecord = {
      ...record,
      content: {
        ...content,
        items: [
          {
            ...(content.items[0] as ProtocolContent['items'][number]),
            title: 'Länger Text',
          },
        ],
      },
    };
    const resolution = long.content.items[0]?.resolutions[0];
    if (resolution !== undefined) resolution.paragraphs = ['ä'.repeat(100_000)];
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    await repository.commit([{ type: 'protocol', op: 'create', protocol: long }], []);

    // Assess
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(3);
    expect(items[0]?.Put).toMatchObject({
      TableName: 'table',
      Item: { PK: `SESSION#${record.sessionId}`, SK: '#PROTOCOL', number: 1, parts: 2 },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(items[0]?.Put?.Item?.content).toBeUndefined();
    expect(items.slice(1).map((item) => item.Put?.Item?.SK)).toEqual([
      '#PROTOCOL#PART#0000',
      '#PROTOCOL#PART#0001',
    ]);
    for (const item of items) {
      expect(Buffer.byteLength(JSON.stringify(item.Put?.Item))).toBeLessThan(400_000);
    }

    // Act: read back what was written.
    ddb.on(QueryCommand).resolves({ Items: items.map((item) => item.Put?.Item ?? {}) });
    const read = await repository.getProtocol(record.sessionId);

    // Assess
    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'table',
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': `SESSION#${record.sessionId}`, ':sk': '#PROTOCOL' },
    });
    expect(read).toEqual(long);
  });

  it('reads no protocol before the approval', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    expect(await repository.getProtocol(record.sessionId)).toBeUndefined();
  });

  it('refuses a second approval as a conflict', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { version: { N: '1' } } }],
      }),
    );
    await expect(
      repository.commit([{ type: 'protocol', op: 'create', protocol: record }], []),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
