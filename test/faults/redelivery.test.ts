import { afterAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { parseInboundMail } from '../../shared/adapters/mail/parse-inbound.js';
import { replyAddress } from '../../shared/mail/invitation-mail.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { processInboundMail } from '../../shared/use-cases/inbound-mail.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { passingVerdicts, rawReply } from '../fixtures/raw-mail.js';
import { testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('redelivery');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret, senderDomain: 'imk.example.org' };
const { sessionId = '' } = await seedDemo(deps);
const { invited } = await sendInvitations(deps, systemActor, sessionId, {});

afterAll(async () => {
  await table.drop();
});

describe('Inbound mail delivered more than once', () => {
  it('applies a reply delivered four times at once exactly once', async () => {
    const bayern = invited.find((i) => i.memberId === 'DE-BY' && i.capacity === 'principal');
    const raw = rawReply({
      from: 'minister@de-by.example.org',
      to: replyAddress(bayern?.id ?? '', testLinkSecret, 'imk.example.org'),
      messageId: '<twice@de-by.example.org>',
      text: 'Zusage',
    });
    const records = await Promise.all(
      Array.from({ length: 4 }, async () =>
        processInboundMail(deps, await parseInboundMail(raw, { verdicts: passingVerdicts })),
      ),
    );
    expect(records.map((r) => r.state).sort()).toEqual([
      'applied',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const stored = await repo.getInvitation(sessionId, bayern?.id ?? '');
    expect(stored?.answer?.status).toBe('accepted');
    expect(stored?.version).toBe(2);
  });

  it('counts a ballot reply delivered twice at once once', async () => {
    const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
      title: 'Umlauf',
      resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
      deadline: '2026-12-01T12:00:00+01:00',
    });
    const ballot = (await repo.listBallots(procedure.id)).find((b) => b.memberId === 'DE-HE');
    const raw = rawReply({
      from: 'minister@de-he.example.org',
      to: replyAddress(ballot?.id ?? '', testLinkSecret, 'imk.example.org', 'umlauf'),
      messageId: '<umlauf-twice@de-he.example.org>',
      text: 'Zustimmung',
    });
    const records = await Promise.all(
      Array.from({ length: 2 }, async () =>
        processInboundMail(deps, await parseInboundMail(raw, { verdicts: passingVerdicts })),
      ),
    );
    expect(records.map((r) => r.state).sort()).toEqual(['applied', 'unchanged']);
    const stored = await repo.getProcedure(procedure.id);
    expect(stored?.answered).toEqual(['DE-HE']);
    expect(stored?.version).toBe(2);
  });
});
