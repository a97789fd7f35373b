import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lambdaContext, schedulerInvocation } from '../../events/events.js';
import { captureOutput, metricSum } from '../../fixtures/lambda-output.js';

const ddb = mockClient(DynamoDBDocumentClient);
const context = lambdaContext('conference-prod-ScheduledJobsFunction');

let handler: typeof import('../../../functions/events/scheduled-jobs.js')['handler'];

describe('Function: scheduled-jobs handler', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      TABLE_NAME: 'table',
      AWS_REGION: 'eu-central-1',
      LOG_LEVEL: 'INFO',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    });
    ({ handler } = await import('../../../functions/events/scheduled-jobs.js'));
  });

  beforeEach(() => {
    ddb.reset();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs every sweep on the Scheduler’s invocation and counts the run under its service', async () => {
    // Prepare: nothing is due.
    ddb.resolves({ Items: [] });
    const output = captureOutput();

    // Act
    const result = await handler(schedulerInvocation(), context);

    // Assess
    expect(result.failures).toEqual([]);
    expect(ddb.calls().length).toBeGreaterThan(0);
    const emf = output.metrics();
    // The ScheduledJobsStopped alarm selects this metric with service = scheduled-jobs.
    expect(metricSum(emf, 'ScheduledJobsRun', { service: 'scheduled-jobs' })).toBe(1);
    expect(metricSum(emf, 'ColdStart', { service: 'scheduled-jobs' })).toBe(1);
    expect(metricSum(emf, 'SweepItemFailed')).toBe(0);
  });

  it('completes the run when every sweep fails, and logs and counts each one', async () => {
    // Prepare: the table refuses every request; the Scheduler sent an empty input.
    ddb.rejects(new Error('Service unavailable'));
    const output = captureOutput();

    // Act
    const result = await handler({}, context);

    // Assess
    const sweeps = result.failures.map((failure) => failure.sweep);
    expect(sweeps).toEqual(expect.arrayContaining(['press', 'reminders', 'releases', 'outbox']));
    expect(output.logged('sweep item failed')).toHaveLength(result.failures.length);
    const emf = output.metrics();
    expect(metricSum(emf, 'SweepItemFailed', { sweep: 'releases' })).toBe(1);
    expect(metricSum(emf, 'ScheduledJobsRun', { service: 'scheduled-jobs' })).toBe(1);
    expect(output.logged('scheduled jobs')[0]).toMatchObject({
      function_name: 'conference-prod-ScheduledJobsFunction',
    });
  });
});
