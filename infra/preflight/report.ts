import type { Finding } from './findings.js';
import { type PreflightOptions, stackNameFor } from './options.js';
import { checkTitle, describeFinding, statusLabel } from './texts.js';

const headings = {
  de: (o: PreflightOptions) =>
    `Prüfung vor dem Deploy von ${stackNameFor(o.stage)} in ${o.region} (Absenderdomain ${o.senderDomain}${o.profile ? `, Profil ${o.profile}` : ''})`,
  en: (o: PreflightOptions) =>
    `Preflight for ${stackNameFor(o.stage)} in ${o.region} (sender domain ${o.senderDomain}${o.profile ? `, profile ${o.profile}` : ''})`,
};

const totals = {
  de: (missing: number, warnings: number) =>
    missing === 0
      ? `Es fehlt nichts${warnings === 0 ? '.' : warnings === 1 ? '; ein Hinweis.' : `; ${warnings} Hinweise.`}`
      : `${missing === 1 ? 'Eine Sache fehlt' : `${missing} Sachen fehlen`}${warnings === 0 ? '' : warnings === 1 ? ', dazu ein Hinweis' : `, dazu ${warnings} Hinweise`}.`,
  en: (missing: number, warnings: number) =>
    missing === 0
      ? `Nothing is missing${warnings === 0 ? '.' : warnings === 1 ? '; one warning.' : `; ${warnings} warnings.`}`
      : `${missing === 1 ? 'One thing is missing' : `${missing} things are missing`}${warnings === 0 ? '' : warnings === 1 ? ', and one warning' : `, and ${warnings} warnings`}.`,
};

const notChecked = {
  de: 'Nicht geprüft, ohne Zugangsdaten (siehe oben).',
  en: 'Not checked, without credentials (see above).',
};

/**
 * The report printed to the operator: one block per check, what to do under
 * each that is not ok, and a closing count.
 *
 * @example
 * console.log(formatReport(await runPreflight(options, clients), options));
 */
export const formatReport = (findings: readonly Finding[], options: PreflightOptions): string => {
  const { lang } = options;
  const width = Math.max(...findings.map((f) => statusLabel(f.status, lang).length));
  const lines = [headings[lang](options), ''];
  let credentialsExplained = false;
  for (const f of findings) {
    // Without credentials every check fails alike: the advice is given once.
    if (f.code === 'call.noCredentials' && credentialsExplained) {
      lines.push(
        `${statusLabel(f.status, lang).padEnd(width)}  ${checkTitle(f.check, lang)}: ${notChecked[lang]}`,
      );
      continue;
    }
    credentialsExplained ||= f.code === 'call.noCredentials';
    const text = describeFinding(f, lang);
    const label = statusLabel(f.status, lang).padEnd(width);
    lines.push(`${label}  ${checkTitle(f.check, lang)}: ${text.summary}`);
    const indent = ' '.repeat(width + 2);
    if (f.status !== 'ok' && text.todo) lines.push(`${indent}→ ${text.todo}`);
    for (const line of text.lines ?? []) lines.push(`${indent}    ${line}`);
    if (f.status === 'ok' && text.todo) lines.push(`${indent}  ${text.todo}`);
  }
  const missing = findings.filter((f) => f.status === 'missing').length;
  const warnings = findings.filter((f) => f.status === 'warning').length;
  lines.push('', totals[lang](missing, warnings));
  return lines.join('\n');
};
