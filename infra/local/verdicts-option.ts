import {
  type MailVerdicts,
  type VerdictName,
  VerdictStatusSchema,
  verdictNames,
} from '../../shared/domain/mail-authentication.js';

/**
 * The verdicts a message fed in by `npm run inbound` carries: PASS for every
 * check, as SES would give a well-authenticated reply, changed by
 * `--verdicts dkim=FAIL,dmarc=GRAY,…`. Throws with a one-line explanation on
 * an unknown check or status.
 *
 * @example
 * ```ts
 * localVerdicts('dmarc=GRAY'); // { dkim: 'PASS', dmarc: 'GRAY', spf: 'PASS', spam: 'PASS', virus: 'PASS' }
 * ```
 */
export const localVerdicts = (option: string | undefined): MailVerdicts => {
  const verdicts: MailVerdicts = Object.fromEntries(verdictNames.map((name) => [name, 'PASS']));
  for (const pair of (option ?? '').split(',').filter((part) => part.trim() !== '')) {
    const [name = '', status = ''] = pair.split('=').map((part) => part.trim());
    if (!(verdictNames as readonly string[]).includes(name.toLowerCase())) {
      throw new Error(`--verdicts: unknown check '${name}' (use ${verdictNames.join(', ')})`);
    }
    const parsed = VerdictStatusSchema.safeParse(status.toUpperCase());
    if (!parsed.success) {
      throw new Error(
        `--verdicts: unknown status '${status}' for ${name} (use ${VerdictStatusSchema.options.join(', ')})`,
      );
    }
    verdicts[name.toLowerCase() as VerdictName] = parsed.data;
  }
  return verdicts;
};
