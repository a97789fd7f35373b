import type { SESReceipt } from 'aws-lambda';
import {
  type MailVerdicts,
  type VerdictName,
  VerdictStatusSchema,
} from '../../domain/mail-authentication.js';

/**
 * SES's verdicts from a receipt, SPF included. A verdict the receipt leaves
 * out, or one with a status SES does not document, stays absent, which the
 * domain treats as not passed.
 *
 * @example
 * ```ts
 * sesVerdicts(event.Records[0].ses.receipt); // { dkim: 'PASS', dmarc: 'GRAY', spf: 'PASS', … }
 * ```
 */
export const sesVerdicts = (receipt: Partial<SESReceipt>): MailVerdicts => {
  const reported: Record<VerdictName, { status?: unknown } | undefined> = {
    dkim: receipt.dkimVerdict,
    dmarc: receipt.dmarcVerdict,
    spf: receipt.spfVerdict,
    spam: receipt.spamVerdict,
    virus: receipt.virusVerdict,
  };
  const verdicts: MailVerdicts = {};
  for (const [name, verdict] of Object.entries(reported) as [VerdictName, typeof reported.dkim][]) {
    const status = VerdictStatusSchema.safeParse(verdict?.status);
    if (status.success) verdicts[name] = status.data;
  }
  return verdicts;
};
