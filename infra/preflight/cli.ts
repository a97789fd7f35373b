import { makePreflightClients, runPreflight } from './checks.js';
import { exitCodeFor } from './findings.js';
import { parsePreflightArguments } from './options.js';
import { formatReport } from './report.js';
import { describeArgumentProblem, usageText } from './texts.js';

/**
 * `npm run preflight -- --sender-domain … [--profile …]`: checks the account
 * read-only and exits 0 when nothing is missing, 1 when something is, 2 for
 * a wrong command line.
 */
// The notice about future SDK releases is for developers, not for this report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const main = async (): Promise<number> => {
  const parsed = parsePreflightArguments(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    console.log(usageText(parsed.lang));
    return 0;
  }
  if (parsed.kind === 'invalid') {
    console.error(describeArgumentProblem(parsed.problem, parsed.lang));
    console.error('');
    console.error(usageText(parsed.lang));
    return 2;
  }
  const { options } = parsed;
  const findings = await runPreflight(options, makePreflightClients(options));
  console.log(formatReport(findings, options));
  return exitCodeFor(findings);
};

process.exitCode = await main();
