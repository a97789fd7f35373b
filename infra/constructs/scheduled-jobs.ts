import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ApiFunction } from './api-function.js';
import type { DataTable } from './data-table.js';

export interface ScheduledJobsProps {
  data: DataTable;
  /** Where a run that failed after its retries is kept, for the alarm. */
  failedEvents: IQueue;
  stage: string;
  /** How often the jobs run; the reminder sweep is safe to repeat. */
  every?: Duration;
}

/**
 * The scheduled jobs function and the EventBridge Scheduler schedule that
 * invokes it. One recurring sweep instead of a one-time schedule per
 * reminder: moving a deadline or cancelling a session needs no schedule to
 * be found and changed, and a missed run is made up by the next.
 */
export class ScheduledJobs extends Construct {
  readonly function: ApiFunction;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    this.function = new ApiFunction(this, 'Function', {
      entry: 'functions/events/scheduled-jobs.ts',
      description: 'Scheduled jobs: reminders, written-procedure deadlines, releases',
      stage: props.stage,
      timeout: Duration.seconds(60),
      environment: { TABLE_NAME: props.data.table.tableName },
    });
    props.data.grantReadWriteData(this.function.function);
    const invoker = new Role(this, 'SchedulerRole', {
      // Only on behalf of this account (no confused deputy).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    invoker.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.function.function.functionArn],
      }),
    );
    props.failedEvents.grantSendMessages(invoker);
    const minutes = (props.every ?? Duration.minutes(1)).toMinutes();
    new CfnSchedule(this, 'Schedule', {
      description: 'Runs the scheduled jobs: reminders, deadlines, releases, embargoes',
      scheduleExpression: `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.function.function.functionArn,
        roleArn: invoker.roleArn,
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 300 },
        deadLetterConfig: { arn: props.failedEvents.queueArn },
      },
    });
  }
}
