import type { UseCaseDeps } from './context.js';

/** What the malware scan of a stored object found (GuardDuty Malware Protection for S3's words). */
export type ScanResultStatus =
  | 'NO_THREATS_FOUND'
  | 'THREATS_FOUND'
  | 'UNSUPPORTED'
  | 'ACCESS_DENIED'
  | 'FAILED';

export interface ScanResult {
  /** The scanned object's key in the papers bucket. */
  objectKey: string;
  status: ScanResultStatus;
  /** The names of the threats found, if any. */
  threats?: string[] | undefined;
}

/**
 * Records the scan result of an uploaded paper: a clean paper is shared, a
 * threat quarantines it and tells the uploader and the secretariat.
 */
export const recordPaperScan = async (_deps: UseCaseDeps, _result: ScanResult): Promise<void> => {
  throw new Error('recordPaperScan: in progress');
};
