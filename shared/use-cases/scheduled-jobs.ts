import type { UseCaseDeps } from './context.js';
import { type PressJobsResult, runPressJobs } from './press-list.js';
import { type ReminderSweepResult, sendDueReminders } from './reminders.js';
import { settleDueReleases } from './resolutions.js';
import { type ProcedureSweepResult, sweepWrittenProcedures } from './written-procedures.js';

export interface ScheduledJobsResult {
  reminders: ReminderSweepResult;
  procedures: ProcedureSweepResult;
  /** Releases settled because their objection period ended. */
  releases: number;
  /** Press releases published at their embargo, and press list mails queued. */
  press: PressJobsResult;
}

/**
 * Every time-driven step of the product, run by EventBridge Scheduler in AWS
 * and by the scheduler loop locally: invitation reminders, written
 * procedures' reminders and deadlines, releases whose objection period
 * ended, press releases whose embargo has come and the press list's mails. Each step is guarded by versions, so runs may overlap or repeat.
 */
export const runScheduledJobs = async (deps: UseCaseDeps): Promise<ScheduledJobsResult> => ({
  reminders: await sendDueReminders(deps),
  procedures: await sweepWrittenProcedures(deps),
  releases: await settleDueReleases(deps),
  press: await runPressJobs(deps),
});

/** True when a run did anything worth logging. */
export const didWork = (result: ScheduledJobsResult) =>
  result.reminders.reminders > 0 ||
  result.procedures.closed > 0 ||
  result.procedures.reminders > 0 ||
  result.releases > 0 ||
  result.press.published > 0 ||
  result.press.mailed > 0;
