import type { ObjectStore } from '../ports/object-store.js';
import type { UseCaseDeps } from './context.js';
import { type EscalationSweepResult, sweepEscalations } from './escalation.js';
import { sweepNotices } from './invitations.js';
import { type OutboxSweepResult, sweepOutbox } from './outbox.js';
import { sweepPaperNotices, sweepPaperRetention } from './paper-sweeps.js';
import { type PressJobsResult, runPressJobs } from './press-list.js';
import { type ReminderSweepResult, sendDueReminders } from './reminders.js';
import { settleDueReleases } from './resolutions.js';
import { type SweepFailure, sweepOnItsOwn } from './sweep.js';
import { type ProcedureSweepResult, sweepWrittenProcedures } from './written-procedures.js';

export interface ScheduledJobsResult {
  reminders: ReminderSweepResult;
  /** Escalation steps taken for members who did not answer a short-notice session or an exercise. */
  escalations: EscalationSweepResult;
  procedures: ProcedureSweepResult;
  /** Releases settled because their objection period ended. */
  releases: number;
  /** Press releases published at their embargo, and press list mails queued. */
  press: PressJobsResult;
  /** Sessions whose change was announced to the rest of their invitees. */
  notices: number;
  /** Outbox entries sent again, given up, or marked unknown. */
  outbox: OutboxSweepResult;
  /** "Unterlagen nachgereicht" mails queued, and papers deleted at the end of their retention. */
  papers: { mails: number; deleted: number };
  /** Items a sweep could not handle this run; each was skipped, the rest went on. */
  failures: SweepFailure[];
}

/**
 * Every time-driven step of the product, run by EventBridge Scheduler in AWS
 * and by the scheduler loop locally: invitation reminders and escalations, written
 * procedures' reminders and deadlines, releases whose objection period
 * ended, press releases whose embargo has come and the press list's mails.
 * Each step is guarded by versions, so runs may overlap or repeat. Each
 * sweep, and each item within it, runs on its own: a failing item is
 * reported in `failures` and skipped, and everything else still runs.
 */
export const runScheduledJobs = async (
  deps: UseCaseDeps & { objects?: ObjectStore | undefined },
): Promise<ScheduledJobsResult> => {
  const failures: SweepFailure[] = [];
  // Press first: an embargo is the one deadline the public can see being missed.
  const press = await sweepOnItsOwn(
    'press',
    () => runPressJobs(deps, undefined, failures),
    { published: 0, mailed: 0 },
    failures,
  );
  const notices = await sweepOnItsOwn('notices', () => sweepNotices(deps, failures), 0, failures);
  const reminders = await sweepOnItsOwn(
    'reminders',
    () => sendDueReminders(deps, undefined, failures),
    { sessions: 0, reminders: 0 },
    failures,
  );
  const escalations = await sweepOnItsOwn(
    'escalations',
    () => sweepEscalations(deps, undefined, failures),
    { steps: 0, invited: 0 },
    failures,
  );
  const procedures = await sweepOnItsOwn(
    'procedures',
    () => sweepWrittenProcedures(deps, undefined, failures),
    { closed: 0, reminders: 0 },
    failures,
  );
  const releases = await sweepOnItsOwn(
    'releases',
    () => settleDueReleases(deps, failures),
    0,
    failures,
  );
  const outbox = await sweepOnItsOwn(
    'outbox',
    () => sweepOutbox(deps, failures),
    { redriven: 0, failed: 0, unknown: 0 },
    failures,
  );
  const mails = await sweepOnItsOwn('papers', () => sweepPaperNotices(deps, failures), 0, failures);
  const { objects } = deps;
  const deleted =
    objects === undefined
      ? 0
      : await sweepOnItsOwn(
          'papers',
          () => sweepPaperRetention({ ...deps, objects }, failures),
          0,
          failures,
        );
  return {
    notices,
    reminders,
    escalations,
    procedures,
    releases,
    press,
    outbox,
    papers: { mails, deleted },
    failures,
  };
};

/** True when a run did anything worth logging. */
export const didWork = (result: ScheduledJobsResult) =>
  result.notices > 0 ||
  result.reminders.reminders > 0 ||
  result.escalations.steps > 0 ||
  result.procedures.closed > 0 ||
  result.procedures.reminders > 0 ||
  result.releases > 0 ||
  result.press.published > 0 ||
  result.press.mailed > 0 ||
  result.outbox.redriven + result.outbox.failed + result.outbox.unknown > 0 ||
  result.papers.mails + result.papers.deleted > 0 ||
  result.failures.length > 0;
