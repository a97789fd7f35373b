import { describe, expect, it } from 'vitest';
import {
  lifecycleExpirationDays,
  paperRetentionClass,
  retentionClasses,
  retentionDeletionDate,
  uploadLeadDays,
} from '../../shared/domain/retention.js';

describe('Unit: retention classes', () => {
  it('deletes a paper through S3 never before the sweep, even when it was uploaded a year before its session', () => {
    for (const [retention, months] of [
      ['papers-6m', 6],
      ['papers-12m', 12],
      ['papers-24m', 24],
      ['papers-60m', 60],
    ] as const) {
      // Prepare: a paper uploaded `uploadLeadDays` before a session on the last day of a long month
      const session = new Date('2027-08-31T10:00:00Z');
      const uploaded = new Date(session.getTime() - uploadLeadDays * 86_400_000);

      // Act
      const days = lifecycleExpirationDays(retention) ?? 0;
      const s3Deletes = new Date(uploaded.getTime() + days * 86_400_000);

      // Assess
      expect(s3Deletes.getTime(), retention).toBeGreaterThanOrEqual(
        retentionDeletionDate(session, months).getTime(),
      );
    }
  });

  it('keeps protocols ten years, quarantine 30 days, and has no rule for keep', () => {
    expect(lifecycleExpirationDays('protocol-10y')).toBe(3660);
    expect(lifecycleExpirationDays('quarantine')).toBe(30);
    expect(lifecycleExpirationDays('keep')).toBeUndefined();
    expect(retentionClasses).toHaveLength(7);
  });

  it('picks the shortest paper class that keeps a body’s period', () => {
    expect(paperRetentionClass(0)).toBe('papers-6m');
    expect(paperRetentionClass(6)).toBe('papers-6m');
    expect(paperRetentionClass(7)).toBe('papers-12m');
    expect(paperRetentionClass(36)).toBe('papers-60m');
    expect(paperRetentionClass(61)).toBe('keep');
  });

  it('counts calendar months from the session, to the month’s last day when the day is missing', () => {
    expect(retentionDeletionDate('2027-03-03T10:00:00+01:00', 6).toISOString()).toBe(
      '2027-09-03T09:00:00.000Z',
    );
    expect(retentionDeletionDate('2027-08-31T10:00:00Z', 6).toISOString()).toBe(
      '2028-02-29T10:00:00.000Z',
    );
    expect(retentionDeletionDate('2027-01-31T10:00:00Z', 1).toISOString()).toBe(
      '2027-02-28T10:00:00.000Z',
    );
    expect(() => retentionDeletionDate('gestern', 6)).toThrow(RangeError);
    expect(() => retentionDeletionDate('2027-01-31', 1.5)).toThrow(RangeError);
  });
});
