import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Ballot } from '../../shared/domain/written-procedure.js';
import { replyAddress } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import {
  ballotQuote,
  gmail,
  outlookTop,
  thunderbirdBottom,
  thunderbirdTop,
} from '../fixtures/reply-texts.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('inbound-review');
const clock = { now: () => new Date('2027-01-20T09:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const { sessionId = '' } = await seedDemo({ repo, clock });
const deps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
  title: 'Lagebild und Kompetenzzentrum',
  resolutions: [
    { title: 'Lagebild Cybersicherheit', text: 'Die Länder tauschen ihr Lagebild aus.' },
    { title: 'Gemeinsames Kompetenzzentrum', text: 'Die Länder gründen ein Zentrum.' },
  ],
  deadline: '2027-02-01T12:00:00+01:00',
});
const ballots = await repo.listBallots(procedure.id);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });
const secretariat = httpClient(
  app,
  await issuer.sign({ role: 'secretariat', email: 'gs@imk.example.org', bodies: ['imk'] }),
);

const invitationOf = (memberId: string) =>
  invited.find((invitation) => invitation.memberId === memberId) as Invitation;
const ballotOf = (memberId: string) =>
  ballots.find((ballot) => ballot.memberId === memberId) as Ballot;
const receive = async (raw: string) =>
  processInboundMail(deps, await parseInboundMail(raw, { verdicts: passingVerdicts }));
const replyToInvitation = (memberId: string, messageId: string, text: string) => {
  const invitation = invitationOf(memberId);
  return rawReply({
    from: invitation.email,
    to: replyAddress(invitation.id, testLinkSecret, 'imk.example.org'),
    subject: 'AW: Einladung: Konstituierende Sitzung der IMK',
    messageId,
    text,
  });
};
const replyToBallot = (memberId: string, messageId: string, text: string) => {
  const ballot = ballotOf(memberId);
  return rawReply({
    from: ballot.email,
    to: replyAddress(ballot.id, testLinkSecret, 'imk.example.org', 'umlauf'),
    subject: 'AW: Umlaufverfahren: Lagebild und Kompetenzzentrum',
    messageId,
    text,
  });
};
const boardLine = async (memberId: string) =>
  (await secretariat.get(`/v1/sessions/${sessionId}/attendance`)).json.lines.find(
    (line: { memberId: string }) => line.memberId === memberId,
  );
type Listed = { id: string; messageId: string; state: string; reason?: string; note?: string };
const listed = async (path: string, messageId: string): Promise<Listed> => {
  const response = await secretariat.get(path);
  expect(response.status).toBe(200);
  const item = (response.json.items as Listed[]).find((record) => record.messageId === messageId);
  if (item === undefined) throw new Error(`${messageId} is not listed`);
  return item;
};
const votesOf = async (memberId: string) =>
  (await repo.listResolutionsOfProcedure(procedure.id))
    .sort((a, b) => procedure.resolutionIds.indexOf(a.id) - procedure.resolutionIds.indexOf(b.id))
    .map((resolution) => resolution.votes[memberId]?.vote);

afterAll(async () => {
  await table.drop();
});

describe('Integration: replies to an invitation as people write them', () => {
  const inbox = `/v1/sessions/${sessionId}/inbound-mail`;

  it('records an answer written below the quote, after the attribution line', async () => {
    // Act
    const record = await receive(
      replyToInvitation(
        'DE-BY',
        '<tb-bottom@de-by.example.org>',
        thunderbirdBottom(['Sehr geehrte Damen und Herren,', '', 'hiermit sage ich zu.']),
      ),
    );

    // Assess
    expect(record).toMatchObject({ state: 'applied', channel: 'mail' });
    expect(await boardLine('DE-BY')).toMatchObject({ status: 'accepted', channel: 'mail' });
  });

  it('records a refusal from an HTML-only mail', async () => {
    // Prepare
    const invitation = invitationOf('DE-HE');
    const raw = rawReply({
      from: invitation.email,
      to: replyAddress(invitation.id, testLinkSecret, 'imk.example.org'),
      messageId: '<html-only@de-he.example.org>',
      html: '<div dir="ltr">Ich kann leider nicht teilnehmen.</div><div class="gmail_quote"><div class="gmail_attr">Am Mo., 1. Feb. 2027 um 09:00 Uhr schrieb Geschäftsstelle der IMK:</div><blockquote class="gmail_quote"><p>Sie können auch auf diese E-Mail mit „Zusage“ oder „Absage“ antworten.</p></blockquote></div>',
    });

    // Act
    const record = await receive(raw);

    // Assess
    expect(record).toMatchObject({ state: 'applied' });
    expect(await boardLine('DE-HE')).toMatchObject({ status: 'declined', channel: 'mail' });
  });

  it('sends a contradictory reply to review with its reason, then applies the answer the secretariat read in it', async () => {
    // Prepare
    const messageId = '<contradictory@de-nw.example.org>';
    const record = await receive(
      replyToInvitation(
        'DE-NW',
        messageId,
        outlookTop(['Zusage.', '', 'Leider kann ich doch nicht teilnehmen.']),
      ),
    );
    expect(record).toMatchObject({
      state: 'review',
      reason: 'contradictory answer: "Zusage" and "Leider kann ich doch nicht teilnehmen"',
    });
    expect((await boardLine('DE-NW')).status).toBe('pending');
    const item = await listed(inbox, messageId);
    expect(item.id).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Act
    const applied = await secretariat.post(`${inbox}/${item.id}/apply`, {
      status: 'declined',
      note: 'Absage telefonisch bestätigt',
    });

    // Assess
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({
      id: item.id,
      state: 'applied',
      resolvedBy: 'gs@imk.example.org',
      note: 'Absage telefonisch bestätigt',
    });
    expect(await boardLine('DE-NW')).toMatchObject({
      status: 'declined',
      channel: 'secretariat',
    });
    expect(await listed(inbox, messageId)).toMatchObject({ state: 'applied' });
    const again = await secretariat.post(`${inbox}/${item.id}/apply`, { status: 'accepted' });
    expect(again.status).toBe(409);
    expect((await boardLine('DE-NW')).status).toBe('declined');
  });

  it('dismisses a reply in review without changing the answer', async () => {
    // Prepare
    const messageId = '<deputy@de-sn.example.org>';
    const record = await receive(
      replyToInvitation(
        'DE-SN',
        messageId,
        gmail(['Ich werde durch Staatssekretärin Dr. Richter vertreten.']),
      ),
    );
    expect(record.reason).toBe(
      'names a deputy: "Ich werde durch Staatssekretärin Dr. Richter vertreten"',
    );
    const item = await listed(inbox, messageId);

    // Act
    const dismissed = await secretariat.post(`${inbox}/${item.id}/dismiss`, {
      note: 'Vertretung über die Antwortseite gemeldet',
    });

    // Assess
    expect(dismissed.status).toBe(200);
    expect(dismissed.json).toMatchObject({ state: 'dismissed', resolvedBy: 'gs@imk.example.org' });
    expect((await boardLine('DE-SN')).status).toBe('pending');
    expect((await secretariat.post(`${inbox}/${item.id}/dismiss`, {})).status).toBe(409);
  });

  it('answers 404 for a message not in the session’s list, and 409 for one not in review', async () => {
    const applied = await listed(inbox, '<tb-bottom@de-by.example.org>');
    expect((await secretariat.post(`${inbox}/${applied.id}/dismiss`, {})).status).toBe(409);
    const unknown = 'A'.repeat(43);
    expect((await secretariat.post(`${inbox}/${unknown}/dismiss`, {})).status).toBe(404);
    const ballotMail = await receive(
      replyToBallot('DE-BE', '<listed-elsewhere@de-be.example.org>', 'Wie bitte?'),
    );
    expect(ballotMail.state).toBe('review');
    const elsewhere = await listed(
      `/v1/written-procedures/${procedure.id}/inbound-mail`,
      '<listed-elsewhere@de-be.example.org>',
    );
    expect((await secretariat.post(`${inbox}/${elsewhere.id}/dismiss`, {})).status).toBe(404);
  });
});

describe('Integration: replies to a written procedure, per proposal', () => {
  const inbox = `/v1/written-procedures/${procedure.id}/inbound-mail`;

  it('records a reply that votes per proposal, once however often it is delivered', async () => {
    // Prepare
    const raw = replyToBallot(
      'DE-TH',
      '<per-proposal@de-th.example.org>',
      thunderbirdBottom(
        [
          'Sehr geehrte Damen und Herren,',
          '',
          'Zustimmung zu Vorschlag 1, Ablehnung zu Vorschlag 2.',
        ],
        ballotQuote,
      ),
    );

    // Act
    const record = await receive(raw);
    const replayed = await receive(raw);

    // Assess
    expect(record).toMatchObject({ state: 'applied', channel: 'mail', procedureId: procedure.id });
    expect(replayed.state).toBe('unchanged');
    expect(await votesOf('DE-TH')).toEqual(['yes', 'no']);
    expect(await listed(inbox, '<per-proposal@de-th.example.org>')).toMatchObject({
      state: 'applied',
    });
  });

  it('records one word for every proposal when it is all the reply says', async () => {
    const record = await receive(
      replyToBallot('DE-HH', '<all@de-hh.example.org>', outlookTop(['Enthaltung'], ballotQuote)),
    );
    expect(record.state).toBe('applied');
    expect(await votesOf('DE-HH')).toEqual(['abstain', 'abstain']);
  });

  it.each([
    [
      'DE-MV',
      'Zustimmung zu Vorschlag 1 und 3.',
      'names proposal 3, but the procedure has 2 proposals',
    ],
    ['DE-RP', 'Zustimmung zu Vorschlag 1.', 'no vote on proposal 2'],
    ['DE-SL', 'Zustimmung. Ablehnung.', 'contradictory votes: "Zustimmung" and "Ablehnung"'],
  ])('sends the reply of %s (%j) to review: %s', async (memberId, own, reason) => {
    // Act
    const record = await receive(
      replyToBallot(
        memberId,
        `<unclear@${memberId}.example.org>`,
        thunderbirdTop([own], ballotQuote),
      ),
    );

    // Assess
    expect(record).toMatchObject({ state: 'review', reason });
    expect(await votesOf(memberId)).toEqual([undefined, undefined]);
    expect(await listed(inbox, `<unclear@${memberId}.example.org>`)).toMatchObject({
      state: 'review',
      reason,
    });
  });

  it('applies a reviewed reply with the votes the secretariat read, and dismisses another', async () => {
    // Prepare
    const [first = '', second = ''] = procedure.resolutionIds;
    const toApply = await listed(inbox, '<unclear@DE-RP.example.org>');
    const toDismiss = await listed(inbox, '<unclear@DE-SL.example.org>');

    // Act
    const applied = await secretariat.post(`${inbox}/${toApply.id}/apply`, {
      votes: { [first]: 'yes', [second]: 'abstain' },
      note: 'Vorschlag 2 telefonisch: Enthaltung',
    });
    const dismissed = await secretariat.post(`${inbox}/${toDismiss.id}/dismiss`, {});

    // Assess
    expect(applied.status).toBe(200);
    expect(applied.json).toMatchObject({ state: 'applied', resolvedBy: 'gs@imk.example.org' });
    expect(await votesOf('DE-RP')).toEqual(['yes', 'abstain']);
    expect(dismissed.status).toBe(200);
    expect(dismissed.json.state).toBe('dismissed');
    expect(await votesOf('DE-SL')).toEqual([undefined, undefined]);
    expect((await secretariat.post(`${inbox}/${toApply.id}/dismiss`, {})).status).toBe(409);
  });

  it('leaves a reviewed reply in review when the votes given do not answer every proposal', async () => {
    const [first = ''] = procedure.resolutionIds;
    const item = await listed(inbox, '<unclear@DE-MV.example.org>');
    const refused = await secretariat.post(`${inbox}/${item.id}/apply`, {
      votes: { [first]: 'yes' },
    });
    expect(refused.status).toBe(422);
    expect(await listed(inbox, '<unclear@DE-MV.example.org>')).toMatchObject({ state: 'review' });
  });
});
