import { describe, expect, it } from 'vitest';
import { localStaffAccounts } from '../../shared/adapters/cognito/local-accounts.js';
import { DynamoConferenceRepository } from '../../shared/adapters/dynamodb/conference-repository.js';
import { DynamoStaffDirectory } from '../../shared/adapters/dynamodb/staff-directory.js';
import { lands } from '../../shared/domain/lands.js';
import { addAgendaItem } from '../../shared/use-cases/agenda.js';
import { systemActor } from '../../shared/use-cases/context.js';
import { seedDemo } from '../../shared/use-cases/demo-seed.js';
import { attachPaper } from '../../shared/use-cases/papers.js';
import { approvePressRelease } from '../../shared/use-cases/press-approval.js';
import {
  createPressRelease,
  publishPressRelease,
  submitPressRelease,
} from '../../shared/use-cases/press-releases.js';
import {
  createResolution,
  decideResolution,
  proposeRelease,
  recordVotes,
} from '../../shared/use-cases/resolutions.js';
import { createStaff } from '../../shared/use-cases/staff.js';
import { startWrittenProcedure } from '../../shared/use-cases/written-procedures.js';
import { httpClient } from '../fixtures/http.js';
import { createLocalBucket } from '../fixtures/local-bucket.js';
import { createLocalTable } from '../fixtures/local-table.js';
import { paperUploads } from '../fixtures/paper-uploads.js';
import { createTestApp } from '../fixtures/test-app.js';

const table = await createLocalTable('matrix');
const clock = { now: () => new Date('2026-11-23T08:00:00Z') };
const deps = { repo: new DynamoConferenceRepository(table.documentClient, table.tableName), clock };
const { sessionId = '' } = await seedDemo(deps);
const { value: publicItem } = await addAgendaItem(deps, systemActor, sessionId, {
  number: '1',
  title: 'Öffentlicher Punkt',
  public: true,
});
const voteAll = (vote: 'yes' | 'no') => ({
  votes: lands.map((land) => ({ memberId: land.code, vote })),
});
const { value: draft } = await createResolution(deps, systemActor, sessionId, publicItem.id, {
  title: 'Entwurf',
  text: 'Absatz.',
});
await recordVotes(deps, systemActor, draft.id, { votes: [{ memberId: 'DE-HH', vote: 'yes' }] });
const { value: passed } = await createResolution(deps, systemActor, sessionId, publicItem.id, {
  title: 'Angenommen',
  text: 'Absatz.',
});
await recordVotes(deps, systemActor, passed.id, voteAll('yes'));
await decideResolution(deps, systemActor, passed.id);
const { value: pending } = await createResolution(deps, systemActor, sessionId, publicItem.id, {
  title: 'Zur Freigabe',
  text: 'Absatz.',
});
await recordVotes(deps, systemActor, pending.id, voteAll('yes'));
await decideResolution(deps, systemActor, pending.id);
await proposeRelease(deps, systemActor, pending.id, { objectionHours: 72 });
const { value: procedure } = await startWrittenProcedure(deps, systemActor, 'imk', {
  title: 'Umlauf',
  resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
  deadline: '2026-12-01T12:00:00+01:00',
});
const { value: released } = await createResolution(deps, systemActor, sessionId, publicItem.id, {
  title: 'Freigegeben',
  text: 'Absatz.',
});
await recordVotes(deps, systemActor, released.id, voteAll('yes'));
await decideResolution(deps, systemActor, released.id);
await proposeRelease(deps, systemActor, released.id, {
  objectionHours: 0,
  consentedBy: lands.map((land) => land.code),
});
const pressInput = {
  bodyId: 'imk',
  title: 'Mitteilung',
  dateline: 'HAMBURG',
  body: 'Text.',
};
const { value: pressDraft } = await createPressRelease(deps, systemActor, pressInput);
const publishedRelease = async () => {
  const { value } = await createPressRelease(deps, systemActor, pressInput);
  await submitPressRelease(deps, systemActor, value.id);
  await approvePressRelease(deps, systemActor, value.id, {});
  return publishPressRelease(deps, systemActor, value.id, {});
};
const [pressPublished, pressToWithdraw, pressToCorrect] = [
  await publishedRelease(),
  await publishedRelease(),
  await publishedRelease(),
];
const body = await deps.repo.getBodyWithMembers('imk');
const minister =
  body?.members
    .find((m) => m.memberId === 'DE-HH')
    ?.people.find((person) => person.capacity === 'principal')?.id ?? '';
const staffDeps = {
  ...deps,
  staff: new DynamoStaffDirectory(table.documentClient, table.tableName),
  accounts: localStaffAccounts,
};
/** A Land's staff member in the IMK: the IMK's secretariat manages them, AK II's does not. */
const imkStaff = await createStaff(staffDeps, systemActor, {
  email: 'referat@de-hh.example.org',
  name: 'Referat Hamburg',
  grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-HH' }],
});
const { store } = await createLocalBucket('matrix');
const { paperDeps, fresh: freshUpload } = paperUploads(deps, store, sessionId);
const internalPaper = await attachPaper(paperDeps, systemActor, sessionId, publicItem.id, {
  uploadId: await freshUpload(),
  title: 'Interner Bericht',
  classification: 'internal',
});
const publicPaper = await attachPaper(paperDeps, systemActor, sessionId, publicItem.id, {
  uploadId: await freshUpload(),
  title: 'Öffentlicher Bericht',
  classification: 'public',
});
const uploads = await Promise.all(Array.from({ length: 10 }, freshUpload));
const { app, issuer } = await createTestApp(table.documentClient, table.tableName, {
  clock,
  papers: { objects: store, scanning: 'local' },
});

const callers = {
  admin: { role: 'admin', bodies: [] },
  secretariat: { role: 'secretariat', bodies: ['imk'] },
  chair: { role: 'chair', bodies: ['imk'] },
  member: { role: 'member', bodies: ['imk'] },
  press: { role: 'press', bodies: [] },
  otherSecretariat: { role: 'secretariat', bodies: ['ak-ii'] },
} as const;
type Caller = keyof typeof callers;
const managers: Caller[] = ['admin', 'secretariat', 'chair'];
const readers: Caller[] = [...managers, 'member', 'press'];
const everyone: Caller[] = [...readers, 'otherSecretariat'];
const resolutionReaders: Caller[] = [...managers, 'member'];
const pressReaders: Caller[] = [...managers, 'press'];

let counter = 0;
const unique = () => (counter += 1);
const stale = { 'if-match': '"999"' };

interface Case {
  method: string;
  path: () => string;
  body?: () => unknown;
  headers?: Record<string, string>;
  allowed: Caller[];
  /** The status of an allowed caller. */
  ok: number;
}

const session = () => `/v1/sessions/${sessionId}`;
const item = () => `${session()}/agenda-items/${publicItem.id}`;
const video = () => ({
  kind: 'video',
  title: `Schalte ${unique()}`,
  startsAt: '2027-01-10T18:00:00+01:00',
  endsAt: '2027-01-10T19:00:00+01:00',
  videoLink: 'https://video.example.org/x',
});

/** Every route of the API, by operationId: what an allowed caller gets, and who is allowed. */
const matrix: Record<string, Case> = {
  health: { method: 'GET', path: () => '/health', allowed: everyone, ok: 200 },
  listBodies: { method: 'GET', path: () => '/v1/bodies', allowed: everyone, ok: 200 },
  createBody: {
    method: 'POST',
    path: () => '/v1/bodies',
    body: () => ({
      id: `ag-${unique()}`,
      name: 'AG',
      shortName: 'AG',
      kind: 'crisis_staff',
      decisionRule: { kind: 'majority' },
    }),
    allowed: ['admin'],
    ok: 201,
  },
  getBody: { method: 'GET', path: () => '/v1/bodies/imk', allowed: readers, ok: 200 },
  updateBody: {
    method: 'PATCH',
    path: () => '/v1/bodies/imk',
    body: () => ({ shortName: 'IMK' }),
    headers: stale,
    allowed: ['admin'],
    ok: 412,
  },
  // Who votes is an admin's, like the decision rule; guests are the secretariat's
  // too (test/security/small-holes.test.ts).
  addMember: {
    method: 'POST',
    path: () => '/v1/bodies/imk/members',
    body: () => ({ memberId: 'DE-HH', name: 'Hamburg', voting: true, people: [] }),
    allowed: ['admin'],
    ok: 409,
  },
  getMember: {
    method: 'GET',
    path: () => '/v1/bodies/imk/members/DE-HH',
    allowed: readers,
    ok: 200,
  },
  updateMember: {
    method: 'PATCH',
    path: () => '/v1/bodies/imk/members/DE-HH',
    body: () => ({ voting: false }),
    headers: stale,
    allowed: ['admin'],
    ok: 412,
  },
  removeMember: {
    method: 'DELETE',
    path: () => '/v1/bodies/imk/members/DE-HH',
    headers: stale,
    allowed: ['admin'],
    ok: 412,
  },
  listChairPeriods: {
    method: 'GET',
    path: () => '/v1/bodies/imk/chair-periods',
    allowed: readers,
    ok: 200,
  },
  proposeChairPeriod: {
    method: 'GET',
    path: () => '/v1/bodies/imk/chair-periods/next',
    allowed: readers,
    ok: 200,
  },
  recordChairPeriod: {
    method: 'POST',
    path: () => '/v1/bodies/imk/chair-periods',
    body: () => ({
      memberId: 'DE-HH',
      from: `${2100 + unique()}-01-01`,
      to: `${2100 + counter}-12-31`,
    }),
    allowed: managers,
    ok: 201,
  },
  planSession: {
    method: 'POST',
    path: () => '/v1/bodies/imk/sessions',
    body: video,
    allowed: managers,
    ok: 201,
  },
  listSessions: {
    method: 'GET',
    path: () => '/v1/sessions?from=2027-01-01&to=2027-12-31',
    allowed: everyone,
    ok: 200,
  },
  getSession: { method: 'GET', path: session, allowed: readers, ok: 200 },
  updateSession: {
    method: 'PATCH',
    path: session,
    body: () => ({ title: 'x' }),
    headers: stale,
    allowed: managers,
    ok: 412,
  },
  changeSessionState: {
    method: 'POST',
    path: () => `${session()}/transitions`,
    body: () => ({ to: 'invited' }),
    headers: stale,
    allowed: managers,
    ok: 412,
  },
  cancelSession: { method: 'DELETE', path: session, headers: stale, allowed: managers, ok: 412 },
  getSessionCalendar: {
    method: 'GET',
    path: () => `${session()}/calendar.ics`,
    allowed: readers,
    ok: 200,
  },
  listAgenda: { method: 'GET', path: () => `${session()}/agenda-items`, allowed: readers, ok: 200 },
  addAgendaItem: {
    method: 'POST',
    path: () => `${session()}/agenda-items`,
    body: () => ({ number: String(unique()), title: 'Punkt' }),
    allowed: managers,
    ok: 201,
  },
  requestPaperUpload: {
    method: 'POST',
    path: () => `${session()}/paper-uploads`,
    body: () => ({ fileName: 'Bericht.pdf' }),
    allowed: managers,
    ok: 201,
  },
  attachPaper: {
    method: 'POST',
    path: () => `${item()}/papers`,
    body: () => ({ uploadId: uploads.shift(), title: 'Bericht', classification: 'internal' }),
    allowed: managers,
    ok: 201,
  },
  listPapers: { method: 'GET', path: () => `${session()}/papers`, allowed: readers, ok: 200 },
  downloadPaper: {
    method: 'GET',
    path: () => `${session()}/papers/${internalPaper.id}/download`,
    allowed: readers,
    ok: 302,
  },
  keepPaper: {
    method: 'PUT',
    path: () => `${session()}/papers/${internalPaper.id}/keep`,
    body: () => ({ keep: true }),
    allowed: managers,
    ok: 200,
  },
  getSessionFolder: {
    method: 'GET',
    path: () => `${session()}/folder.pdf`,
    allowed: readers,
    ok: 200,
  },
  downloadPublicPaper: {
    method: 'GET',
    path: () => `/public/sessions/${sessionId}/papers/${publicPaper.id}`,
    allowed: everyone,
    ok: 302,
  },
  oparlFile: {
    method: 'GET',
    path: () => `/oparl/v1/meetings/${sessionId}/files/${publicPaper.id}`,
    allowed: everyone,
    ok: 200,
  },
  openPaperLink: {
    method: 'GET',
    path: () => '/links/papers/forged.token',
    allowed: everyone,
    ok: 403,
  },
  reorderAgenda: {
    method: 'POST',
    path: () => `${session()}/agenda-items/reorder`,
    body: () => ({ order: ['x'] }),
    allowed: managers,
    ok: 422,
  },
  getAgendaItem: { method: 'GET', path: item, allowed: readers, ok: 200 },
  updateAgendaItem: {
    method: 'PATCH',
    path: item,
    body: () => ({ title: 'y' }),
    headers: stale,
    allowed: managers,
    ok: 412,
  },
  removeAgendaItem: { method: 'DELETE', path: item, headers: stale, allowed: managers, ok: 412 },
  approveAgenda: {
    method: 'POST',
    path: () => `${session()}/agenda-approval`,
    headers: stale,
    allowed: ['admin', 'chair'],
    ok: 412,
  },
  sendInvitations: {
    method: 'POST',
    path: () => `${session()}/invitations`,
    body: () => ({ personIds: ['unknown-person'] }),
    allowed: managers,
    ok: 422,
  },
  recordAnswerForInvitee: {
    method: 'POST',
    path: () => `${session()}/invitations/01J0000000000000000000000Z/answer`,
    body: () => ({ status: 'accepted' }),
    allowed: managers,
    ok: 404,
  },
  confirmDeputy: {
    method: 'POST',
    path: () => `${session()}/invitations/01J0000000000000000000000Z/confirmation`,
    body: () => undefined,
    allowed: managers,
    ok: 404,
  },
  revokeInvitation: {
    method: 'DELETE',
    path: () => `${session()}/invitations/01J0000000000000000000000Z`,
    allowed: managers,
    ok: 404,
  },
  listInboundMail: {
    method: 'GET',
    path: () => `${session()}/inbound-mail`,
    allowed: managers,
    ok: 200,
  },
  applySessionInboundMail: {
    method: 'POST',
    path: () => `${session()}/inbound-mail/${'A'.repeat(43)}/apply`,
    body: () => ({ status: 'accepted' }),
    allowed: managers,
    ok: 404,
  },
  dismissSessionInboundMail: {
    method: 'POST',
    path: () => `${session()}/inbound-mail/${'A'.repeat(43)}/dismiss`,
    body: () => ({}),
    allowed: managers,
    ok: 404,
  },
  listOutbox: {
    method: 'GET',
    path: () => '/v1/outbox?state=failed',
    allowed: ['admin'],
    ok: 200,
  },
  retryOutboxEntry: {
    method: 'POST',
    path: () => '/v1/outbox/01J0000000000000000000000Z/retry',
    body: () => undefined,
    allowed: ['admin'],
    ok: 404,
  },
  getAttendance: {
    method: 'GET',
    path: () => `${session()}/attendance`,
    allowed: readers,
    ok: 200,
  },
  getReachability: {
    method: 'GET',
    path: () => `${session()}/reachability?within=10`,
    allowed: managers,
    ok: 200,
  },
  getReachabilityCsv: {
    method: 'GET',
    path: () => `${session()}/reachability.csv`,
    allowed: managers,
    ok: 200,
  },
  openAnswerPage: {
    method: 'GET',
    path: () => '/links/invitations/forged.token',
    allowed: everyone,
    ok: 403,
  },
  submitAnswer: {
    method: 'POST',
    path: () => '/links/invitations/forged.token',
    allowed: everyone,
    ok: 403,
  },
  listAudit: {
    method: 'GET',
    path: () => `/v1/audit?object=session:${sessionId}`,
    allowed: managers,
    ok: 200,
  },
  createResolution: {
    method: 'POST',
    path: () => `${item()}/resolutions`,
    body: () => ({ title: 'Beschluss', text: 'Erster Absatz.' }),
    allowed: managers,
    ok: 201,
  },
  listSessionResolutions: {
    method: 'GET',
    path: () => `${session()}/resolutions`,
    allowed: resolutionReaders,
    ok: 200,
  },
  getResolution: {
    method: 'GET',
    path: () => `/v1/resolutions/${draft.id}`,
    allowed: resolutionReaders,
    ok: 200,
  },
  updateResolution: {
    method: 'PATCH',
    path: () => `/v1/resolutions/${draft.id}`,
    body: () => ({ text: 'Neu.' }),
    headers: stale,
    allowed: managers,
    ok: 412,
  },
  recordVotes: {
    method: 'PUT',
    path: () => `/v1/resolutions/${draft.id}/votes`,
    body: () => ({ votes: [{ memberId: 'DE-HH', vote: 'yes' }] }),
    allowed: managers,
    ok: 200,
  },
  recordVoteGrid: {
    method: 'PUT',
    path: () => `${session()}/votes`,
    body: () => ({
      rows: [{ resolutionId: draft.id, votes: [{ memberId: 'DE-HH', vote: 'yes' }] }],
    }),
    allowed: managers,
    ok: 200,
  },
  decideResolution: {
    method: 'POST',
    path: () => `/v1/resolutions/${passed.id}/decision`,
    allowed: managers,
    ok: 200,
  },
  addStatement: {
    method: 'POST',
    path: () => `/v1/resolutions/${passed.id}/statements`,
    body: () => ({ memberIds: ['DE-BY'], text: 'Erklärung.' }),
    allowed: managers,
    ok: 200,
  },
  correctResolution: {
    method: 'POST',
    path: () => `/v1/resolutions/${passed.id}/corrections`,
    body: () => ({ text: 'Berichtigt.', note: 'Tippfehler' }),
    headers: stale,
    allowed: managers,
    ok: 412,
  },
  proposeRelease: {
    method: 'POST',
    path: () => `/v1/resolutions/${passed.id}/release-proposal`,
    body: () => ({ objectionHours: 72 }),
    allowed: ['admin', 'chair'],
    ok: 200,
  },
  proposeSessionRelease: {
    method: 'POST',
    path: () => `/v1/sessions/${sessionId}/release-proposal`,
    body: () => ({ resolutionIds: [passed.id], objectionHours: 72 }),
    allowed: ['admin', 'chair'],
    ok: 200,
  },
  answerRelease: {
    method: 'POST',
    path: () => `/v1/resolutions/${pending.id}/release-answers`,
    body: () => ({ memberId: 'DE-HH', answer: 'consent' }),
    allowed: managers,
    ok: 200,
  },
  startWrittenProcedure: {
    method: 'POST',
    path: () => '/v1/bodies/imk/written-procedures',
    body: () => ({
      title: `Umlauf ${unique()}`,
      resolutions: [{ title: 'Vorschlag', text: 'Absatz.' }],
      deadline: '2026-12-01T12:00:00+01:00',
    }),
    allowed: managers,
    ok: 201,
  },
  listWrittenProcedures: {
    method: 'GET',
    path: () => '/v1/bodies/imk/written-procedures',
    allowed: resolutionReaders,
    ok: 200,
  },
  getWrittenProcedure: {
    method: 'GET',
    path: () => `/v1/written-procedures/${procedure.id}`,
    allowed: resolutionReaders,
    ok: 200,
  },
  recordBallotForMember: {
    method: 'POST',
    path: () => `/v1/written-procedures/${procedure.id}/ballots/01J0000000000000000000000Z/answer`,
    body: () => ({ votes: {} }),
    allowed: managers,
    ok: 404,
  },
  listProcedureInboundMail: {
    method: 'GET',
    path: () => `/v1/written-procedures/${procedure.id}/inbound-mail`,
    allowed: managers,
    ok: 200,
  },
  applyProcedureInboundMail: {
    method: 'POST',
    path: () => `/v1/written-procedures/${procedure.id}/inbound-mail/${'A'.repeat(43)}/apply`,
    body: () => ({ votes: {} }),
    allowed: managers,
    ok: 404,
  },
  dismissProcedureInboundMail: {
    method: 'POST',
    path: () => `/v1/written-procedures/${procedure.id}/inbound-mail/${'A'.repeat(43)}/dismiss`,
    body: () => ({}),
    allowed: managers,
    ok: 404,
  },
  openBallotPage: {
    method: 'GET',
    path: () => '/links/ballots/forged.token',
    allowed: everyone,
    ok: 403,
  },
  submitBallot: {
    method: 'POST',
    path: () => '/links/ballots/forged.token',
    allowed: everyone,
    ok: 403,
  },
  openReleasePage: {
    method: 'GET',
    path: () => '/links/releases/forged.token',
    allowed: everyone,
    ok: 403,
  },
  submitReleaseAnswer: {
    method: 'POST',
    path: () => '/links/releases/forged.token',
    allowed: everyone,
    ok: 403,
  },
  openSessionReleasePage: {
    method: 'GET',
    path: () => '/links/session-releases/forged.token',
    allowed: everyone,
    ok: 403,
  },
  submitSessionReleaseAnswers: {
    method: 'POST',
    path: () => '/links/session-releases/forged.token',
    allowed: everyone,
    ok: 403,
  },
  listPublishedResolutions: {
    method: 'GET',
    path: () => `/public/sessions/${sessionId}/resolutions`,
    allowed: everyone,
    ok: 200,
  },
  createPressRelease: {
    method: 'POST',
    path: () => '/v1/press-releases',
    body: () => pressInput,
    allowed: ['admin', 'press'],
    ok: 201,
  },
  listPressReleases: {
    method: 'GET',
    path: () => '/v1/press-releases',
    allowed: [...managers, 'press', 'otherSecretariat'],
    ok: 200,
  },
  getPressRelease: {
    method: 'GET',
    path: () => `/v1/press-releases/${pressDraft.id}`,
    allowed: pressReaders,
    ok: 200,
  },
  updatePressRelease: {
    method: 'PATCH',
    path: () => `/v1/press-releases/${pressDraft.id}`,
    body: () => ({ title: 'Neu' }),
    headers: stale,
    allowed: ['admin', 'press'],
    ok: 412,
  },
  submitPressRelease: {
    method: 'POST',
    path: () => `/v1/press-releases/${pressPublished.id}/submission`,
    allowed: ['admin', 'press'],
    ok: 409,
  },
  returnPressRelease: {
    method: 'POST',
    path: () => `/v1/press-releases/${pressDraft.id}/return`,
    body: () => ({ comment: 'Bitte kürzen.' }),
    allowed: ['admin', 'chair'],
    ok: 409,
  },
  approvePressRelease: {
    method: 'POST',
    path: () => `/v1/press-releases/${pressDraft.id}/approval`,
    body: () => ({}),
    allowed: ['admin', 'chair'],
    ok: 409,
  },
  publishPressRelease: {
    method: 'POST',
    path: () => `/v1/press-releases/${pressPublished.id}/publication`,
    body: () => ({}),
    allowed: ['admin', 'chair', 'press'],
    ok: 200,
  },
  withdrawPressRelease: {
    method: 'POST',
    path: () => `/v1/press-releases/${pressToWithdraw.id}/withdrawal`,
    body: () => ({ reason: 'Zurückgezogen.' }),
    allowed: ['admin', 'chair', 'press'],
    ok: 200,
  },
  correctPressRelease: {
    method: 'POST',
    path: () => `/v1/press-releases/${pressToCorrect.id}/corrections`,
    body: () => ({ title: 'Berichtigt', note: 'Titel' }),
    headers: stale,
    allowed: ['admin', 'chair', 'press'],
    ok: 412,
  },
  approvePressCorrection: {
    method: 'POST',
    path: () => `/v1/press-releases/${pressToCorrect.id}/correction-approval`,
    headers: stale,
    allowed: ['admin', 'chair'],
    ok: 412,
  },
  previewPressRelease: {
    method: 'GET',
    path: () => `/v1/press-releases/${pressDraft.id}/preview`,
    allowed: pressReaders,
    ok: 200,
  },
  listPublicPressReleases: {
    method: 'GET',
    path: () => '/public/press-releases',
    allowed: everyone,
    ok: 200,
  },
  subscribePressList: {
    method: 'POST',
    path: () => '/public/press-list',
    body: () => ({ email: 'redaktion@zeitung.example.org' }),
    allowed: everyone,
    ok: 202,
  },
  getPublicPressRelease: {
    method: 'GET',
    path: () => `/public/press-releases/${pressPublished.id}`,
    allowed: everyone,
    ok: 200,
  },
  pressFeedAtom: {
    method: 'GET',
    path: () => '/public/feeds/press-releases.atom',
    allowed: everyone,
    ok: 200,
  },
  pressFeedRss: {
    method: 'GET',
    path: () => '/public/feeds/press-releases.rss',
    allowed: everyone,
    ok: 200,
  },
  pressFeedJson: {
    method: 'GET',
    path: () => '/public/feeds/press-releases.json',
    allowed: everyone,
    ok: 200,
  },
  openPressListSubscription: {
    method: 'GET',
    path: () => '/public/press-list/subscription',
    allowed: everyone,
    ok: 200,
  },
  // Without a form body: reaching the route is the point (a sign-up would use up the quota).
  submitPressListSubscription: {
    method: 'POST',
    path: () => '/public/press-list/subscription',
    allowed: everyone,
    ok: 400,
  },
  listPublicSessions: {
    method: 'GET',
    path: () => '/public/bodies/imk/sessions',
    allowed: everyone,
    ok: 200,
  },
  publicSessionsCalendar: {
    method: 'GET',
    path: () => '/public/bodies/imk/sessions.ics',
    allowed: everyone,
    ok: 200,
  },
  getPublicSession: {
    method: 'GET',
    path: () => `/public/sessions/${sessionId}`,
    allowed: everyone,
    ok: 200,
  },
  openPressListConfirmation: {
    method: 'GET',
    path: () => '/links/press-list/confirm/forged.token',
    allowed: everyone,
    ok: 403,
  },
  confirmPressList: {
    method: 'POST',
    path: () => '/links/press-list/confirm/forged.token',
    allowed: everyone,
    ok: 403,
  },
  openPressListUnsubscribe: {
    method: 'GET',
    path: () => '/links/press-list/unsubscribe/forged.token',
    allowed: everyone,
    ok: 403,
  },
  unsubscribePressList: {
    method: 'POST',
    path: () => '/links/press-list/unsubscribe/forged.token',
    allowed: everyone,
    ok: 403,
  },
  oparlSystem: { method: 'GET', path: () => '/oparl/v1', allowed: everyone, ok: 200 },
  oparlBodies: { method: 'GET', path: () => '/oparl/v1/bodies', allowed: everyone, ok: 200 },
  oparlBody: { method: 'GET', path: () => '/oparl/v1/bodies/imk', allowed: everyone, ok: 200 },
  oparlOrganizations: {
    method: 'GET',
    path: () => '/oparl/v1/bodies/imk/organizations',
    allowed: everyone,
    ok: 200,
  },
  oparlOrganization: {
    method: 'GET',
    path: () => '/oparl/v1/organizations/imk',
    allowed: everyone,
    ok: 200,
  },
  oparlPeople: {
    method: 'GET',
    path: () => '/oparl/v1/bodies/imk/people',
    allowed: everyone,
    ok: 200,
  },
  oparlPerson: {
    method: 'GET',
    path: () => `/oparl/v1/bodies/imk/people/${minister}`,
    allowed: everyone,
    ok: 200,
  },
  oparlMembership: {
    method: 'GET',
    path: () => `/oparl/v1/bodies/imk/memberships/${minister}`,
    allowed: everyone,
    ok: 200,
  },
  oparlMeetings: {
    method: 'GET',
    path: () => '/oparl/v1/bodies/imk/meetings',
    allowed: everyone,
    ok: 200,
  },
  oparlMeeting: {
    method: 'GET',
    path: () => `/oparl/v1/meetings/${sessionId}`,
    allowed: everyone,
    ok: 200,
  },
  oparlLocation: {
    method: 'GET',
    path: () => `/oparl/v1/meetings/${sessionId}/location`,
    allowed: everyone,
    ok: 200,
  },
  oparlAgendaItem: {
    method: 'GET',
    path: () => `/oparl/v1/meetings/${sessionId}/agenda-items/${publicItem.id}`,
    allowed: everyone,
    ok: 200,
  },
  oparlPapers: {
    method: 'GET',
    path: () => '/oparl/v1/bodies/imk/papers',
    allowed: everyone,
    ok: 200,
  },
  oparlPaper: {
    method: 'GET',
    path: () => `/oparl/v1/papers/${released.id}`,
    allowed: everyone,
    ok: 200,
  },
  // Staff: admins everyone; a body's secretariat the member and press grants of its body
  // (test/integration/staff.test.ts); the chair, members and press not at all.
  listStaff: {
    method: 'GET',
    path: () => '/v1/staff',
    allowed: ['admin', 'secretariat', 'otherSecretariat'],
    ok: 200,
  },
  createStaff: {
    method: 'POST',
    path: () => '/v1/staff',
    body: () => ({
      email: `referat-${unique()}@de-by.example.org`,
      name: 'Referat Bayern',
      grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-BY' }],
    }),
    allowed: ['admin', 'secretariat'],
    ok: 201,
  },
  getStaff: {
    method: 'GET',
    path: () => `/v1/staff/${imkStaff.id}`,
    allowed: ['admin', 'secretariat'],
    ok: 200,
  },
  updateStaff: {
    method: 'PATCH',
    path: () => `/v1/staff/${imkStaff.id}`,
    body: () => ({
      grants: [
        { bodyId: 'imk', role: 'member', memberId: 'DE-HH' },
        { bodyId: 'imk', role: 'press' },
      ],
    }),
    headers: stale,
    allowed: ['admin', 'secretariat'],
    ok: 412,
  },
  removeStaff: {
    method: 'DELETE',
    path: () => `/v1/staff/${imkStaff.id}`,
    headers: stale,
    allowed: ['admin', 'secretariat'],
    ok: 412,
  },
  signOutStaff: {
    method: 'POST',
    path: () => `/v1/staff/${imkStaff.id}/sign-out`,
    allowed: ['admin', 'secretariat'],
    ok: 204,
  },
  getPublishedResolutionsPdf: {
    method: 'GET',
    path: () => `/public/sessions/${sessionId}/resolutions.pdf`,
    allowed: everyone,
    ok: 200,
  },
  getProtocolHtml: {
    method: 'GET',
    path: () => `${session()}/protocol.html`,
    allowed: resolutionReaders,
    ok: 200,
  },
  getProtocolPdf: {
    method: 'GET',
    path: () => `${session()}/protocol.pdf`,
    allowed: resolutionReaders,
    ok: 200,
  },
  // The seeded session has not taken place: the chair (or an admin) is refused only for that.
  approveProtocol: {
    method: 'POST',
    path: () => `${session()}/protocol/approval`,
    allowed: ['admin', 'chair'],
    ok: 422,
  },
};

describe('Role matrix: every route × every role', async () => {
  const document = (await (await app.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, { operationId: string; security: unknown[] }>>;
  };
  const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));

  it('has an entry for every route of the OpenAPI document, and no other', () => {
    expect(operations.map((o) => o.operationId).sort()).toEqual(Object.keys(matrix).sort());
  });

  for (const operation of operations) {
    const entry = matrix[operation.operationId];
    it(`${operation.operationId}: answers each role as the policy says`, async () => {
      if (entry === undefined)
        throw new Error(`${operation.operationId} is missing from the matrix`);
      const staff = operation.security.length > 0;
      if (staff) {
        const anonymous = await app.request(entry.path(), { method: entry.method });
        expect(anonymous.status, 'without a token').toBe(401);
      }
      for (const [name, claims] of Object.entries(callers) as [
        Caller,
        (typeof callers)[Caller],
      ][]) {
        const client = httpClient(
          app,
          await issuer.sign({ role: claims.role, bodies: [...claims.bodies] }),
        );
        const response = await client.raw(
          entry.method,
          entry.path(),
          entry.body?.(),
          entry.headers,
        );
        const expected = entry.allowed.includes(name) ? entry.ok : 403;
        expect(
          response.status,
          `${name} → ${entry.method} ${entry.path()}: ${response.text.slice(0, 200)}`,
        ).toBe(expected);
      }
    });
  }
});
