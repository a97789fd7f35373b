import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { updateBody, updateMember } from '../../shared/use-cases/bodies.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { recordAnswer, sendInvitations } from '../../shared/use-cases/invitations.js';
import { sendDueReminders } from '../../shared/use-cases/reminders.js';
import { changeSessionState, planSession, updateSession } from '../../shared/use-cases/sessions.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('reminders');
let now = new Date('2027-01-10T09:00:00Z');
const clock = { now: () => now };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
await seedDemo({ repo, clock });
const deps = { repo, clock, linkSecret: testLinkSecret };

const queuedReminders = async () =>
  (await repo.listQueuedOutbox(100)).filter((entry) => entry.kind === 'reminder');

describe('Function: sendDueReminders', () => {
  afterAll(async () => {
    await table.drop();
  });

  it('reminds only those who have not answered, once per offset, and re-arms when the deadline moves', async () => {
    const { value: session } = await planSession(deps, systemActor, 'imk', {
      kind: 'regular',
      title: 'Frühjahrskonferenz',
      startsAt: '2027-01-20T10:00:00+01:00',
      endsAt: '2027-01-21T13:00:00+01:00',
      videoLink: 'https://video.example.org/fk',
      answerDeadline: '2027-01-12T18:00:00+01:00',
    });
    // Invited in good time, twelve days before the deadline.
    now = new Date('2026-12-31T09:00:00Z');
    const { invited } = await sendInvitations(deps, systemActor, session.id, {});
    now = new Date('2027-01-10T09:00:00Z');
    for (const memberId of ['DE-BY', 'DE-HH']) {
      const invitation = invited.find((i) => i.memberId === memberId);
      await recordAnswer(
        deps,
        { sessionId: session.id, invitationId: invitation?.id ?? '' },
        { status: 'accepted' },
        'link',
        'x',
      );
    }
    const before = (await repo.listQueuedOutbox(100)).length;

    // Two and a half days before the deadline: the 7-day reminder is due, the 1-day one is not.
    expect(await sendDueReminders(deps)).toEqual({ sessions: 1, reminders: 15 });
    const first = await queuedReminders();
    expect(first).toHaveLength(15);
    const reminded = new Set(
      first.map((entry) => ('invitationId' in entry ? entry.invitationId : '')),
    );
    expect(invited.filter((i) => reminded.has(i.id)).map((i) => i.memberId)).not.toContain('DE-BY');
    expect((await repo.listQueuedOutbox(100)).length).toBe(before + 15);

    // Running again at once sends nothing.
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });

    // Eighteen hours before the deadline: the 1-day reminder.
    now = new Date('2027-01-12T00:00:00Z');
    expect(await sendDueReminders(deps)).toEqual({ sessions: 1, reminders: 15 });

    // The deadline moves to 13 January: the reminders re-arm, and the 7-day one is due at once.
    const current = await repo.getSession(session.id);
    await updateSession(
      deps,
      systemActor,
      session.id,
      { answerDeadline: '2027-01-13T12:00:00+01:00' },
      current?.version,
    );
    expect((await repo.getSession(session.id))?.remindersSent).toEqual([]);
    expect(await sendDueReminders(deps)).toEqual({ sessions: 1, reminders: 15 });
    expect((await repo.getSession(session.id))?.remindersSent).toEqual([168]);
    now = new Date('2027-01-12T11:00:00Z');
    expect(await sendDueReminders(deps)).toEqual({ sessions: 1, reminders: 15 });
    expect((await repo.getSession(session.id))?.remindersSent).toEqual([168, 24]);

    // After the deadline: nothing.
    now = new Date('2027-01-14T00:00:00Z');
    const moved = await repo.getSession(session.id);
    await updateSession(
      deps,
      systemActor,
      session.id,
      { title: 'Frühjahrskonferenz (geändert)' },
      moved?.version,
    );
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });
  });

  it('sends no reminder whose moment lay before the invitation, and one half-way at short notice', async () => {
    now = new Date('2027-04-01T16:00:00Z');
    const { value: session } = await planSession(deps, systemActor, 'imk', {
      kind: 'video',
      title: 'Schalte zur Lage',
      startsAt: '2027-04-01T20:00:00+02:00',
      endsAt: '2027-04-01T21:00:00+02:00',
      videoLink: 'https://video.example.org/lage',
      answerDeadline: '2027-04-01T20:00:00+02:00',
    });
    await sendInvitations(deps, systemActor, session.id, {});
    // Two hours to go: the 7-day and 1-day reminders lay before the invitation.
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });
    now = new Date('2027-04-01T16:59:00Z');
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });
    // Half-way to the start: one reminder, and no other after it.
    now = new Date('2027-04-01T17:00:00Z');
    expect((await sendDueReminders(deps)).reminders).toBe(17);
    expect((await repo.getSession(session.id))?.remindersSent).toEqual([1]);
    now = new Date('2027-04-01T17:50:00Z');
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });
  });

  it('reminds of a session without an answer deadline only when its body asks for it', async () => {
    // Prepare: a session in nine days without an answer deadline
    now = new Date('2027-05-01T09:00:00Z');
    const { value: session } = await planSession(deps, systemActor, 'imk', {
      kind: 'regular',
      title: 'Sitzung ohne Antwortfrist',
      startsAt: '2027-05-10T10:00:00+02:00',
      endsAt: '2027-05-10T16:00:00+02:00',
      place: { city: 'Berlin' },
    });
    await sendInvitations(deps, systemActor, session.id, {});

    // Act and assess: a week before, nothing; once the body asks, the 7-day reminder
    now = new Date('2027-05-03T09:00:00Z');
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });
    const body = await repo.getBody('imk');
    await updateBody(deps, systemActor, 'imk', { remindWithoutDeadline: true }, body?.version);
    expect(await sendDueReminders(deps)).toEqual({ sessions: 1, reminders: 17 });
    expect((await repo.getSession(session.id))?.remindersSent).toEqual([168]);
    const asked = await repo.getBody('imk');
    await updateBody(deps, systemActor, 'imk', { remindWithoutDeadline: false }, asked?.version);
  });

  it('sends no reminders for a cancelled session', async () => {
    now = new Date('2027-02-01T09:00:00Z');
    const { value: session } = await planSession(deps, systemActor, 'imk', {
      kind: 'video',
      title: 'Abgesagte Schalte',
      startsAt: '2027-02-03T18:00:00+01:00',
      endsAt: '2027-02-03T19:00:00+01:00',
      videoLink: 'https://video.example.org/x',
      answerDeadline: '2027-02-03T12:00:00+01:00',
    });
    await sendInvitations(deps, systemActor, session.id, {});
    const invited = await repo.getSession(session.id);
    await changeSessionState(deps, systemActor, session.id, 'cancelled', invited?.version);
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });
  });

  it('reminds more invitees than one transaction holds, each once', async () => {
    now = new Date('2027-02-20T09:00:00Z');
    const personIds: string[] = [];
    for (const code of ['DE-BE', 'DE-BB', 'DE-HB', 'DE-MV', 'DE-SH', 'DE-SL']) {
      const member = await repo.getMember('imk', code);
      if (member === undefined) throw new Error(`no member ${code}`);
      const updated = await updateMember(
        deps,
        systemActor,
        'imk',
        code,
        {
          people: [
            ...member.people.map(({ id: _id, ...person }) => person),
            ...Array.from({ length: 18 }, (_, index) => ({
              capacity: 'deputy' as const,
              name: `Vertretung ${index}`,
              function: 'Staatssekretariat',
              email: `vertretung${index}@${code.toLowerCase()}.example.org`,
            })),
          ],
        },
        member.version,
      );
      personIds.push(
        ...updated.people.filter((p) => p.capacity !== 'office_contact').map((p) => p.id),
      );
    }
    const { value: session } = await planSession(deps, systemActor, 'imk', {
      kind: 'regular',
      title: 'Großer Kreis',
      startsAt: '2027-03-10T10:00:00+01:00',
      endsAt: '2027-03-10T16:00:00+01:00',
      videoLink: 'https://video.example.org/gk',
      answerDeadline: '2027-03-05T18:00:00+01:00',
    });
    const { invited } = await sendInvitations(deps, systemActor, session.id, { personIds });
    expect(invited.length).toBeGreaterThan(100);
    now = new Date('2027-03-01T09:00:00Z');
    expect(await sendDueReminders(deps)).toEqual({ sessions: 1, reminders: invited.length });
    expect(await sendDueReminders(deps)).toEqual({ sessions: 0, reminders: 0 });
    const queued = (await repo.listOutboxInState('queued', { limit: 100 })).items;
    const all = [...queued];
    let next = (await repo.listOutboxInState('queued', { limit: 100 })).next;
    while (next !== undefined) {
      const page = await repo.listOutboxInState('queued', { limit: 100, next });
      all.push(...page.items);
      next = page.next;
    }
    const reminders = all.filter(
      (entry) =>
        entry.kind === 'reminder' && 'sessionId' in entry && entry.sessionId === session.id,
    );
    expect(reminders).toHaveLength(invited.length);
  });
});
