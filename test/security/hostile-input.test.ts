import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { SesMailSender } from '../../shared/adapters/ses/ses-mail-sender.js';
import { lands } from '../../shared/domain/lands.js';
import type { Session } from '../../shared/domain/session.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { updateMember } from '../../shared/use-cases/bodies.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { answerToken, sendInvitations } from '../../shared/use-cases/invitations.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import { subscribe } from '../../shared/use-cases/press-list.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import {
  addStatement,
  createResolution,
  decideResolution,
  proposeRelease,
  recordVotes,
} from '../../shared/use-cases/resolutions.js';
import {
  proposeSessionRelease,
  sessionReleaseToken,
} from '../../shared/use-cases/session-release.js';
import { ballotToken, startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { startOwnSes } from '../fixtures/mail-links.js';
import { deliverQueued, testMailer } from '../fixtures/mailer.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

/** What an attacker types into every text field they can reach. */
const script = '<script>alert("x")</script>';
const image = '"><img src=x onerror=alert(1)>';
const hostile = `${script}${image}`;

const ses = await startOwnSes();
const table = await createLocalTable('hostile');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const repo = new DynamoConferenceRepository(table.documentClient, table.tableName);
const deps = { repo, clock, linkSecret: testLinkSecret };
const { app } = await createTestApp(table.documentClient, table.tableName, { clock });

/**
 * Everything that carries the input: HTML and XML must escape it; JSON
 * carries it as data, and only its HTML fields (a JSON Feed's
 * `content_html`) must be safe to render.
 */
const outputs: { where: string; text: string }[] = [];
const read = async (where: string, path: string, accept = 'text/html') => {
  const response = await app.request(path, { headers: { accept } });
  expect(response.status, where).toBeLessThan(400);
  const text = await response.text();
  outputs.push({
    where,
    text: /json/.test(response.headers.get('content-type') ?? '')
      ? JSON.stringify(
          (JSON.parse(text) as { items?: { content_html?: string }[] }).items?.map(
            (entry) => entry.content_html,
          ) ?? [],
        )
      : text,
  });
};

beforeAll(async () => {
  const { sessionId = '' } = await seedDemo(deps);
  const hamburg = await repo.getMember('imk', 'DE-HH');
  if (hamburg === undefined) throw new Error('no Hamburg');
  await updateMember(
    deps,
    systemActor,
    'imk',
    'DE-HH',
    {
      people: hamburg.people.map(({ id: _id, ...person }) =>
        person.capacity === 'principal' ? { ...person, name: `Senator ${hostile}` } : person,
      ),
    },
    hamburg.version,
  );
  const session = (await repo.getSession(sessionId)) as Session;
  await repo.commit(
    [
      {
        type: 'session',
        op: 'replace',
        session: { ...session, title: `Sitzung ${hostile}`, version: session.version + 1 },
        expectedVersion: session.version,
      },
    ],
    [],
  );
  const { value: item } = await addAgendaItem(deps, systemActor, sessionId, {
    number: '9',
    title: `TOP ${hostile}`,
    public: true,
  });
  const { value: resolution } = await createResolution(deps, systemActor, sessionId, item.id, {
    title: `Beschluss ${hostile}`,
    text: `Absatz ${hostile}\n\nZweiter ${script}`,
    reports: [{ title: `Bericht ${hostile}` }],
  });
  await recordVotes(deps, systemActor, resolution.id, {
    votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
  });
  await addStatement(deps, systemActor, resolution.id, {
    memberIds: ['DE-BY'],
    text: `Erklärung ${hostile}`,
  });
  await decideResolution(deps, systemActor, resolution.id);
  await proposeRelease(deps, systemActor, resolution.id, {
    objectionHours: 0,
    consentedBy: lands.map((land) => land.code),
  });
  const { value: together } = await createResolution(deps, systemActor, sessionId, item.id, {
    title: `Gemeinsam ${hostile}`,
    text: `Absatz ${hostile}`,
    reports: [{ title: `Bericht ${hostile}` }],
  });
  await recordVotes(deps, systemActor, together.id, {
    votes: lands.map((land) => ({ memberId: land.code, vote: 'yes' })),
  });
  await decideResolution(deps, systemActor, together.id);
  const batch = await proposeSessionRelease(deps, systemActor, sessionId, {
    resolutionIds: [together.id],
    objectionHours: 72,
  });
  await read(
    'session release page',
    `/links/session-releases/${sessionReleaseToken(testLinkSecret, sessionId, batch.resolutions, 'DE-HH')}`,
  );

  const { invited } = await sendInvitations(deps, systemActor, sessionId, {});
  const invitation = invited.find((i) => i.memberId === 'DE-HH' && i.capacity === 'principal');
  const current = (await repo.getSession(sessionId)) as Session;
  await read(
    'answer page',
    `/links/invitations/${answerToken(deps, current, invitation ?? ({} as never))}`,
  );
  await read('public resolutions page', `/public/sessions/${sessionId}/resolutions`);
  await read('OParl meeting', `/oparl/v1/meetings/${sessionId}`, 'application/json');

  const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
    title: `Umlauf ${hostile}`,
    resolutions: [{ title: `Vorschlag ${hostile}`, text: `Text ${hostile}` }],
    deadline: '2026-12-01T12:00:00+01:00',
  });
  const [ballot] = await repo.listBallots(procedure.id);
  await read(
    'ballot page',
    `/links/ballots/${ballotToken(testLinkSecret, procedure, ballot ?? ({} as never))}`,
  );

  await subscribe(deps, { email: 'redaktion@zeitung.example.org' }, '203.0.113.1');
  const subscriber = (await repo.listConfirmedSubscribers({ limit: 1 })).items[0];
  expect(subscriber).toBeUndefined();
  const { value: release } = await createPressRelease(deps, systemActor, {
    bodyId: 'imk',
    title: `Mitteilung ${hostile}`,
    dateline: `HAMBURG ${image}`,
    body: `Text ${hostile} [Link](javascript:alert(1)) <iframe src="https://evil.example.org">`,
    contacts: [{ name: `Pressestelle ${hostile}` }],
    images: [{ url: 'https://www.example.org/bild.jpg', alt: `Bild ${hostile}` }],
  });
  await submitPressRelease(deps, systemActor, release.id);
  await approvePressRelease(deps, systemActor, release.id, {});
  await publishPressRelease(deps, systemActor, release.id, {});
  await read('press release page', `/public/press-releases/${release.id}`);
  for (const format of ['atom', 'rss', 'json']) {
    await read(`${format} feed`, `/public/feeds/press-releases.${format}`, '*/*');
  }

  await deliverQueued(
    testMailer(repo, clock, new SesMailSender({ region: 'eu-central-1', endpoint: ses.endpoint })),
  );
  const mails = await ses.inbox();
  for (const mail of mails) {
    outputs.push({ where: `mail "${mail.subject.slice(0, 40)}"`, text: mail.body.html ?? '' });
  }
}, 60_000);

afterAll(async () => {
  await ses.stop();
  await table.drop();
});

describe('Hostile input in every user text', () => {
  it('reaches pages, feeds and mails', () => {
    const where = outputs.map((output) => output.where);
    expect(where).toEqual(
      expect.arrayContaining([
        'answer page',
        'public resolutions page',
        'ballot page',
        'session release page',
        'press release page',
        'atom feed',
        'rss feed',
        'json feed',
      ]),
    );
    // 17 invitations, 17 ballots, 16 session release proposals, and the press list's confirmation.
    expect(where.filter((w) => w.startsWith('mail'))).toHaveLength(17 + 17 + 16 + 1);
    // The hostile text is there, as text.
    for (const output of outputs.filter((o) => !/^mail "Bitte|^OParl/.test(o.where))) {
      expect(output.text, output.where).toMatch(/&lt;script|&amp;lt;script|alert/);
    }
  });

  it('is escaped everywhere: no script, event handler, javascript: link or frame survives', () => {
    for (const output of outputs) {
      const text = output.text;
      expect(text, output.where).not.toContain('<script>alert');
      // The attribute break-out, verbatim: escaping turns its quote and bracket into entities.
      expect(text, output.where).not.toContain(image);
      expect(text, output.where).not.toMatch(/<img src=x/i);
      expect(text, output.where).not.toMatch(/href=["']?javascript:/i);
      expect(text, output.where).not.toMatch(/<iframe/i);
    }
  });
});
