import { describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { replyAddress } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import { outlookTop } from '../fixtures/reply-texts.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('office-replies');
const clock = { now: () => new Date('2027-01-20T09:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const deps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);
const member = httpClient(
  app,
  await issuer.sign({ role: 'member', email: 'minister@de-sn.example.org', bodies: ['imk'] }),
);
const inbox = `/v1/sessions/${sessionId}/inbound-mail`;

/** The minister's own invitation of a Land. */
const ministerOf = (memberId: string) =>
  invited.find(
    (invitation) => invitation.memberId === memberId && invitation.capacity === 'principal',
  ) as Invitation;
/** A reply to the minister's personal reply address, written by `from`. */
const receive = async (memberId: string, from: string, messageId: string, text: string) =>
  processInboundMail(
    deps,
    await parseInboundMail(
      rawReply({
        from,
        to: replyAddress(ministerOf(memberId).id, testLinkSecret, 'imk.example.org'),
        subject: 'AW: Einladung: Konstituierende Sitzung der IMK',
        messageId,
        text: outlookTop(text.split('\n')),
      }),
      { verdicts: passingVerdicts },
    ),
  );
const lineOf = async (client: typeof secretariat, memberId: string) =>
  (await client.get(`/v1/sessions/${sessionId}/attendance`)).json.lines.find(
    (line: { memberId: string }) => line.memberId === memberId,
  );
const listedId = async (messageId: string): Promise<string> => {
  const items = (await secretariat.get(inbox)).json.items as { id: string; messageId: string }[];
  const item = items.find((record) => record.messageId === messageId);
  if (item === undefined) throw new Error(`${messageId} is not listed`);
  return item.id;
};

describe('Integration: offices answer for ministers', () => {
  it("counts a registered office contact's reply to the minister's address for the member and names the office", async () => {
    // Act
    const record = await receive(
      'DE-BY',
      'ministerbuero@de-by.example.org',
      '<office-by@de-by.example.org>',
      'Sehr geehrte Damen und Herren,\n\nder Herr Staatsminister nimmt teil, Zusage.',
    );

    // Assess
    expect(record).toMatchObject({ state: 'applied', channel: 'mail' });
    expect(await lineOf(secretariat, 'DE-BY')).toMatchObject({
      status: 'accepted',
      channel: 'mail',
      attendee: ministerOf('DE-BY').name,
      answeredBy: {
        name: 'Büro der Hausleitung Bayern',
        email: 'ministerbuero@de-by.example.org',
        capacity: 'office_contact',
      },
    });
    const stored = await repo.getInvitation(sessionId, ministerOf('DE-BY').id);
    expect(stored?.answer?.by?.capacity).toBe('office_contact');
  });

  it('names the minister as the one who answered their own reply, and hides addresses from readers without contacts', async () => {
    // Prepare
    await receive('DE-SN', 'minister@de-sn.example.org', '<own-sn@de-sn.example.org>', 'Absage.');

    // Act
    const staffLine = await lineOf(secretariat, 'DE-SN');
    const memberLine = await lineOf(member, 'DE-SN');

    // Assess
    expect(staffLine).toMatchObject({
      status: 'declined',
      answeredBy: {
        name: ministerOf('DE-SN').name,
        email: 'minister@de-sn.example.org',
        capacity: 'principal',
      },
    });
    expect(memberLine.answeredBy).toEqual({
      name: ministerOf('DE-SN').name,
      capacity: 'principal',
    });
  });

  it("sends a reply from an unknown address of the member's mail domain to review, and one click applies the answer it carries, naming the sender", async () => {
    // Prepare
    const messageId = '<referent-he@de-he.example.org>';
    const record = await receive(
      'DE-HE',
      'referent.innen@de-he.example.org',
      messageId,
      'Der Herr Minister kann leider nicht teilnehmen.',
    );
    expect(record).toMatchObject({
      state: 'review',
      reason:
        'the sender referent.innen@de-he.example.org is not a registered person of DE-HE, but writes from its mail domain',
      proposal: { status: 'declined', sender: 'referent.innen@de-he.example.org' },
    });
    expect((await lineOf(secretariat, 'DE-HE')).status).toBe('pending');
    const id = await listedId(messageId);

    // Act
    const applied = await secretariat.post(`${inbox}/${id}/apply`, {});

    // Assess
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ state: 'applied', resolvedBy: 'gs@imk.example.org' });
    expect(await lineOf(secretariat, 'DE-HE')).toMatchObject({
      status: 'declined',
      channel: 'secretariat',
      answeredBy: {
        name: 'referent.innen@de-he.example.org',
        email: 'referent.innen@de-he.example.org',
        capacity: 'other',
      },
    });
  });

  it('keeps a reply from a foreign address in review without an answer to apply in one click', async () => {
    // Prepare
    const messageId = '<stranger-nw@example.com>';
    const record = await receive('DE-NW', 'jemand@example.com', messageId, 'Zusage.');
    expect(record).toMatchObject({
      state: 'review',
      reason: 'the sender jemand@example.com is not the invitee',
    });
    expect(record.proposal).toBeUndefined();
    const id = await listedId(messageId);

    // Act
    const applied = await secretariat.post(`${inbox}/${id}/apply`, {});

    // Assess
    expect(applied.status).toBe(422);
    expect((await lineOf(secretariat, 'DE-NW')).status).toBe('pending');
  });

  it("does not let another member's office answer for a minister", async () => {
    // Act
    const record = await receive(
      'DE-HB',
      'ministerbuero@de-hh.example.org',
      '<office-hh-for-hb@de-hh.example.org>',
      'Zusage.',
    );

    // Assess
    expect(record).toMatchObject({
      state: 'review',
      reason: 'the sender ministerbuero@de-hh.example.org is not the invitee',
    });
    expect((await lineOf(secretariat, 'DE-HB')).status).toBe('pending');
  });
});
