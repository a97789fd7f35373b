import { msg } from '../domain/messages.js';
import { isShareable, type PaperVersion, type ScanState } from '../domain/paper.js';
import type { Change } from '../ports/conference-repository.js';
import type { ObjectStore } from '../ports/object-store.js';
import { auditEntry, nextVersion, retryLostRaces, type UseCaseDeps } from './context.js';
import { noticeChanges, quarantineAudit, quarantineChanges } from './papers.js';

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

const scanStates: Record<ScanResultStatus, ScanState> = {
  NO_THREATS_FOUND: 'clean',
  THREATS_FOUND: 'threat',
  UNSUPPORTED: 'failed',
  ACCESS_DENIED: 'failed',
  FAILED: 'failed',
};

/** What became of a scan result, for the handler's log. */
export type ScanOutcome = 'recorded' | 'repeated' | 'not-a-paper' | 'unknown-paper';

const scanActor = {
  principal: { subject: 'malware-scan', email: undefined, roles: [], bodies: [] },
};

/**
 * Records the scan result of an attached paper's file
 * (`papers/<body>/<session>/<paper>/<version>`): a clean file is shared (and
 * the "Unterlagen nachgereicht" mails scheduled), a threat quarantines it and
 * tells the uploader and the secretariat, anything else keeps it unshared.
 * A result that comes again changes nothing; results for fresh uploads
 * (`uploads/…`) are not needed, since a file is scanned again once attached.
 *
 * @example
 * ```ts
 * await recordPaperScan(deps, { objectKey: 'papers/imk/01J…/01J…/1', status: 'NO_THREATS_FOUND' });
 * ```
 */
export const recordPaperScan = async (
  deps: UseCaseDeps & { objects: ObjectStore },
  result: ScanResult,
): Promise<ScanOutcome> => {
  const parts = result.objectKey.split('/');
  if (parts.length !== 5 || parts[0] !== 'papers') return 'not-a-paper';
  const [, , sessionId = '', paperId = '', number = ''] = parts;
  return retryLostRaces(async () => {
    const [paper, session] = await Promise.all([
      deps.repo.getPaper(sessionId, paperId),
      deps.repo.getSession(sessionId),
    ]);
    const version = paper?.versions.find((candidate) => String(candidate.number) === number);
    if (paper === undefined || session === undefined || version === undefined) {
      return 'unknown-paper';
    }
    if (version.scan !== 'pending') return 'repeated';
    const now = deps.clock.now().toISOString();
    const scan = scanStates[result.status];
    const scanned: PaperVersion = {
      ...version,
      scan,
      scannedAt: now,
      ...(result.threats !== undefined && result.threats.length > 0
        ? { threats: result.threats }
        : {}),
      ...(isShareable(scan) ? { sharedAt: now } : {}),
    };
    const after = {
      ...nextVersion(deps, paper),
      versions: paper.versions.map((candidate) =>
        candidate.number === version.number ? scanned : candidate,
      ),
    };
    const changes: Change[] = [
      { type: 'paper', op: 'replace', paper: after, expectedVersion: paper.version },
      ...(isShareable(scan) ? await noticeChanges(deps, session) : []),
      ...(scan === 'threat' ? await quarantineChanges(deps, after, scanned) : []),
    ];
    await deps.repo.commit(changes, [
      scan === 'threat'
        ? quarantineAudit(deps, after, scanned)
        : {
            ...auditEntry(
              deps,
              scanActor,
              scan === 'clean' ? 'paper.scan-clean' : 'paper.scan-failed',
              'paper',
              paper.id,
              paper.bodyId,
              paper,
              after,
            ),
          },
    ]);
    return 'recorded';
  }, msg('paper.busy'));
};
