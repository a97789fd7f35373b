import { isActive } from '../domain/invitation.js';
import type { Paper, PaperNoticeJob } from '../domain/paper.js';
import type { Change } from '../ports/conference-repository.js';
import type { ObjectStore } from '../ports/object-store.js';
import { auditEntry, nextVersion, systemActor, type UseCaseDeps } from './context.js';
import { readerOf, visiblePapers } from './papers.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';

/** At most one "Unterlagen nachgereicht" mail per person and hour. */
export const paperNoticeIntervalMs = 60 * 60_000;

/**
 * Sends the due "Unterlagen nachgereicht" mails of one session: each active
 * invitee gets one mail naming the papers they may see
 * that were shared since their last mail (invitation or papers), unless they
 * had a papers mail within the hour; then the job waits for the earliest of
 * them. Each invitee's mail and the note of when it was queued are one
 * transaction guarded by the invitation's version, so a repeated run mails
 * nobody twice.
 */
const runPaperNotice = async (deps: UseCaseDeps, job: PaperNoticeJob): Promise<number> => {
  const [session, invitations, papers, agenda] = await Promise.all([
    deps.repo.getSession(job.sessionId),
    deps.repo.listInvitations(job.sessionId),
    deps.repo.listPapers(job.sessionId),
    deps.repo.listAgenda(job.sessionId),
  ]);
  const body =
    session === undefined ? undefined : await deps.repo.getBodyWithMembers(session.bodyId);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  let queued = 0;
  let waitUntil: string | undefined;
  if (session !== undefined && body !== undefined && session.state !== 'cancelled') {
    for (const invitation of invitations) {
      if (!isActive(invitation)) continue;
      // Its invitation mail (queued with it) listed every paper shared by then.
      const since = invitation.papersMailedAt ?? invitation.createdAt;
      const fresh = visiblePapers(papers, agenda, readerOf(body, invitation.email)).filter(
        ({ version }) => version.sharedAt !== undefined && version.sharedAt > since,
      );
      if (fresh.length === 0) continue;
      if (invitation.papersMailedAt !== undefined) {
        const allowedAt = new Date(
          Date.parse(invitation.papersMailedAt) + paperNoticeIntervalMs,
        ).toISOString();
        if (allowedAt > nowIso) {
          waitUntil = waitUntil === undefined || allowedAt < waitUntil ? allowedAt : waitUntil;
          continue;
        }
      }
      const after = { ...nextVersion(deps, invitation), papersMailedAt: nowIso };
      await deps.repo.commit(
        [
          {
            type: 'invitation',
            op: 'replace',
            invitation: after,
            expectedVersion: invitation.version,
          },
          {
            type: 'outbox',
            op: 'create',
            entry: {
              id: `papers-${invitation.id}-${now.getTime()}`,
              state: 'queued',
              attempts: 0,
              createdAt: nowIso,
              updatedAt: nowIso,
              kind: 'papers-added',
              sessionId: session.id,
              invitationId: invitation.id,
              since,
              upTo: nowIso,
            },
          },
        ],
        [],
      );
      queued += 1;
    }
  }
  const next: Change =
    waitUntil === undefined
      ? { type: 'paper-notice-job', op: 'delete', job, expectedVersion: job.version }
      : {
          type: 'paper-notice-job',
          op: 'replace',
          job: { ...nextVersion(deps, job), dueAt: waitUntil },
          expectedVersion: job.version,
        };
  await deps.repo.commit([next], []);
  return queued;
};

/** Runs every due "Unterlagen nachgereicht" job; a failing session is skipped and reported. */
export const sweepPaperNotices = async (
  deps: UseCaseDeps,
  failures: SweepFailure[] = [],
): Promise<number> => {
  const jobs = await deps.repo.listDuePaperNoticeJobs(deps.clock.now().toISOString());
  let mails = 0;
  await eachOnItsOwn(
    'papers',
    jobs,
    (job) => job.sessionId,
    async (job) => {
      mails += await runPaperNotice(deps, job);
    },
    failures,
  );
  return mails;
};

/** Papers deleted per run at most; the rest follow in the next run. */
const retentionBatch = 50;

/**
 * Deletes the files of papers whose retention period ended (session date plus
 * the body's months) and that are not kept: every version's object goes, the
 * paper's record stays marked as deleted, and the deletion is audited. The
 * store's lifecycle rules delete the same objects later in any case.
 */
export const sweepPaperRetention = async (
  deps: UseCaseDeps & { objects: ObjectStore },
  failures: SweepFailure[] = [],
): Promise<number> => {
  const now = deps.clock.now().toISOString();
  const due = await deps.repo.listPapersDueForDeletion(now, retentionBatch);
  let deleted = 0;
  await eachOnItsOwn(
    'papers',
    due,
    (paper) => paper.id,
    async (paper) => {
      const current = await deps.repo.getPaper(paper.sessionId, paper.id);
      if (current === undefined || current.deletedAt !== undefined || current.keep === true) return;
      if (current.deleteAfter > now) return;
      for (const version of current.versions) await deps.objects.remove(version.objectKey);
      const after: Paper = { ...nextVersion(deps, current), deletedAt: now };
      await deps.repo.commit(
        [{ type: 'paper', op: 'replace', paper: after, expectedVersion: current.version }],
        [
          auditEntry(
            deps,
            systemActor,
            'paper.delete',
            'paper',
            current.id,
            current.bodyId,
            current,
            after,
          ),
        ],
      );
      deleted += 1;
    },
    failures,
  );
  return deleted;
};
