import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/http/app.js';
import { consoleRoutes } from '../../functions/http/console/console-routes.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { inboundRecordId } from '../../shared/domain/inbound-record.js';
import type { PressRelease } from '../../shared/domain/press-release.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
import { approvePressRelease, correctPressRelease } from '../../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import { planSession } from '../../shared/use-cases/sessions.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { createTestApp, testLinkSecret } from '../fixtures/test-app.js';

const table = await createLocalTable('console-matrix');
const clock = { now: () => new Date('2027-01-10T08:00:00Z') };
const deps = { repo: new DynamoConferenceRepository(table.documentClient, table.tableName), clock };
const { sessionId = '' } = await seedDemo(deps);
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, { clock });

/**
 * Console forms that change what they act on (a version, an item, a mail)
 * get a fresh session per request: seven requests per case (signed out and
 * each role), each on its own session with two agenda items.
 */
const requestsPerCase = 1 + 6;
const freshSession = async (n: number, options: { invite?: boolean } = {}) => {
  const { value: session } = await planSession(deps, systemActor, 'imk', {
    kind: 'regular',
    format: 'video',
    title: `Matrix ${n}`,
    startsAt: '2027-05-05T10:00:00+02:00',
    endsAt: '2027-05-05T12:00:00+02:00',
    videoLink: 'https://video.example.org/matrix',
  });
  const items = [];
  for (const number of ['1', '2']) {
    items.push(
      (
        await addAgendaItem(deps, systemActor, session.id, {
          number,
          title: `TOP ${number}`,
          public: number === '1',
        })
      ).value,
    );
  }
  if (options.invite === true) {
    await sendInvitations({ ...deps, linkSecret: testLinkSecret }, systemActor, session.id, {});
  }
  return { session, items };
};
const sessionPool = async () => {
  const sessions: Awaited<ReturnType<typeof freshSession>>[] = [];
  for (let n = 0; n < requestsPerCase; n += 1) sessions.push(await freshSession(n));
  let at = -1;
  return {
    /** The next request's session (the path is read before the form). */
    next: () => {
      at += 1;
      return sessions[at % sessions.length] as Awaited<ReturnType<typeof freshSession>>;
    },
    current: () => sessions[at % sessions.length] as Awaited<ReturnType<typeof freshSession>>,
  };
};
const updates = await sessionPool();
const states = await sessionPool();
const orders = await sessionPool();
const approvals = await sessionPool();
const itemUpdates = await sessionPool();
const removals = await sessionPool();
const invitations = await sessionPool();
const invited = await freshSession(100, { invite: true });
const invitedList = await deps.repo.listInvitations(invited.session.id);
const demoItems = await deps.repo.listAgenda(sessionId);

/** A failed mail per call of the path, of an invited session, for the secretariat to send again. */
const failedMails: string[] = [];
for (let n = 0; n < 2 * requestsPerCase; n += 1) {
  const { items } = await deps.repo.listOutboxInState('queued', { limit: 100 });
  const entry = items.find(
    (e) => 'invitationId' in e && e.sessionId === invited.session.id && !failedMails.includes(e.id),
  );
  if (entry === undefined) throw new Error('no queued mail to fail');
  await deps.repo.commit(
    [
      {
        type: 'outbox',
        op: 'replace',
        entry: { ...entry, state: 'failed', failure: 'rejected', updatedAt: entry.createdAt },
        expectedState: 'queued',
      },
    ],
    [],
  );
  failedMails.push(entry.id);
}
let failedAt = -1;

/** A mail reply in review per call of a path (the failure message reads it again). */
const replies: string[] = [];
for (let n = 0; n < 4 * requestsPerCase; n += 1) {
  const invitation = invitedList[n % invitedList.length];
  const record = {
    messageId: `<matrix-${n}@de-nw.example.org>`,
    receivedAt: '2027-01-09T08:00:00.000Z',
    from: invitation?.email ?? '',
    subject: 'AW: Einladung',
    state: 'review' as const,
    reason: 'contradictory answer',
    sessionId: invited.session.id,
    invitationId: invitation?.id ?? '',
  };
  await deps.repo.claimInboundMessage({ ...record, state: 'processing' }, record.receivedAt);
  await deps.repo.settleInboundMessage(record);
  replies.push(inboundRecordId(record.messageId));
}
let replyAt = -1;
const nextReply = () => {
  replyAt += 1;
  return replies[replyAt] ?? '';
};

const callers = {
  admin: { role: 'admin', bodies: [] },
  secretariat: { role: 'secretariat', bodies: ['imk'] },
  chair: { role: 'chair', bodies: ['imk'] },
  member: { role: 'member', bodies: ['imk'] },
  press: { role: 'press', bodies: [] },
  otherSecretariat: { role: 'secretariat', bodies: ['ak-ii'] },
} as const;
type Caller = keyof typeof callers;
const everyone: Caller[] = Object.keys(callers) as Caller[];
/** Who manages the IMK's sessions, and who reads them. */
const managers: Caller[] = ['admin', 'secretariat', 'chair'];
const readers: Caller[] = ['admin', 'secretariat', 'chair', 'member', 'press'];

/** Press releases of the IMK in the state each press route needs, a fresh one per request. */
const pressOfficer = {
  principal: {
    subject: 'press',
    email: 'presse@example.org',
    roles: ['press' as const],
    bodies: [],
  },
};
const draftRelease = async () =>
  (
    await createPressRelease(deps, systemActor, {
      bodyId: 'imk',
      sessionId,
      title: 'Mitteilung',
      dateline: 'HAMBURG',
      body: 'Text. {{termin}}',
    })
  ).value;
const submittedRelease = async () =>
  submitPressRelease(deps, systemActor, (await draftRelease()).id);
const approvedRelease = async () =>
  approvePressRelease(deps, systemActor, (await submittedRelease()).id, {});
const publishedRelease = async () =>
  publishPressRelease(deps, systemActor, (await approvedRelease()).id, {});
const correctedByPress = async () => {
  const release = await publishedRelease();
  return correctPressRelease(
    deps,
    pressOfficer,
    release.id,
    { body: 'Berichtigt.', note: 'Datum' },
    release.version,
  );
};
const pool = async (make: () => Promise<PressRelease>) => {
  // One per request, and the failure message reads the path again.
  const items = await Promise.all(Array.from({ length: 2 * everyone.length + 1 }, make));
  let current: PressRelease | undefined;
  return {
    path: (suffix: string) => () => {
      current = items.shift();
      return `/console/press/${current?.id ?? 'none'}${suffix}`;
    },
    version: () => String(current?.version ?? 0),
  };
};
const shownRelease = await draftRelease();
const drafts = await pool(draftRelease);
const draftsToSubmit = await pool(draftRelease);
const toReturn = await pool(submittedRelease);
const toApprove = await pool(submittedRelease);
const toPublish = await pool(approvedRelease);
const toCorrect = await pool(publishedRelease);
const pendingCorrections = await pool(correctedByPress);
const toWithdraw = await pool(publishedRelease);
const pressRead: Caller[] = ['admin', 'secretariat', 'chair', 'press'];
const pressDraft: Caller[] = ['admin', 'press'];
const pressApprove: Caller[] = ['admin', 'chair'];
const pressOrChair: Caller[] = ['admin', 'chair', 'press'];
const draftFields = { bodyId: 'imk', title: 'Titel', dateline: 'HAMBURG', body: 'Text.' };

interface ConsoleCase {
  method: 'GET' | 'POST';
  path: () => string;
  /** The form fields of a post (sent with the bearer token, which needs no CSRF token). */
  form?: () => Record<string, string>;
  allowed: Caller[];
  /** The status for an allowed caller: 200 for a page, 303 for a form that redirects. */
  ok: number;
}

/** Every console route: who may open or post it, and what they get. */
const matrix: Record<string, ConsoleCase> = {
  consoleOverview: { method: 'GET', path: () => '/console', allowed: everyone, ok: 200 },
  consoleSessionNew: {
    method: 'GET',
    path: () => '/console/bodies/imk/sessions/new',
    allowed: managers,
    ok: 200,
  },
  consoleSessionCreate: {
    method: 'POST',
    path: () => '/console/bodies/imk/sessions',
    form: () => ({
      kind: 'regular',
      format: 'video',
      title: 'Sondersitzung',
      startsAt: '2027-06-01T10:00',
      endsAt: '2027-06-01T12:00',
      videoLink: 'https://video.example.org/x',
    }),
    allowed: managers,
    ok: 303,
  },
  consoleSession: {
    method: 'GET',
    path: () => `/console/sessions/${sessionId}`,
    allowed: readers,
    ok: 200,
  },
  consoleSessionEdit: {
    method: 'GET',
    path: () => `/console/sessions/${sessionId}/edit`,
    allowed: managers,
    ok: 200,
  },
  consoleSessionUpdate: {
    method: 'POST',
    path: () => `/console/sessions/${updates.next().session.id}/edit`,
    form: () => ({
      version: '1',
      kind: 'regular',
      format: 'video',
      title: 'Geänderter Titel',
      startsAt: '2027-05-05T10:30',
      endsAt: '2027-05-05T12:00',
      videoLink: 'https://video.example.org/matrix',
    }),
    allowed: managers,
    ok: 303,
  },
  consoleSessionState: {
    method: 'POST',
    path: () => `/console/sessions/${states.next().session.id}/state`,
    form: () => ({ version: '1', to: 'cancelled', confirm: 'yes' }),
    allowed: managers,
    ok: 303,
  },
  consoleAgenda: {
    method: 'GET',
    path: () => `/console/sessions/${sessionId}/agenda`,
    allowed: readers,
    ok: 200,
  },
  consoleAgendaAdd: {
    method: 'POST',
    path: () => `/console/sessions/${sessionId}/agenda`,
    form: () => ({ number: '9', title: 'Verschiedenes', public: 'no' }),
    allowed: managers,
    ok: 303,
  },
  consoleAgendaOrder: {
    method: 'POST',
    path: () => `/console/sessions/${orders.next().session.id}/agenda/order`,
    form: () => ({
      order: orders
        .current()
        .items.map((i) => i.id)
        .reverse()
        .join(','),
    }),
    allowed: managers,
    ok: 303,
  },
  consoleAgendaApprove: {
    method: 'POST',
    path: () => `/console/sessions/${approvals.next().session.id}/agenda/approval`,
    form: () => ({ version: String(approvals.current().session.version) }),
    allowed: ['admin', 'chair'],
    ok: 303,
  },
  consoleAgendaItem: {
    method: 'GET',
    path: () => `/console/sessions/${invited.session.id}/agenda/${invited.items[0]?.id}`,
    allowed: readers,
    ok: 200,
  },
  consoleAgendaItemUpdate: {
    method: 'POST',
    path: () => {
      const { session, items } = itemUpdates.next();
      return `/console/sessions/${session.id}/agenda/${items[0]?.id}`;
    },
    form: () => ({ version: '1', number: '1', title: 'Neuer Titel', public: 'yes' }),
    allowed: managers,
    ok: 303,
  },
  consoleAgendaItemRemove: {
    method: 'POST',
    path: () => {
      const { session, items } = removals.next();
      return `/console/sessions/${session.id}/agenda/${items[1]?.id}/remove`;
    },
    form: () => ({ version: '1' }),
    allowed: managers,
    ok: 303,
  },
  consoleAgendaItemMove: {
    method: 'POST',
    path: () => `/console/sessions/${sessionId}/agenda/${demoItems[1]?.id}/move`,
    form: () => ({ direction: 'down' }),
    allowed: managers,
    ok: 303,
  },
  consoleInvitationsConfirm: {
    method: 'GET',
    path: () => `/console/sessions/${sessionId}/invitations`,
    allowed: managers,
    ok: 200,
  },
  consoleInvitationsSend: {
    method: 'POST',
    path: () => `/console/sessions/${invitations.next().session.id}/invitations`,
    form: () => ({ includeOfficeContacts: 'yes' }),
    allowed: managers,
    ok: 303,
  },
  consoleMails: {
    method: 'GET',
    path: () => `/console/sessions/${invited.session.id}/mails`,
    allowed: managers,
    ok: 200,
  },
  consoleMailRetry: {
    method: 'POST',
    path: () => {
      failedAt += 1;
      return `/console/sessions/${invited.session.id}/mails/${failedMails[failedAt]}/retry`;
    },
    form: () => ({}),
    allowed: managers,
    ok: 303,
  },
  consoleBoard: {
    method: 'GET',
    path: () => `/console/sessions/${invited.session.id}/board`,
    allowed: readers,
    ok: 200,
  },
  consoleBoardLive: {
    method: 'GET',
    path: () => `/console/sessions/${invited.session.id}/board/live`,
    allowed: readers,
    ok: 200,
  },
  consoleBoardPhone: {
    method: 'POST',
    path: () => `/console/sessions/${invited.session.id}/board/phone`,
    form: () => ({ invitationId: invitedList[0]?.id ?? '', status: 'accepted', comment: 'Anruf' }),
    allowed: managers,
    ok: 303,
  },
  consoleBoardReplyApply: {
    method: 'POST',
    path: () => `/console/sessions/${invited.session.id}/board/replies/${nextReply()}/apply`,
    form: () => ({ status: 'declined', note: 'telefonisch bestätigt' }),
    allowed: managers,
    ok: 303,
  },
  consoleBoardReplyDismiss: {
    method: 'POST',
    path: () => `/console/sessions/${invited.session.id}/board/replies/${nextReply()}/dismiss`,
    form: () => ({ note: 'doppelt' }),
    allowed: managers,
    ok: 303,
  },
  consolePressList: {
    method: 'GET',
    path: () => '/console/press',
    allowed: [...pressRead, 'otherSecretariat'],
    ok: 200,
  },
  consolePressNew: {
    method: 'GET',
    path: () => '/console/press/new',
    allowed: pressDraft,
    ok: 200,
  },
  consolePressCreate: {
    method: 'POST',
    path: () => '/console/press/new',
    form: () => draftFields,
    allowed: pressDraft,
    ok: 303,
  },
  consolePressPreview: {
    method: 'POST',
    path: () => '/console/press/preview',
    form: () => ({ bodyId: 'imk', sessionId, body: '{{termin}}' }),
    allowed: pressRead,
    ok: 200,
  },
  consolePressRelease: {
    method: 'GET',
    path: () => `/console/press/${shownRelease.id}`,
    allowed: pressRead,
    ok: 200,
  },
  consolePressSaveDraft: {
    method: 'POST',
    path: drafts.path('/draft'),
    form: () => ({ ...draftFields, version: drafts.version() }),
    allowed: pressDraft,
    ok: 303,
  },
  consolePressSubmit: {
    method: 'POST',
    path: draftsToSubmit.path('/submission'),
    allowed: pressDraft,
    ok: 303,
  },
  consolePressReturn: {
    method: 'POST',
    path: toReturn.path('/return'),
    form: () => ({ kommentar: 'Bitte kürzen.' }),
    allowed: pressApprove,
    ok: 303,
  },
  consolePressApprove: {
    method: 'POST',
    path: toApprove.path('/approval'),
    form: () => ({ sperrfrist: '2027-01-10T10:00' }),
    allowed: pressApprove,
    ok: 303,
  },
  consolePressPublish: {
    method: 'POST',
    path: toPublish.path('/publication'),
    form: () => ({}),
    allowed: pressOrChair,
    ok: 303,
  },
  consolePressCorrect: {
    method: 'POST',
    path: toCorrect.path('/corrections'),
    form: () => ({ body: 'Berichtigt.', grund: 'Datum', version: toCorrect.version() }),
    allowed: pressOrChair,
    ok: 303,
  },
  consolePressApproveCorrection: {
    method: 'POST',
    path: pendingCorrections.path('/correction-approval'),
    form: () => ({ version: pendingCorrections.version() }),
    allowed: pressApprove,
    ok: 303,
  },
  consolePressWithdraw: {
    method: 'POST',
    path: toWithdraw.path('/withdrawal'),
    form: () => ({ grund: 'Auf Wunsch des Vorsitzes.' }),
    allowed: pressOrChair,
    ok: 303,
  },
};

const request = async (entry: ConsoleCase, token?: string) =>
  app.request(entry.path(), {
    method: entry.method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(entry.form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(entry.form === undefined ? {} : { body: new URLSearchParams(entry.form()).toString() }),
  });

describe('Role matrix: every console route × every role', () => {
  const definitions = consoleRoutes({} as AppDeps).map((r) => r.definition);

  it('has an entry for every console route, and no other', () => {
    expect(definitions.map((d) => d.operationId).sort()).toEqual(Object.keys(matrix).sort());
  });

  it('knows the session the cases work on', () => {
    expect(sessionId).not.toBe('');
  });

  for (const definition of definitions) {
    const entry = matrix[definition.operationId];
    it(`${definition.operationId}: answers each role as the policy says`, async () => {
      if (entry === undefined) throw new Error(`${definition.operationId} is missing`);
      expect(entry.method).toBe(definition.method.toUpperCase());
      const anonymous = await request(entry);
      if (entry.method === 'GET') {
        expect(anonymous.status, 'signed out').toBe(303);
        expect(anonymous.headers.get('location')).toMatch(/^\/auth\/login\?returnTo=/);
      } else {
        expect(anonymous.status, 'signed out').toBe(401);
      }
      for (const [name, claims] of Object.entries(callers) as [
        Caller,
        (typeof callers)[Caller],
      ][]) {
        const response = await request(
          entry,
          await issuer.sign({ role: claims.role, bodies: [...claims.bodies] }),
        );
        const expected = entry.allowed.includes(name) ? entry.ok : 403;
        expect(response.status, `${name} → ${entry.method} ${entry.path()}`).toBe(expected);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
    });
  }
});
