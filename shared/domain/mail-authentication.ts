import * as z from 'zod/mini';

/** The status SES gives each check of a received message. */
export const VerdictStatusSchema = z.enum([
  'PASS',
  'FAIL',
  'GRAY',
  'PROCESSING_FAILED',
  'DISABLED',
]);
export type VerdictStatus = z.infer<typeof VerdictStatusSchema>;

/** The checks SES runs on a received message. */
export const verdictNames = ['dkim', 'dmarc', 'spf', 'spam', 'virus'] as const;
export type VerdictName = (typeof verdictNames)[number];

/** SES's verdicts on one message; a check SES did not report is absent. */
export type MailVerdicts = Partial<Record<VerdictName, VerdictStatus>>;

/** What authenticating a message looks at. */
export interface Authorship {
  /** The mailboxes of each From header, lower-cased: one list per header. */
  fromHeaders: string[][];
  /** The signing domain (d=) of each DKIM-Signature header, lower-cased. */
  dkimDomains: string[];
  /** SES's verdicts in AWS, those given to `npm run inbound` locally; absent, nothing is believed. */
  verdicts?: MailVerdicts | undefined;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const bare = (domain: string) => domain.trim().toLowerCase().replace(/\.$/, '');

/**
 * Relaxed DKIM alignment, judged without the public suffix list: the signing
 * domain is the From domain, or one of the two is a subdomain of the other.
 * A bare top-level domain never aligns; sibling subdomains (a.land.de,
 * b.land.de) do not either, which errs on the side of review.
 *
 * @example
 * ```ts
 * alignedDomains('land.example.org', 'mail.land.example.org'); // true
 * alignedDomains('mailer.example.net', 'land.example.org'); // false
 * ```
 */
export const alignedDomains = (signingDomain: string, fromDomain: string): boolean => {
  const [a, b] = [bare(signingDomain), bare(fromDomain)];
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return shorter.includes('.') && longer.endsWith(`.${shorter}`);
};

const named = (verdicts: MailVerdicts, names: readonly VerdictName[]) =>
  names.map((name) => `${name} ${verdicts[name] ?? 'missing'}`).join(', ');

/**
 * Why a message does not prove who wrote it, or `undefined` when it does.
 * A message is believed when SES found no spam or virus, it names exactly one
 * author (one From header with one mailbox), and either DMARC passed or DKIM
 * passed with every signature aligned with the From domain. SES does not say
 * which signature passed, so one unaligned signature beside an aligned one is
 * no proof. SPF is kept on the record but proves nothing about From.
 *
 * @example
 * ```ts
 * authenticationProblem({ fromHeaders: [['m@land.example.org']], dkimDomains: [], verdicts: { dmarc: 'GRAY' } });
 * // 'no clear spam and virus verdicts (spam missing, virus missing)'
 * ```
 */
export const authenticationProblem = (mail: Authorship): string | undefined => {
  const { verdicts } = mail;
  if (verdicts === undefined) return 'no authentication verdicts came with the message';
  const failed = (['dkim', 'dmarc', 'spam', 'virus'] as const).filter(
    (name) => verdicts[name] === 'FAIL',
  );
  if (failed.length > 0) return `failed ${failed.join(', ')} checks`;
  const unclear = (['spam', 'virus'] as const).filter((name) => verdicts[name] !== 'PASS');
  if (unclear.length > 0) return `no clear spam and virus verdicts (${named(verdicts, unclear)})`;
  if (mail.fromHeaders.length > 1) return 'more than one From header';
  const authors = mail.fromHeaders.flat();
  if (authors.length > 1) return 'more than one From mailbox';
  const [author] = authors;
  if (author === undefined) return 'no From address';
  if (verdicts.dmarc === 'PASS') return undefined;
  const fromDomain = domainOf(author);
  const signers = mail.dkimDomains;
  if (
    verdicts.dkim === 'PASS' &&
    signers.length > 0 &&
    signers.every((domain) => alignedDomains(domain, fromDomain))
  ) {
    return undefined;
  }
  const signed =
    signers.length === 0 ? 'no DKIM signature' : `signed by ${[...new Set(signers)].join(', ')}`;
  return `not authenticated: ${named(verdicts, ['dmarc', 'dkim'])} (${signed}; From domain ${fromDomain})`;
};
