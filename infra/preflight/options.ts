import { parseArgs } from 'node:util';
import { defaultRegion } from '../regions.js';

export const languages = ['de', 'en'] as const;
export type Lang = (typeof languages)[number];

const stages = ['dev', 'prod'] as const;
export type Stage = (typeof stages)[number];

export interface PreflightOptions {
  /** A named profile from the AWS config; the default credential chain without one. */
  profile?: string | undefined;
  region: string;
  stage: Stage;
  senderDomain: string;
  lang: Lang;
  /**
   * Concurrency the stack reserves for its functions, summed; the account
   * must leave Lambda's 100 unreserved on top of it.
   */
  reservedConcurrency: number;
}

/**
 * Sum of `reservedConcurrentExecutions` over the stack's functions. Keep it
 * equal to what infra/constructs reserves; the stack reserves none today.
 */
export const stackReservedConcurrency = 0;

/** The stack's name for a stage, as `infra/conference-app.ts` names it. */
export const stackNameFor = (stage: Stage): string => `Conference-${stage}`;

export type ParsedArguments =
  | { kind: 'run'; options: PreflightOptions }
  | { kind: 'help'; lang: Lang }
  | { kind: 'invalid'; lang: Lang; problem: ArgumentProblem };

export type ArgumentProblem =
  | { code: 'unknownOption'; detail: string }
  | { code: 'senderDomainMissing' }
  | { code: 'senderDomainInvalid'; value: string }
  | { code: 'stageInvalid'; value: string }
  | { code: 'regionInvalid'; value: string }
  | { code: 'langInvalid'; value: string }
  | { code: 'profileInvalid'; value: string };

/**
 * The report's language when `--lang` does not say: English when the locale
 * (LC_ALL, LC_MESSAGES, LANG, in POSIX order) is English, otherwise German.
 *
 * @example
 * languageFromEnvironment({ LANG: 'en_GB.UTF-8' }); // 'en'
 * languageFromEnvironment({}); // 'de'
 */
export const languageFromEnvironment = (env: NodeJS.ProcessEnv): Lang => {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en([_.@-]|$)/i.test(locale) ? 'en' : 'de';
};

const domainName = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const regionName = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;
const profileName = /^[\w.+@=,-]{1,128}$/;

/**
 * Reads the command line of `npm run preflight -- …`: `--profile`,
 * `--region` (default eu-central-1), `--stage` dev|prod (default dev),
 * `--sender-domain` (required), `--lang` de|en (default from the locale),
 * `--help`.
 *
 * @example
 * parsePreflightArguments(['--sender-domain', 'mail.example.de', '--stage', 'prod'], process.env);
 * // { kind: 'run', options: { region: 'eu-central-1', stage: 'prod', senderDomain: 'mail.example.de', lang: 'de', … } }
 */
export const parsePreflightArguments = (
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ParsedArguments => {
  let values: Record<string, string | boolean | undefined>;
  // The language first, so that even a wrong command line is answered in it.
  const langArgument = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const langValue =
    langArgument === -1
      ? undefined
      : (argv[langArgument]?.split('=')[1] ?? argv[langArgument + 1] ?? '');
  const lang: Lang = (languages as readonly string[]).includes(langValue ?? '')
    ? (langValue as Lang)
    : languageFromEnvironment(env);
  const invalid = (problem: ArgumentProblem): ParsedArguments => ({
    kind: 'invalid',
    lang,
    problem,
  });
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        profile: { type: 'string' },
        region: { type: 'string' },
        stage: { type: 'string' },
        'sender-domain': { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return invalid({ code: 'unknownOption', detail: (error as Error).message });
  }
  if (langValue !== undefined && !(languages as readonly string[]).includes(langValue)) {
    return invalid({ code: 'langInvalid', value: langValue });
  }
  if (values.help === true) return { kind: 'help', lang };

  const stage = String(values.stage ?? 'dev');
  if (!(stages as readonly string[]).includes(stage)) {
    return invalid({ code: 'stageInvalid', value: stage });
  }
  const region = String(values.region ?? defaultRegion);
  if (!regionName.test(region)) return invalid({ code: 'regionInvalid', value: region });
  const profile = values.profile as string | undefined;
  if (profile !== undefined && !profileName.test(profile)) {
    return invalid({ code: 'profileInvalid', value: profile });
  }
  const senderDomain = values['sender-domain'] as string | undefined;
  if (senderDomain === undefined) return invalid({ code: 'senderDomainMissing' });
  if (!domainName.test(senderDomain)) {
    return invalid({ code: 'senderDomainInvalid', value: senderDomain });
  }
  return {
    kind: 'run',
    options: {
      profile,
      region,
      stage: stage as Stage,
      senderDomain: senderDomain.toLowerCase(),
      lang,
      reservedConcurrency: stackReservedConcurrency,
    },
  };
};
