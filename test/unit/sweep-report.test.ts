import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportSweepFailures } from '../../shared/observability/sweep-report.js';

/** Every JSON line the logger and the metrics wrote to standard output or error. */
const captureStdout = () => {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) {
      if (line.trim().startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return lines;
};

describe('Function: reportSweepFailures', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('logs each skipped item with its sweep and id, and counts them per sweep in EMF', () => {
    // Prepare
    const lines = captureStdout();
    const logger = new Logger({ serviceName: 'scheduled-jobs', logLevel: 'INFO' });
    const metrics = new Metrics({ namespace: 'ConferenceCoordination', serviceName: 'jobs' });

    // Act
    reportSweepFailures(logger, metrics, [
      { sweep: 'releases', id: '01A', error: 'TypeError: reports.map is not a function' },
      { sweep: 'releases', id: '01B', error: "NotFoundError: Body 'x' was not found." },
      { sweep: 'procedures', id: '01C', error: 'ValidationException: Item size too large' },
    ]);

    metrics.publishStoredMetrics();

    // Assess
    const logged = lines.filter((line) => line.message === 'sweep item failed');
    expect(logged.map((line) => `${line.sweep}:${line.itemId}`)).toEqual([
      'releases:01A',
      'releases:01B',
      'procedures:01C',
    ]);
    expect(logged[0]?.level).toBe('ERROR');
    const emf = lines.filter((line) => line._aws !== undefined);
    const counts = Object.fromEntries(
      emf.map((line) => [line.sweep ?? 'total', line.SweepItemFailed]),
    );
    expect(counts).toEqual({ releases: 2, procedures: 1, total: 3 });
    expect(emf.find((line) => line.sweep === undefined)).toMatchObject({ service: 'jobs' });
  });

  it('writes nothing when no item failed', () => {
    const lines = captureStdout();
    reportSweepFailures(new Logger({ serviceName: 't' }), new Metrics({ namespace: 'N' }), []);
    expect(lines).toEqual([]);
  });
});
