import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import { replyAddress, sessionUid } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('inbound');
const clock = { now: () => new Date() };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const deps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(app, await issuer.sign({ role: 'secretariat', bodies: ['imk'] }));

const of = (memberId: string) => invited.find((i) => i.memberId === memberId) as Invitation;
const addressOf = (invitation: Invitation) =>
  replyAddress(invitation.id, testLinkSecret, 'imk.example.org');
const receive = async (raw: string) =>
  processInboundMail(deps, await parseInboundMail(raw, { verdicts: passingVerdicts }));
const line = async (memberId: string) =>
  (await secretariat.get(`/v1/sessions/${sessionId}/attendance`)).json.lines.find(
    (l: { memberId: string }) => l.memberId === memberId,
  );

describe('Answers by reply mail', () => {
  afterAll(async () => {
    await table.drop();
  });

  it('records a calendar REPLY (ACCEPTED) with the channel calendar', async () => {
    const bayern = of('DE-BY');
    const record = await receive(
      rawReply({
        from: bayern.email,
        to: addressOf(bayern),
        messageId: '<reply-by@de-by.example.org>',
        calendar: {
          uid: sessionUid(sessionId),
          sequence: 0,
          partstat: 'ACCEPTED',
          attendee: bayern.email,
        },
      }),
    );
    expect(record).toMatchObject({
      state: 'applied',
      channel: 'calendar',
      invitationId: bayern.id,
    });
    expect(await line('DE-BY')).toMatchObject({ status: 'accepted', channel: 'calendar' });
  });

  it.each([
    ['DE-BW', 'attachment', 'reply', 'accepted'],
    ['DE-BB', 'application/ics', 'Reply', 'Declined'],
    ['DE-NI', 'octet-stream', 'REPLY', 'tentative'],
  ] as const)(
    'reads the calendar reply of %s wrapped as %s, whatever the case of METHOD (%s) and PARTSTAT (%s)',
    async (memberId, wrapping, method, partstat) => {
      const invitation = of(memberId);
      const record = await receive(
        rawReply({
          from: invitation.email,
          to: addressOf(invitation),
          messageId: `<wrapped-${memberId}@example.org>`,
          text: 'Siehe Kalender.',
          calendar: {
            uid: sessionUid(sessionId),
            sequence: 0,
            partstat,
            attendee: invitation.email,
            method,
            wrapping,
          },
        }),
      );
      expect(record).toMatchObject({ state: 'applied', channel: 'calendar' });
      expect((await line(memberId)).status).toBe(
        { accepted: 'accepted', Declined: 'declined', tentative: 'tentative' }[partstat],
      );
    },
  );

  it('ignores our own invitation coming back (a REQUEST), instead of leaving it in review', async () => {
    const invitation = of('DE-ST');
    const record = await receive(
      rawReply({
        from: invitation.email,
        to: addressOf(invitation),
        subject: 'WG: Einladung',
        messageId: '<forwarded-st@example.org>',
        text: '---------- Weitergeleitete Nachricht ----------',
        calendar: {
          uid: sessionUid(sessionId),
          sequence: 0,
          partstat: 'NEEDS-ACTION',
          attendee: invitation.email,
          method: 'REQUEST',
        },
      }),
    );
    expect(record).toMatchObject({ state: 'ignored', reason: 'returned-invitation' });
    expect((await line('DE-ST')).status).toBe('pending');
  });

  it('routes a reply whose address a mail relay turned to upper case', async () => {
    const thueringen = of('DE-TH');
    const shouted = addressOf(thueringen).toUpperCase();
    expect(shouted).not.toBe(addressOf(thueringen));
    const record = await receive(
      rawReply({
        from: thueringen.email,
        to: shouted,
        messageId: '<reply-th-upper@de-th.example.org>',
        text: 'Zusage.',
      }),
    );
    expect(record).toMatchObject({ state: 'applied', invitationId: thueringen.id });
    expect(await line('DE-TH')).toMatchObject({ status: 'accepted', channel: 'mail' });
  });

  it('records a plain "Absage" above the quoted invitation, with the channel mail', async () => {
    const sachsen = of('DE-SN');
    const record = await receive(
      rawReply({
        from: `Sabine Lorenz <${sachsen.email}>`,
        to: addressOf(sachsen),
        messageId: '<reply-sn@de-sn.example.org>',
        text: 'Absage – die Ministerin ist verhindert.\r\n\r\n> Sehr geehrte Frau Ministerin,\r\n> Zusagen: …',
      }),
    );
    expect(record).toMatchObject({ state: 'applied', channel: 'mail' });
    expect(await line('DE-SN')).toMatchObject({ status: 'declined', channel: 'mail' });
  });

  it('processes the same message once, however often it is delivered', async () => {
    const hamburg = of('DE-HH');
    const raw = rawReply({
      from: hamburg.email,
      to: addressOf(hamburg),
      messageId: '<twice@de-hh.example.org>',
      text: 'Zusage',
    });
    const [first, second] = await Promise.all([receive(raw), receive(raw)]);
    expect([first.state, second.state].sort()).toEqual(['applied', 'unchanged']);
    const audit = await secretariat.get(`/v1/audit?object=session:${sessionId}&limit=100`);
    expect(
      audit.json.items.filter((e: { changedFields: string[] }) =>
        e.changedFields.includes('DE-HH:mail'),
      ),
    ).toHaveLength(1);
  });

  it('sends a reply from another sender to review and changes nothing', async () => {
    const berlin = of('DE-BE');
    const record = await receive(
      rawReply({
        from: 'someone@elsewhere.example.org',
        to: addressOf(berlin),
        messageId: '<spoof@x>',
        text: 'Zusage',
      }),
    );
    expect(record).toMatchObject({
      state: 'review',
      reason: 'the sender someone@elsewhere.example.org is not the invitee',
    });
    expect((await line('DE-BE')).status).toBe('pending');
    const review = await secretariat.get(`/v1/sessions/${sessionId}/inbound-mail`);
    expect(review.json.items.map((r: { state: string }) => r.state)).toContain('review');
  });

  it('ignores out-of-office replies and bounces', async () => {
    const bremen = of('DE-HB');
    const ooo = await receive(
      rawReply({
        from: bremen.email,
        to: addressOf(bremen),
        messageId: '<ooo@de-hb>',
        subject: 'Automatische Antwort: Einladung',
        text: 'Zusage folgt nach meiner Rückkehr.',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
    );
    expect(ooo).toMatchObject({ state: 'ignored', reason: 'auto-reply' });
    const bounce = await receive(
      rawReply({
        from: 'MAILER-DAEMON@mx.example.org',
        to: addressOf(bremen),
        messageId: '<bounce@mx>',
        text: 'Zusage',
      }),
    );
    expect(bounce).toMatchObject({ state: 'ignored', reason: 'bounce' });
    expect((await line('DE-HB')).status).toBe('pending');
  });

  it('sends a forged reply address and failed DKIM to review', async () => {
    const hessen = of('DE-HE');
    const forged = await receive(
      rawReply({
        from: hessen.email,
        to: `antwort+${hessen.id}.aaaaaaaaaaaaaaaa@imk.example.org`,
        messageId: '<forged@x>',
        text: 'Zusage',
      }),
    );
    expect(forged).toMatchObject({
      state: 'review',
      reason: 'the reply address is not one of ours',
    });
    const mail = await parseInboundMail(
      rawReply({
        from: hessen.email,
        to: addressOf(hessen),
        messageId: '<dkim@x>',
        text: 'Zusage',
      }),
      { verdicts: { ...passingVerdicts, dkim: 'FAIL' } },
    );
    expect(await processInboundMail(deps, mail)).toMatchObject({
      state: 'review',
      reason: 'failed dkim checks',
    });
    expect((await line('DE-HE')).status).toBe('pending');
  });

  it('shows a calendar reply to an outdated SEQUENCE as such and does not apply it', async () => {
    const current = await secretariat.get(`/v1/sessions/${sessionId}`);
    const later = new Date(Date.parse(current.json.endsAt) + 3600_000).toISOString();
    const moved = await secretariat.patch(
      `/v1/sessions/${sessionId}`,
      { endsAt: later },
      {
        'if-match': current.headers.get('etag') as string,
      },
    );
    expect(moved.json.sequence).toBe(1);
    const bayern = of('DE-BY');
    const record = await receive(
      rawReply({
        from: bayern.email,
        to: addressOf(bayern),
        messageId: '<old-reply@de-by>',
        calendar: {
          uid: sessionUid(sessionId),
          sequence: 0,
          partstat: 'DECLINED',
          attendee: bayern.email,
        },
      }),
    );
    expect(record).toMatchObject({
      state: 'review',
      reason: 'answers an outdated invitation (SEQUENCE 0, now 1)',
    });
    expect((await line('DE-BY')).status).toBe('accepted');
  });
});
