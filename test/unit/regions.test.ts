import { describe, expect, it } from 'vitest';
import {
  defaultRegion,
  isSesReceivingRegion,
  sesReceivingRegionProblem,
  sesReceivingRegions,
} from '../../infra/regions.js';

describe('Unit: SES receiving regions', () => {
  it('defaults to Frankfurt, where SES receives mail', () => {
    // Act
    const problem = sesReceivingRegionProblem(defaultRegion);

    // Assess
    expect(defaultRegion).toBe('eu-central-1');
    expect(problem).toBeUndefined();
  });

  it.each(['eu-central-1', 'eu-west-1', 'us-east-1', 'ap-southeast-2'])('accepts %s', (region) => {
    // Act & Assess
    expect(isSesReceivingRegion(region)).toBe(true);
    expect(sesReceivingRegionProblem(region)).toBeUndefined();
  });

  it.each(['eu-central-2', 'ap-south-2', 'me-central-1', 'ca-west-1', 'us-gov-west-1'])(
    'refuses %s, where SES sends but does not receive',
    (region) => {
      // Act
      const problem = sesReceivingRegionProblem(region);

      // Assess
      expect(isSesReceivingRegion(region)).toBe(false);
      expect(problem).toContain(`Region '${region}' cannot be used`);
      expect(problem).toContain('replies to invitations would never arrive');
      expect(problem).toContain('-c region=eu-central-1');
    },
  );

  it('names every region it would accept in the refusal', () => {
    // Act
    const problem = sesReceivingRegionProblem('eu-central-2') ?? '';

    // Assess
    for (const region of sesReceivingRegions) expect(problem).toContain(region);
  });

  it.each(['frankfurt', 'EU-CENTRAL-1', 'eu-central', ''])(
    'says that %j is no region name at all',
    (value) => {
      // Act
      const problem = sesReceivingRegionProblem(value);

      // Assess
      expect(problem).toMatch(/is not an AWS region name: pass -c region=eu-central-1/);
    },
  );

  it('lists each region once, all of them well-formed', () => {
    // Assess
    expect(new Set(sesReceivingRegions).size).toBe(sesReceivingRegions.length);
    for (const region of sesReceivingRegions) expect(region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
  });
});
