import type { CheckId, Code, Facts, Finding, Status } from './findings.js';
import type { ArgumentProblem, Lang } from './options.js';

/** What a reader is told about one finding: what was found, and what to do when it is not ok. */
export interface Described {
  summary: string;
  todo?: string | undefined;
  /** Lines to copy as they are (DNS records). */
  lines?: readonly string[] | undefined;
}

type Texts = { [C in Code]: (facts: Facts[C]) => Described };

const activate = (name: string, region: string) =>
  `aws ses set-active-receipt-rule-set --rule-set-name ${name} --region ${region}`;

const de: Texts = {
  'credentials.ok': (f) => ({ summary: `Angemeldet in Konto ${f.account} als ${f.arn}.` }),
  'region.ok': (f) => ({ summary: `SES empfängt in ${f.region} E-Mails.` }),
  'region.noReceiving': (f) => ({
    summary: `In ${f.region} empfängt SES keine E-Mails; Antworten auf Einladungen kämen nie an.`,
    todo: `Wählen Sie eine Region, in der SES empfängt, zum Beispiel --region eu-central-1 (und -c region=… beim Deploy): ${f.receivingRegions.join(', ')}.`,
  }),
  'sending.ok': (f) => ({
    summary: `SES ist in ${f.region} im Produktionsbetrieb: höchstens ${f.maxSendRate} E-Mails pro Sekunde, ${f.max24HourSend} in 24 Stunden.`,
    todo: `Der Wert mailsPerSecond des Stacks darf ${f.maxSendRate} nicht übersteigen.`,
  }),
  'sending.sandbox': (f) => ({
    summary: `SES ist in ${f.region} noch in der Sandbox: Es geht nur Post an bestätigte Adressen, höchstens ${f.max24HourSend} E-Mails in 24 Stunden und ${f.maxSendRate} pro Sekunde.${
      f.reviewStatus === 'PENDING'
        ? ` Ein Antrag auf Produktionszugang wird geprüft${f.caseId ? ` (Fall ${f.caseId})` : ''}.`
        : f.reviewStatus === 'DENIED'
          ? ' Ein Antrag auf Produktionszugang wurde abgelehnt.'
          : ''
    }`,
    todo:
      f.reviewStatus === 'PENDING'
        ? 'Warten Sie die Entscheidung von AWS ab und prüfen Sie danach erneut.'
        : `Beantragen Sie den Produktionszugang in der SES-Konsole (${f.region}, Kontoübersicht, „Request production access“): Versandart transaktional, mit einer kurzen Beschreibung der Einladungen an die Länder.`,
  }),
  'sending.paused': (f) => ({
    summary: `Der Versand ist für dieses Konto in ${f.region} angehalten.`,
    todo: 'Klären Sie in der SES-Konsole (Reputation) oder mit dem AWS-Support, warum, und nehmen Sie den Versand wieder auf.',
  }),
  'sending.probation': (f) => ({
    summary: `Das Konto steht in ${f.region} unter Beobachtung (Probation) wegen Bounces oder Beschwerden; es darf höchstens ${f.maxSendRate} E-Mails pro Sekunde senden.`,
    todo: 'Prüfen Sie die Reputation in der SES-Konsole und bereinigen Sie die Adresslisten, bevor Sie Einladungen versenden.',
  }),
  'senderIdentity.ok': (f) => ({
    summary: `Die Absenderdomain ${f.domain} ist bestätigt, DKIM ist aktiv.`,
  }),
  'senderIdentity.awaitsDeploy': (f) => ({
    summary: `Für ${f.domain} gibt es noch keine SES-Identität; der erste Deploy von ${f.stackName} legt sie an.`,
    todo: `Veröffentlichen Sie nach dem Deploy die drei DKIM-Einträge, die diese Prüfung dann anzeigt, im DNS von ${f.domain}.`,
  }),
  'senderIdentity.absent': (f) => ({
    summary: `Für ${f.domain} gibt es keine SES-Identität, obwohl ${f.stackName} bereitgestellt ist.`,
    todo: `Prüfen Sie, ob ${f.stackName} mit -c senderDomain=${f.domain} bereitgestellt wurde, und stellen Sie den Stack erneut bereit.`,
  }),
  'senderIdentity.outsideStack': (f) => ({
    summary: `Die SES-Identität ${f.domain} besteht schon, aber ${f.stackName} noch nicht: Der Deploy will sie anlegen und bricht ab.`,
    todo: `Löschen Sie die Identität ${f.domain} in der SES-Konsole vor dem ersten Deploy (der Stack legt sie mit DKIM neu an), oder wählen Sie eine andere Absenderdomain.`,
  }),
  'senderIdentity.unverified': (f) => ({
    summary: `Die Absenderdomain ${f.domain} ist nicht bestätigt (DKIM: ${f.dkimStatus}).`,
    todo:
      f.records.length > 0
        ? `Veröffentlichen Sie diese DNS-Einträge für ${f.domain}; SES bestätigt die Domain, sobald es sie findet (meist binnen einer Stunde, höchstens 72 Stunden):`
        : `Öffnen Sie die Identität ${f.domain} in der SES-Konsole und veröffentlichen Sie die dort genannten DKIM-Einträge.`,
    lines: f.records,
  }),
  'receiptRuleSet.ok': (f) => ({
    summary: `Der Regelsatz des Stacks (${f.name}) ist aktiv; Antworten kommen an.`,
  }),
  'receiptRuleSet.awaitsDeploy': (f) => ({
    summary: `In ${f.region} ist kein Regelsatz für eingehende E-Mails aktiv; ${f.stackName} ist noch nicht bereitgestellt.`,
    todo: `Aktivieren Sie nach dem ersten Deploy den Regelsatz des Stacks (aws ses set-active-receipt-rule-set --rule-set-name <Name> --region ${f.region}); diese Prüfung nennt dann den Namen.`,
  }),
  'receiptRuleSet.inactive': (f) => ({
    summary: `In ${f.region} ist kein Regelsatz aktiv; Antworten auf Einladungen werden abgewiesen.`,
    todo: `Aktivieren Sie den Regelsatz des Stacks: ${activate(f.name, f.region)}`,
  }),
  'receiptRuleSet.foreign': (f) => ({
    summary: `In ${f.region} ist der Regelsatz ${f.active} aktiv, nicht der des Stacks (${f.ours}); Antworten auf Einladungen kommen nicht an.`,
    todo: `SES erlaubt nur einen aktiven Regelsatz je Region: Klären Sie zuerst, ob ${f.active} noch E-Mails für eine andere Anwendung empfängt, und aktivieren Sie dann: ${activate(f.ours, f.region)}`,
  }),
  'receiptRuleSet.foreignBeforeDeploy': (f) => ({
    summary: `In ${f.region} ist bereits der Regelsatz ${f.active} aktiv; ${f.stackName} bringt einen eigenen mit.`,
    todo: `SES erlaubt nur einen aktiven Regelsatz je Region: Wer nach dem Deploy den Regelsatz des Stacks aktiviert, schaltet ${f.active} ab. Klären Sie vorher, ob ${f.active} noch gebraucht wird.`,
  }),
  'concurrency.ok': (f) => ({
    summary: `Lambda erlaubt ${f.limit} gleichzeitige Ausführungen, ${f.unreserved} davon nicht reserviert; der Stack reserviert ${f.reserved}.`,
  }),
  'concurrency.tooLow': (f) => ({
    summary: `Lambda erlaubt nur ${f.limit} gleichzeitige Ausführungen. Der Stack reserviert ${f.reserved}, und Lambda hält stets 100 frei: Der Deploy schlägt fehl.`,
    todo: 'Neue Konten beginnen oft mit einem kleinen Kontingent. Beantragen Sie unter Service Quotas (AWS Lambda, „Concurrent executions“) 1000.',
  }),
  'concurrency.crowded': (f) => ({
    summary: `Nur ${f.unreserved} gleichzeitige Ausführungen sind nicht reserviert; mit den ${f.reserved} des Stacks blieben weniger als die 100, die Lambda stets frei hält.`,
    todo: 'Verringern Sie die Reservierungen anderer Funktionen dieses Kontos oder beantragen Sie unter Service Quotas ein höheres Kontingent. (Ist der Stack schon bereitgestellt, sind seine eigenen Reservierungen hier bereits abgezogen.)',
  }),
  'concurrency.reducedQuota': (f) => ({
    summary: `Lambda erlaubt nur ${f.limit} gleichzeitige Ausführungen, das verringerte Kontingent eines neuen Kontos; unter Last werden Anfragen gedrosselt.`,
    todo: 'Beantragen Sie unter Service Quotas (AWS Lambda, „Concurrent executions“) 1000.',
  }),
  'bootstrap.ok': (f) => ({
    summary: `Das Konto ist für die CDK vorbereitet (CDKToolkit${f.version ? `, Version ${f.version}` : ''}).`,
  }),
  'bootstrap.absent': (f) => ({
    summary:
      'Das Konto ist in dieser Region nicht für die CDK vorbereitet (kein Stack CDKToolkit).',
    todo: `Führen Sie einmal aus: npx cdk bootstrap aws://${f.account}/${f.region}`,
  }),
  'bootstrap.unusable': (f) => ({
    summary: `Der Stack CDKToolkit ist im Zustand ${f.status} und nicht nutzbar.`,
    todo: `Beheben oder löschen Sie CDKToolkit in der CloudFormation-Konsole und führen Sie danach aus: npx cdk bootstrap aws://${f.account}/${f.region}`,
  }),
  'call.accessDenied': (f) => ({
    summary: `Nicht geprüft: Das Profil darf ${f.action} nicht aufrufen (AccessDenied).`,
    todo: `Geben Sie dem Profil Leserechte für ${f.action} oder verwenden Sie ein anderes Profil (--profile).`,
  }),
  'call.noCredentials': (f) => ({
    summary: `Nicht geprüft: keine gültigen Zugangsdaten${f.profile ? ` für das Profil ${f.profile}` : ''} („${f.reason}“).`,
    todo: f.profile
      ? `Melden Sie sich an (aws sso login --profile ${f.profile}) oder prüfen Sie das Profil in ~/.aws/config.`
      : 'Geben Sie ein Profil an (--profile …) oder melden Sie sich an (aws sso login).',
  }),
  'call.failed': (f) => ({
    summary: `Nicht geprüft: ${f.action} ist fehlgeschlagen (${f.error}).`,
    todo: 'Prüfen Sie die Netzverbindung und die Region, und starten Sie die Prüfung erneut.',
  }),
};

const en: Texts = {
  'credentials.ok': (f) => ({ summary: `Signed in to account ${f.account} as ${f.arn}.` }),
  'region.ok': (f) => ({ summary: `SES receives mail in ${f.region}.` }),
  'region.noReceiving': (f) => ({
    summary: `SES does not receive mail in ${f.region}; replies to invitations would never arrive.`,
    todo: `Choose a region where SES receives mail, e.g. --region eu-central-1 (and -c region=… when deploying): ${f.receivingRegions.join(', ')}.`,
  }),
  'sending.ok': (f) => ({
    summary: `SES has production access in ${f.region}: at most ${f.maxSendRate} mails a second, ${f.max24HourSend} in 24 hours.`,
    todo: `The stack's mailsPerSecond must not exceed ${f.maxSendRate}.`,
  }),
  'sending.sandbox': (f) => ({
    summary: `SES is still in the sandbox in ${f.region}: mail goes only to verified addresses, at most ${f.max24HourSend} mails in 24 hours and ${f.maxSendRate} a second.${
      f.reviewStatus === 'PENDING'
        ? ` A request for production access is under review${f.caseId ? ` (case ${f.caseId})` : ''}.`
        : f.reviewStatus === 'DENIED'
          ? ' A request for production access was denied.'
          : ''
    }`,
    todo:
      f.reviewStatus === 'PENDING'
        ? 'Wait for AWS to decide, then run this check again.'
        : `Request production access in the SES console (${f.region}, Account dashboard, "Request production access"): mail type transactional, with a short description of the invitations to the Länder.`,
  }),
  'sending.paused': (f) => ({
    summary: `Sending is paused for this account in ${f.region}.`,
    todo: 'Find out why in the SES console (reputation) or from AWS Support, and resume sending.',
  }),
  'sending.probation': (f) => ({
    summary: `The account is on probation in ${f.region} for bounces or complaints; it may send at most ${f.maxSendRate} mails a second.`,
    todo: 'Check the reputation in the SES console and clean the address lists before sending invitations.',
  }),
  'senderIdentity.ok': (f) => ({
    summary: `The sender domain ${f.domain} is verified and DKIM is active.`,
  }),
  'senderIdentity.awaitsDeploy': (f) => ({
    summary: `There is no SES identity for ${f.domain} yet; the first deploy of ${f.stackName} creates it.`,
    todo: `After the deploy, publish the three DKIM records this check will then show in the DNS of ${f.domain}.`,
  }),
  'senderIdentity.absent': (f) => ({
    summary: `There is no SES identity for ${f.domain}, although ${f.stackName} is deployed.`,
    todo: `Check that ${f.stackName} was deployed with -c senderDomain=${f.domain}, and deploy it again.`,
  }),
  'senderIdentity.outsideStack': (f) => ({
    summary: `The SES identity ${f.domain} exists already, but ${f.stackName} does not: the deploy would try to create it and fail.`,
    todo: `Delete the identity ${f.domain} in the SES console before the first deploy (the stack creates it anew, with DKIM), or choose another sender domain.`,
  }),
  'senderIdentity.unverified': (f) => ({
    summary: `The sender domain ${f.domain} is not verified (DKIM: ${f.dkimStatus}).`,
    todo:
      f.records.length > 0
        ? `Publish these DNS records for ${f.domain}; SES verifies the domain once it finds them (usually within an hour, at most 72 hours):`
        : `Open the identity ${f.domain} in the SES console and publish the DKIM records it shows.`,
    lines: f.records,
  }),
  'receiptRuleSet.ok': (f) => ({
    summary: `The stack's rule set (${f.name}) is active; replies arrive.`,
  }),
  'receiptRuleSet.awaitsDeploy': (f) => ({
    summary: `No receipt rule set is active in ${f.region}; ${f.stackName} is not deployed yet.`,
    todo: `After the first deploy, activate the stack's rule set (aws ses set-active-receipt-rule-set --rule-set-name <name> --region ${f.region}); this check will then name it.`,
  }),
  'receiptRuleSet.inactive': (f) => ({
    summary: `No receipt rule set is active in ${f.region}; replies to invitations are rejected.`,
    todo: `Activate the stack's rule set: ${activate(f.name, f.region)}`,
  }),
  'receiptRuleSet.foreign': (f) => ({
    summary: `The rule set ${f.active} is active in ${f.region}, not the stack's (${f.ours}); replies to invitations do not arrive.`,
    todo: `SES allows one active rule set per region: first find out whether ${f.active} still receives mail for another application, then activate: ${activate(f.ours, f.region)}`,
  }),
  'receiptRuleSet.foreignBeforeDeploy': (f) => ({
    summary: `The rule set ${f.active} is already active in ${f.region}; ${f.stackName} brings its own.`,
    todo: `SES allows one active rule set per region: activating the stack's rule set after the deploy switches ${f.active} off. Find out first whether ${f.active} is still needed.`,
  }),
  'concurrency.ok': (f) => ({
    summary: `Lambda allows ${f.limit} concurrent executions, ${f.unreserved} of them unreserved; the stack reserves ${f.reserved}.`,
  }),
  'concurrency.tooLow': (f) => ({
    summary: `Lambda allows only ${f.limit} concurrent executions. The stack reserves ${f.reserved} and Lambda always keeps 100 unreserved: the deploy fails.`,
    todo: 'New accounts often start with a small quota. Request 1000 in Service Quotas (AWS Lambda, "Concurrent executions").',
  }),
  'concurrency.crowded': (f) => ({
    summary: `Only ${f.unreserved} concurrent executions are unreserved; with the stack's ${f.reserved} fewer than the 100 Lambda always keeps free would remain.`,
    todo: 'Reduce the reservations of other functions in this account or request a higher quota in Service Quotas. (If the stack is deployed already, its own reservations are subtracted here already.)',
  }),
  'concurrency.reducedQuota': (f) => ({
    summary: `Lambda allows only ${f.limit} concurrent executions, the reduced quota of a new account; under load requests are throttled.`,
    todo: 'Request 1000 in Service Quotas (AWS Lambda, "Concurrent executions").',
  }),
  'bootstrap.ok': (f) => ({
    summary: `The account is bootstrapped for the CDK (CDKToolkit${f.version ? `, version ${f.version}` : ''}).`,
  }),
  'bootstrap.absent': (f) => ({
    summary: 'The account is not bootstrapped for the CDK in this region (no CDKToolkit stack).',
    todo: `Run once: npx cdk bootstrap aws://${f.account}/${f.region}`,
  }),
  'bootstrap.unusable': (f) => ({
    summary: `The CDKToolkit stack is in state ${f.status} and cannot be used.`,
    todo: `Repair or delete CDKToolkit in the CloudFormation console, then run: npx cdk bootstrap aws://${f.account}/${f.region}`,
  }),
  'call.accessDenied': (f) => ({
    summary: `Not checked: the profile may not call ${f.action} (AccessDenied).`,
    todo: `Give the profile read access to ${f.action} or use another profile (--profile).`,
  }),
  'call.noCredentials': (f) => ({
    summary: `Not checked: no valid credentials${f.profile ? ` for profile ${f.profile}` : ''} ("${f.reason}").`,
    todo: f.profile
      ? `Sign in (aws sso login --profile ${f.profile}) or check the profile in ~/.aws/config.`
      : 'Name a profile (--profile …) or sign in (aws sso login).',
  }),
  'call.failed': (f) => ({
    summary: `Not checked: ${f.action} failed (${f.error}).`,
    todo: 'Check the network connection and the region, and run the check again.',
  }),
};

const checkTitles: Record<Lang, Record<CheckId, string>> = {
  de: {
    credentials: 'Zugangsdaten',
    region: 'Region',
    sending: 'SES-Versand',
    senderIdentity: 'Absenderdomain',
    receiptRuleSet: 'Eingang (Regelsatz)',
    concurrency: 'Lambda-Kontingent',
    bootstrap: 'CDK-Bootstrap',
  },
  en: {
    credentials: 'Credentials',
    region: 'Region',
    sending: 'SES sending',
    senderIdentity: 'Sender domain',
    receiptRuleSet: 'Inbound (rule set)',
    concurrency: 'Lambda quota',
    bootstrap: 'CDK bootstrap',
  },
};

const statusLabels: Record<Lang, Record<Status, string>> = {
  de: { ok: 'ok', missing: 'FEHLT', warning: 'HINWEIS' },
  en: { ok: 'ok', missing: 'MISSING', warning: 'WARNING' },
};

/**
 * The reader's words for one finding.
 *
 * @example
 * describeFinding(finding('region', 'region.ok', { region: 'eu-central-1' }), 'de').summary;
 * // 'SES empfängt in eu-central-1 E-Mails.'
 */
export const describeFinding = (f: Finding, lang: Lang): Described =>
  (lang === 'de' ? de : en)[f.code](f.facts as never);

/**
 * The name of a check in the report.
 *
 * @example
 * checkTitle('concurrency', 'en'); // 'Lambda quota'
 */
export const checkTitle = (check: CheckId, lang: Lang): string => checkTitles[lang][check];

/**
 * The label of a status in the report.
 *
 * @example
 * statusLabel('missing', 'de'); // 'FEHLT'
 */
export const statusLabel = (status: Status, lang: Lang): string => statusLabels[lang][status];

const argumentTexts: Record<Lang, (p: ArgumentProblem) => string> = {
  de: (p) => {
    switch (p.code) {
      case 'unknownOption':
        return `Unbekannter Aufruf: ${p.detail}`;
      case 'senderDomainMissing':
        return 'Es fehlt die Absenderdomain: --sender-domain mail.ihre-konferenz.de';
      case 'senderDomainInvalid':
        return `„${p.value}“ ist keine Domain: --sender-domain mail.ihre-konferenz.de`;
      case 'stageInvalid':
        return `Unbekannte Stufe „${p.value}“: --stage dev oder --stage prod`;
      case 'regionInvalid':
        return `„${p.value}“ ist kein Name einer AWS-Region: zum Beispiel --region eu-central-1`;
      case 'langInvalid':
        return `Unbekannte Sprache „${p.value}“: --lang de oder --lang en`;
      case 'profileInvalid':
        return `„${p.value}“ ist kein Profilname aus ~/.aws/config.`;
    }
  },
  en: (p) => {
    switch (p.code) {
      case 'unknownOption':
        return `Cannot read the command line: ${p.detail}`;
      case 'senderDomainMissing':
        return 'The sender domain is missing: --sender-domain mail.your-conference.de';
      case 'senderDomainInvalid':
        return `'${p.value}' is not a domain: --sender-domain mail.your-conference.de`;
      case 'stageInvalid':
        return `Unknown stage '${p.value}': --stage dev or --stage prod`;
      case 'regionInvalid':
        return `'${p.value}' is not an AWS region name: e.g. --region eu-central-1`;
      case 'langInvalid':
        return `Unknown language '${p.value}': --lang de or --lang en`;
      case 'profileInvalid':
        return `'${p.value}' is not a profile name from ~/.aws/config.`;
    }
  },
};

/**
 * One line telling what is wrong with the command line.
 *
 * @example
 * describeArgumentProblem({ code: 'stageInvalid', value: 'test' }, 'en');
 * // "Unknown stage 'test': --stage dev or --stage prod"
 */
export const describeArgumentProblem = (problem: ArgumentProblem, lang: Lang): string =>
  argumentTexts[lang](problem);

const usage: Record<Lang, string> = {
  de: `Prüft ein AWS-Konto vor dem Deploy, nur lesend.

  npm run preflight -- --sender-domain mail.ihre-konferenz.de [--stage dev|prod]
                       [--profile NAME] [--region eu-central-1] [--lang de|en]

Rückgabewert: 0 wenn nichts fehlt, 1 wenn etwas fehlt, 2 bei falschem Aufruf.`,
  en: `Checks an AWS account before a deploy, read-only.

  npm run preflight -- --sender-domain mail.your-conference.de [--stage dev|prod]
                       [--profile NAME] [--region eu-central-1] [--lang de|en]

Exit code: 0 when nothing is missing, 1 when something is, 2 for a wrong command line.`,
};

/**
 * How to call the preflight.
 *
 * @example
 * console.log(usageText('en'));
 */
export const usageText = (lang: Lang): string => usage[lang];
