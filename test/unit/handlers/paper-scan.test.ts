import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardDutyScanResult, lambdaContext } from '../../events/events.js';
import { captureOutput, metricSum } from '../../fixtures/lambda-output.js';

// The use case is the papers domain's; here only what the handler hands it is checked.
const recordPaperScan = vi.hoisted(() => vi.fn());
vi.mock('../../../shared/use-cases/paper-scan.js', () => ({ recordPaperScan }));

const context = lambdaContext('conference-prod-PaperScanFunction');
const bucket = 'conference-prod-paperspapersbucket-1x2y3z4a5b6c';

/** The recorded scan result with another status and threats. */
const withResult = (
  scanResultStatus: 'THREATS_FOUND' | 'NO_THREATS_FOUND' | 'UNSUPPORTED',
  threats: { name: string }[] | null,
) => {
  const event = guardDutyScanResult();
  event.detail.scanResultDetails = { scanResultStatus, threats };
  return event;
};

let handler: typeof import('../../../functions/events/paper-scan.js')['handler'];

describe('Function: paper-scan handler', () => {
  beforeAll(async () => {
    Object.assign(process.env, {
      TABLE_NAME: 'table',
      AWS_REGION: 'eu-central-1',
      PAPERS_BUCKET: bucket,
      LOG_LEVEL: 'INFO',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    });
    ({ handler } = await import('../../../functions/events/paper-scan.js'));
  });

  beforeEach(() => {
    recordPaperScan.mockReset();
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('hands a clean result to the use case with the object’s key and no threats', async () => {
    // Prepare
    recordPaperScan.mockResolvedValue('recorded');
    const output = captureOutput();

    // Act
    await handler(guardDutyScanResult(), context);

    // Assess
    expect(recordPaperScan).toHaveBeenCalledTimes(1);
    expect(recordPaperScan.mock.calls[0]?.[1]).toEqual({
      objectKey: 'uploads/imk/01JQ8Z6M4K3T9V2W5X7Y8Z0A1B',
      status: 'NO_THREATS_FOUND',
    });
    expect(output.logged('paper scan recorded')).toEqual([
      expect.objectContaining({
        status: 'NO_THREATS_FOUND',
        outcome: 'recorded',
        function_request_id: context.awsRequestId,
      }),
    ]);
    expect(metricSum(output.metrics(), 'PaperScanned')).toBe(1);
  });

  it('names the threats GuardDuty found and counts them apart', async () => {
    recordPaperScan.mockResolvedValue(undefined);
    const output = captureOutput();

    await handler(
      withResult('THREATS_FOUND', [
        { name: 'EICAR-Test-File (not a virus)' },
        { name: 'Trojan.X' },
      ]),
      context,
    );

    expect(recordPaperScan.mock.calls[0]?.[1]).toEqual({
      objectKey: 'uploads/imk/01JQ8Z6M4K3T9V2W5X7Y8Z0A1B',
      status: 'THREATS_FOUND',
      threats: ['EICAR-Test-File (not a virus)', 'Trojan.X'],
    });
    expect(metricSum(output.metrics(), 'PaperThreatFound')).toBe(1);
    expect(metricSum(output.metrics(), 'PaperScanned')).toBe(0);
  });

  it('gives the use case the table and the papers bucket to work with', async () => {
    recordPaperScan.mockResolvedValue(undefined);
    captureOutput();

    await handler(withResult('UNSUPPORTED', null), context);

    const deps = recordPaperScan.mock.calls[0]?.[0];
    expect(deps).toEqual(
      expect.objectContaining({ repo: expect.anything(), clock: expect.anything() }),
    );
    expect(deps.objects).toMatchObject({ bucket });
  });

  it('leaves a result of another bucket alone', async () => {
    const event = guardDutyScanResult();
    event.detail.s3ObjectDetails.bucketName = 'someone-elses-bucket';
    const output = captureOutput();

    await handler(event, context);

    expect(recordPaperScan).not.toHaveBeenCalled();
    expect(output.logged('scan result of another bucket ignored')).toHaveLength(1);
  });

  it('refuses an event of another shape before the use case sees it', async () => {
    captureOutput();
    const event = { ...guardDutyScanResult(), 'detail-type': 'Object Created' };

    await expect(handler(event as never, context)).rejects.toMatchObject({ name: 'ParseError' });
    expect(recordPaperScan).not.toHaveBeenCalled();
  });

  it('fails the invocation when the use case fails, so that Lambda retries and then the failed-events queue takes it', async () => {
    recordPaperScan.mockRejectedValue(new Error('table unreachable'));
    captureOutput();

    await expect(handler(guardDutyScanResult(), context)).rejects.toThrow('table unreachable');
  });
});
