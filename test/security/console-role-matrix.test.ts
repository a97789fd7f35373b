import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../functions/http/app.js';
import { consoleRoutes } from '../../functions/http/console/console-routes.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { inboundRecordId } from '../../shared/domain/inbound-record.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { sendInvitations } from '../../shared/use-cases/invitations.js';
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
const pool = async () => {
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
const updates = await pool();
const states = await pool();
const orders = await pool();
const approvals = await pool();
const itemUpdates = await pool();
const removals = await pool();
const invitations = await pool();
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
