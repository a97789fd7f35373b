import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ValidationError } from '../../shared/domain/errors.js';
import {
  catalogue,
  languages,
  type MessageId,
  type MessageParams,
  msg,
  negotiateLanguage,
  problemTitles,
  renderMessage,
  schemaTexts,
} from '../../shared/domain/messages.js';
import { parseInput } from '../../shared/use-cases/parse-input.js';

/**
 * One sample per message: the mapped type makes a new id without a sample a
 * compile error, so every message is rendered (and read) here at least once.
 */
const samples: { [Id in MessageId]: MessageParams<Id> } = {
  'not-found': { kind: 'Body', id: 'imk' },
  'exists-already': { kind: 'Resolution', id: '01J0000000000000000000000A' },
  'auth.token-required': {},
  'auth.token-expired': {},
  'auth.token-invalid': {},
  'auth.id-token': {},
  'auth.unknown-client': {},
  'link.refused': { reason: 'expired' },
  'forbidden.role': {},
  'forbidden.permission': { permission: 'sessions:manage', bodyId: 'imk' },
  'forbidden.publish': { bodyId: 'imk' },
  'forbidden.public-address-only': {},
  'auth.session-expired': {},
  'forbidden.csrf-token': {},
  'forbidden.cross-site': {},
  'precondition.failed': {},
  'precondition.required': {},
  'conflict.transaction': {},
  'payload.too-large': { maxBytes: 1_048_576 },
  'request.not-json': {},
  'request.malformed-json': {},
  'request.invalid-input': { location: 'body' },
  'request.idempotency-key-malformed': {},
  'request.idempotency-key-reused': {},
  'request.form-expected': {},
  'request.cursor-invalid': {},
  'request.audit-object': {},
  'request.range-reversed': {},
  'field.schema': { issue: { code: 'too_big', origin: 'string', maximum: 200, message: 'x' } },
  'field.expected-json': {},
  'field.malformed-json': { reason: 'Unexpected end of JSON input' },
  'field.expected-form': {},
  'field.idempotency-key': {},
  'field.cursor': {},
  'field.audit-object': { types: ['body', 'session'] },
  'field.unknown-member': { memberId: 'DE-XX' },
  'field.guest-without-vote': { memberId: 'BUND' },
  'field.member-twice': {},
  'field.status-required': {},
  'field.resolution-twice': {},
  'field.not-of-session': {},
  'field.objection-period': { minimum: 72 },
  'field.unknown-report': {},
  'field.in-the-past': {},
  'field.deadline-lead': { hours: 24 },
  'field.no-answer': {},
  'field.not-in-procedure': {},
  'field.statement-too-long': { max: 2000 },
  'field.deputy-name-required': {},
  'field.pre-send-needs-embargo': {},
  'field.unknown-session': {},
  'field.exercise-session': {},
  'body.parent-missing': { bodyId: 'imk' },
  'body.copy-source-missing': { bodyId: 'imk' },
  'body.too-large': { writes: 120, limit: 100 },
  'grid.resolution-twice': {},
  'inbound.no-answer-to-apply': {},
  'grid.resolution-elsewhere': { resolutionId: '01JRES' },
  'grid.busy': {},
  'member.not-in-body': { memberId: 'DE-XX', bodyId: 'imk' },
  'members.not-in-body': { memberIds: ['DE-XX', 'DE-YY'], bodyId: 'imk' },
  'chair.overlap': { memberId: 'DE-HH', from: '2026-01-01', to: '2026-12-31' },
  'staff.grant-refused': { grant: 'secretariat:imk' },
  'staff.not-your-bodies': {},
  'staff.email-taken': { email: 'gs@imk.example.org' },
  'staff.admin-only-fields': { fields: ['name', 'email'] },
  'staff.admin-only-remove': {},
  'staff.admin-only-sign-out': {},
  'session.host-not-member': { memberId: 'DE-XX', bodyId: 'imk' },
  'session.preparatory-missing': { sessionId: '01J0000000000000000000000A' },
  'session.preparatory-later': {},
  'session.kind-changes-number': { from: 'regular', to: 'extraordinary' },
  'session.locked': { state: 'cancelled' },
  'session.transition': { from: 'concluded', to: 'invited' },
  'agenda.locked': { state: 'concluded' },
  'agenda.approval-locked': { state: 'cancelled' },
  'agenda.empty': {},
  'agenda.changed-during-approval': {},
  'protocol.not-concluded': { state: 'invited' },
  'protocol.already-approved': { approvedAt: '2027-03-08T09:30:00Z' },
  'agenda.too-many-items': { max: 99 },
  'agenda.order-incomplete': {},
  'agenda.busy': {},
  'console.session.wall-time': {},
  'console.session.ends-before-start': {},
  'console.session.deadline-after-start': {},
  'console.session.place-needed': {},
  'console.session.video-needed': {},
  'console.field-required': {},
  'console.confirmation-required': {},
  'invitation.session-locked': { state: 'concluded' },
  'invitation.not-a-person': { personId: 'p-1', bodyId: 'imk' },
  'invitation.too-many': { max: 100 },
  'invitation.revoked': {},
  'invitation.answer-closed': {},
  'invitation.deputy-name-required': {},
  'invitation.deputy-by-principal-only': {},
  'invitation.too-many-deputies': { max: 3 },
  'invitation.answer-busy': {},
  'resolution.session-cancelled': {},
  'resolution.not-draft': { state: 'decided', hint: 'correct-instead' },
  'resolution.busy': {},
  'resolution.guest-without-vote': { name: 'Bund', memberId: 'BUND', body: 'IMK' },
  'resolution.member-twice': {},
  'resolution.votes-by-ballot': {},
  'resolution.decided-by-procedure': {},
  'resolution.draft-not-corrected': {},
  'resolution.corrections-exhausted': { corrections: 3 },
  'resolution.release-not-passed': {},
  'resolution.objection-period-short': { minimum: 72 },
  'resolution.no-release-proposed': {},
  'resolution.release-settled': { state: 'released' },
  'resolution.unknown-reports': { reportIds: ['r-1'] },
  'procedure.deadline-past': {},
  'procedure.deadline-too-close': { hours: 24 },
  'procedure.no-recipients': { bodyId: 'imk' },
  'procedure.too-many-members': { max: 40 },
  'procedure.guest-without-vote': { memberId: 'BUND' },
  'procedure.answer-each-once': {},
  'procedure.statement-too-long': { max: 2000 },
  'procedure.closed': {},
  'procedure.nobody-to-remind': {},
  'procedure.busy': {},
  'press.state': { state: 'published', action: 'edited' },
  'press.session-not-of-body': { sessionId: '01J0000000000000000000000A', bodyId: 'imk' },
  'press.exercise-session': { sessionId: '01J0000000000000000000000A' },
  'press.pre-send-needs-embargo': {},
  'press.no-pending-correction': {},
  'press.time-unreadable': { value: '2027-03-03' },
  'press.time-skipped': { value: '2027-03-28T02:30' },
  'press-list.too-many-sign-ups': {},
  'press-list.admission-busy': {},
  'press-list.created-meanwhile': {},
  'outbox.not-resendable': { state: 'sent' },
  'inbound.not-in-review': { state: 'applied' },
  'inbound.resolved-meanwhile': {},
  'inbound.no-invitation': {},
  'inbound.no-ballot': {},
  'service.busy': {},
  'service.internal-error': {},
  'request.rejected': { reason: 'Method Not Allowed' },
  'paper.session-cancelled': {},
  'paper.upload-attached': {},
  'paper.upload-missing': {},
  'paper.author-unknown': { memberId: 'DE-XX' },
  'paper.too-large': { megabytes: 25 },
  'paper.format': {},
  'paper.deleted': {},
  'paper.not-shared': {},
  'paper.busy': {},
};

/** Words that give away English left in a German text. */
const englishWords = /\b(the|is|not|must|cannot|does|has|been|only|your|please|request)\b/i;

describe('Unit: message catalogue', () => {
  const ids = Object.keys(catalogue) as MessageId[];

  it.each(ids)('renders %s in German and in English', (id) => {
    // Prepare
    const message = msg(id, samples[id] as never);

    // Act
    const de = renderMessage(message, 'de');
    const en = renderMessage(message, 'en');

    // Assess
    expect(de.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(de).not.toBe(en);
    expect(de).not.toMatch(englishWords);
    expect(de).not.toMatch(/'[^']+'/);
    expect(de).not.toMatch(/"/);
    expect(en).not.toMatch(/[„“äöüß]/);
  });

  it('has a sample for exactly the messages of the catalogue', () => {
    expect(Object.keys(samples).sort()).toEqual([...ids].sort());
  });

  it('writes the German per case, with the article of the object', () => {
    expect(renderMessage(msg('not-found', { kind: 'Body', id: 'imk' }), 'de')).toBe(
      'Das Gremium „imk“ gibt es nicht.',
    );
    expect(renderMessage(msg('not-found', { kind: 'Resolution', id: 'r1' }), 'de')).toBe(
      'Den Beschluss „r1“ gibt es nicht.',
    );
    expect(renderMessage(msg('not-found', { kind: 'Session', id: 's1' }), 'de')).toBe(
      'Die Sitzung „s1“ gibt es nicht.',
    );
    expect(renderMessage(msg('not-found', { kind: 'Body', id: 'imk' }), 'en')).toBe(
      "Body 'imk' does not exist.",
    );
    expect(renderMessage(msg('session.locked', { state: 'cancelled' }), 'de')).toBe(
      'Eine Sitzung im Status „abgesagt“ kann nicht geändert werden.',
    );
    expect(renderMessage(msg('payload.too-large', { maxBytes: 1_048_576 }), 'de')).toBe(
      'Der Inhalt der Anfrage darf höchstens 1.048.576 Byte groß sein.',
    );
    expect(
      renderMessage(
        msg('chair.overlap', { memberId: 'DE-HH', from: '2026-01-01', to: '2026-06-30' }),
        'de',
      ),
    ).toBe(
      'Der Zeitraum überschneidet sich mit dem Vorsitz von „DE-HH“ vom 01.01.2026 bis zum 30.06.2026.',
    );
  });

  it('has a title for every problem type in every language', () => {
    for (const titles of Object.values(problemTitles)) {
      for (const language of languages) expect(titles[language].trim()).not.toBe('');
      expect(titles.de).not.toBe(titles.en);
    }
  });
});

describe('Unit: negotiateLanguage', () => {
  it.each([
    [undefined, 'de'],
    ['', 'de'],
    ['de', 'de'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['fr', 'de'],
    ['fr, en;q=0.5', 'en'],
    ['en;q=0.5, de;q=0.9', 'de'],
    ['de;q=0.5, en;q=0.9', 'en'],
    ['en;q=0', 'de'],
    ['en;q=abc', 'de'],
    ['*', 'de'],
    ['en, de', 'en'],
    ['de, en', 'de'],
  ] as const)('answers %j in %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});

/** Every message a request schema names itself, from the sources of the request schemas. */
const namedSchemaMessages = () => {
  const roots = ['shared/domain', 'functions/http', 'functions/http/routes', 'shared/use-cases'];
  const found = new Set<string>();
  for (const root of roots) {
    for (const file of readdirSync(root).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const start of [...source.matchAll(/z\.(regex|refine)(<\w+>)?\(/g)].map(
        (m) => m.index,
      )) {
        const call = source.slice(start, start + 400);
        const named = /(?:,\s*|message:\s*)'((?:[^'\\]|\\.)+)'/.exec(call);
        if (named?.[1] !== undefined) found.add(named[1]);
      }
    }
  }
  return [...found];
};

describe('Unit: schema field messages', () => {
  it('finds the named messages of the request schemas', () => {
    expect(namedSchemaMessages()).toEqual(
      expect.arrayContaining(['a phone number', 'endsAt must be after startsAt']),
    );
  });

  it.each(namedSchemaMessages())('has German for the schema message %j', (english) => {
    expect(schemaTexts[english]).toEqual(expect.any(String));
  });

  it('reports a missing field, a wrong type and a named check in either language', () => {
    // Prepare
    const schema = z.strictObject({
      name: z.string().check(z.maxLength(5)),
      phone: z.string().check(z.regex(/^\d+$/, 'a phone number')),
      count: z.number(),
    });

    // Act
    const error = (() => {
      try {
        parseInput(schema, { name: 'far too long', phone: 'x', extra: 1 }, 'body');
      } catch (thrown) {
        return thrown;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    const render = (language: 'de' | 'en') =>
      Object.fromEntries(issues.map((i) => [i.path, renderMessage(i.message, language)]));
    expect(render('de')).toEqual({
      'body.name': 'Höchstens 5 Zeichen.',
      'body.phone': 'Eine Telefonnummer.',
      'body.count': 'Diese Angabe fehlt.',
      body: 'Unbekanntes Feld: „extra“.',
    });
    expect(render('en')).toEqual({
      'body.name': 'At most 5 characters.',
      'body.phone': 'a phone number',
      'body.count': 'Required.',
      body: "Unknown field: 'extra'.",
    });
  });
});
