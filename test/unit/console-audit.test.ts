import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorLabel, auditPhrases, auditSentence } from '../../functions/http/console/audit.js';
import { type AuditEntry, AuditObjectTypeSchema } from '../../shared/domain/audit.js';
import { AnswerStatusSchema } from '../../shared/domain/invitation.js';
import { isMessageId } from '../../shared/domain/messages.js';
import { sessionTransitions } from '../../shared/domain/session-state.js';
import type { Staff } from '../../shared/domain/staff.js';

const useCases = join('shared', 'use-cases');
const sources = readdirSync(useCases)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(join(useCases, name), 'utf8'));

const kinds = new Set<string>([...AuditObjectTypeSchema.options, 'invitation']);

/** Every audit action the use cases record: the literal ones, and those built from a state. */
const recordedActions = (): string[] => {
  const literal = sources.flatMap((text) =>
    [
      ...text.matchAll(/auditEntry\(\s*[^,]+,\s*[^,]+,\s*['`]([a-z-]+\.[a-z_-]+)['`]/g),
      ...text.matchAll(/action: '([a-z-]+\.[a-z_-]+)'/g),
      // Any other quoted "<object>.<action>" that is not a message id (ternaries, arguments);
      // not `body.…`, which are the request's field paths too (the body's actions are above).
      ...[...text.matchAll(/'((?:[a-z-]+)\.[a-z_-]+)'/g)].filter((match) => {
        const action = match[1] ?? '';
        const kind = action.split('.')[0] ?? '';
        return kind !== 'body' && kinds.has(kind) && !isMessageId(action);
      }),
    ].map((match) => match[1] ?? ''),
  );
  const pressActions = sources.flatMap((text) =>
    [...text.matchAll(/save\(\s*deps,\s*actor,\s*([^,]+),/g)].flatMap((match) =>
      [...(match[1] ?? '').matchAll(/'([a-z-]+)'/g)].map((quoted) => `press-release.${quoted[1]}`),
    ),
  );
  const built = [
    ...Object.values(sessionTransitions)
      .flat()
      .map((state) => `session.${state}`),
    ...AnswerStatusSchema.options.map((status) => `invitation.${status}`),
    'invitation.bounced',
    'invitation.complained',
    'subscriber.confirmed',
    'subscriber.unsubscribed',
    'written-procedure.answer',
  ];
  return [...new Set([...literal, ...pressActions, ...built])].sort();
};

const entry = (action: string): AuditEntry => ({
  id: '01J00000000000000000000000',
  at: '2027-03-03T09:12:00.000Z',
  actor: 'referat@de-by.example.org',
  action,
  objectType: 'agenda-item',
  objectId: '01J0000000000000000000000A',
  bodyId: 'imk',
  versionBefore: 1,
  versionAfter: 2,
  changedFields: [],
});

describe('Unit: the audit trail as German sentences', () => {
  it('has a sentence for every action the use cases record', () => {
    // Prepare
    const actions = recordedActions();

    // Act
    const missing = actions.filter((action) => auditPhrases[action] === undefined);

    // Assess
    expect(actions.length).toBeGreaterThan(40);
    expect(actions).toContain('agenda-item.move');
    expect(actions).toContain('press-release.correction-approved');
    expect(actions).toContain('written-procedure.close');
    expect(missing).toEqual([]);
  });

  it('names a person by salutation and name, and tells when in Berlin time', () => {
    // Prepare
    const huber = { name: 'Anna Huber', salutation: 'Frau Regierungsdirektorin' } as Staff;

    // Act
    const sentence = auditSentence(
      entry('agenda-item.move'),
      actorLabel(entry('').actor, huber),
      'TOP 3',
    );

    // Assess
    expect(sentence).toBe(
      'Frau Regierungsdirektorin Anna Huber hat am 3. März 2027 um 10:12 Uhr TOP 3 verschoben.',
    );
  });

  it('names someone outside the directory by address, and the product as the system', () => {
    // Act
    const unknown = auditSentence(
      entry('session.cancelled'),
      actorLabel('x@example.org', undefined),
    );
    const system = auditSentence(entry('session.reminders-sent'), actorLabel('system', undefined));

    // Assess
    expect(unknown).toBe('x@example.org hat am 3. März 2027 um 10:12 Uhr die Sitzung abgesagt.');
    expect(system).toBe(
      'Das System hat am 3. März 2027 um 10:12 Uhr an die Rückmeldung zur Sitzung erinnert.',
    );
  });
});
