/**
 * The catalogue of every message an error carries to a person: one stable id,
 * its parameters, and the text in German and in English. Errors keep the id
 * and the parameters; `functions/http/problem.ts` renders them in the
 * language the client asked for (German unless it asked for English).
 *
 * The German is written per case, formal („Sie“), with German quotation
 * marks; ids, field paths and problem type URIs stay English.
 */

/** The languages the product answers in; the first is the default. */
export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

/** One catalogue entry: the same parameters rendered in each language. */
export interface Texts<P> {
  de: (params: P) => string;
  en: (params: P) => string;
}

type NoParams = Record<string, never>;

/** Declares an entry; the compiler refuses one that lacks a language. */
const texts = <P = NoParams>(entry: Texts<NoInfer<P>>): Texts<P> => entry;

/** Objects the API can report as missing or as already existing. */
const objectKinds = {
  'Agenda item': { de: ['der', 'Tagesordnungspunkt'], en: 'Agenda item' },
  Ballot: { de: ['der', 'Stimmzettel'], en: 'Ballot' },
  Body: { de: ['das', 'Gremium'], en: 'Body' },
  'Chair period': { de: ['der', 'Vorsitzzeitraum'], en: 'Chair period' },
  'Inbound mail': { de: ['die', 'eingegangene E-Mail'], en: 'Inbound mail' },
  Invitation: { de: ['die', 'Einladung'], en: 'Invitation' },
  Meeting: { de: ['die', 'Sitzung'], en: 'Meeting' },
  Member: { de: ['das', 'Mitglied'], en: 'Member' },
  'Notice job': { de: ['der', 'Benachrichtigungsauftrag'], en: 'Notice job' },
  'Outbox entry': { de: ['der', 'Eintrag im Postausgang'], en: 'Outbox entry' },
  Paper: { de: ['die', 'Drucksache'], en: 'Paper' },
  Person: { de: ['die', 'Person'], en: 'Person' },
  'Press job': { de: ['der', 'Versandauftrag an die Presse'], en: 'Press job' },
  'Press release': { de: ['die', 'Pressemitteilung'], en: 'Press release' },
  Protocol: { de: ['die', 'Ergebnisniederschrift'], en: 'Protocol' },
  Resolution: { de: ['der', 'Beschluss'], en: 'Resolution' },
  Route: { de: ['der', 'Endpunkt'], en: 'Route' },
  Session: { de: ['die', 'Sitzung'], en: 'Session' },
  'Staff member': { de: ['das', 'Benutzerkonto'], en: 'Staff member' },
  'Staff member with address': {
    de: ['das', 'Benutzerkonto mit der Adresse'],
    en: 'Staff member with address',
  },
  Subscriber: { de: ['die', 'Anmeldung zur Presseliste'], en: 'Subscriber' },
  'Written procedure': { de: ['das', 'Umlaufverfahren'], en: 'Written procedure' },
  // The object types of the audit trail (`session:01J…`).
  body: { de: ['das', 'Gremium'], en: 'body' },
  member: { de: ['das', 'Mitglied'], en: 'member' },
  'chair-period': { de: ['der', 'Vorsitzzeitraum'], en: 'chair-period' },
  session: { de: ['die', 'Sitzung'], en: 'session' },
  'agenda-item': { de: ['der', 'Tagesordnungspunkt'], en: 'agenda-item' },
  resolution: { de: ['der', 'Beschluss'], en: 'resolution' },
  'written-procedure': { de: ['das', 'Umlaufverfahren'], en: 'written-procedure' },
  'press-release': { de: ['die', 'Pressemitteilung'], en: 'press-release' },
  subscriber: { de: ['die', 'Anmeldung zur Presseliste'], en: 'subscriber' },
  outbox: { de: ['der', 'Eintrag im Postausgang'], en: 'outbox' },
  paper: { de: ['die', 'Unterlage'], en: 'paper' },
  'Session paper': { de: ['die', 'Unterlage'], en: 'Session paper' },
  'Paper upload': { de: ['der', 'Upload'], en: 'Paper upload' },
  'Paper notice job': {
    de: ['die', 'Nachricht über nachgereichte Unterlagen'],
    en: 'Paper notice job',
  },
} as const satisfies Record<string, { de: readonly ['der' | 'die' | 'das', string]; en: string }>;

/** A kind of object that can be missing or already exist. */
export type ObjectKind = keyof typeof objectKinds;

/** „Den Beschluss“: the accusative with its article, capitalised to open a sentence. */
const accusative = (kind: ObjectKind) => {
  const [article, noun] = objectKinds[kind].de;
  return `${{ der: 'Den', die: 'Die', das: 'Das' }[article]} ${noun}`;
};

/** Status names as the secretariat speaks of them. */
const statusNames: Record<string, string> = {
  // sessions
  planned: 'geplant',
  invited: 'eingeladen',
  in_session: 'laufend',
  concluded: 'abgeschlossen',
  cancelled: 'abgesagt',
  // resolutions and press releases
  draft: 'Entwurf',
  decided: 'beschlossen',
  released: 'freigegeben',
  internal: 'intern',
  submitted: 'eingereicht',
  approved: 'genehmigt',
  scheduled: 'terminiert',
  published: 'veröffentlicht',
  withdrawn: 'zurückgezogen',
  // outbox entries
  queued: 'wartend',
  sending: 'im Versand',
  sent: 'gesendet',
  failed: 'fehlgeschlagen',
  unknown: 'ungeklärt',
  superseded: 'überholt',
  // inbound mail
  processing: 'in Bearbeitung',
  applied: 'übernommen',
  unchanged: 'ohne Änderung',
  ignored: 'ignoriert',
  review: 'zur Prüfung',
  dismissed: 'verworfen',
  // invitations
  pending: 'offen',
  revoked: 'zurückgezogen',
};

/** Session kinds as adjectives: „eine ordentliche Sitzung“, „zu einer ordentlichen“. */
const sessionKinds = {
  regular: { nominative: 'ordentliche', dative: 'ordentlichen' },
  constitutive: { nominative: 'konstituierende', dative: 'konstituierenden' },
  extraordinary: { nominative: 'außerordentliche', dative: 'außerordentlichen' },
} as const;
type SessionKindName = keyof typeof sessionKinds;

/** `„abgesagt“`: a status in German quotation marks (the raw value when it has no name). */
const status = (state: string) => `„${statusNames[state] ?? state}“`;

const quoted = (values: readonly string[]) => values.map((value) => `„${value}“`).join(', ');

/** `2026-03-05` → `05.03.2026`; anything else unchanged. */
const germanDate = (value: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match === null ? value : `${match[3]}.${match[2]}.${match[1]}`;
};

const germanNumber = (value: number) => value.toLocaleString('de-DE');

/** Why a signed link was refused. */
export type LinkRefusal =
  | 'malformed'
  | 'tampered'
  | 'expired'
  | 'wrong-purpose'
  | 'revoked'
  | 'superseded';

const linkRefusals: Record<LinkRefusal, string> = {
  malformed: 'Der Link ist unvollständig oder beschädigt.',
  tampered: 'Der Link ist ungültig.',
  expired: 'Der Link ist abgelaufen.',
  'wrong-purpose': 'Der Link gilt nicht für diese Seite.',
  revoked: 'Der Link wurde zurückgezogen und gilt nicht mehr.',
  superseded: 'Der Link wurde durch einen neueren ersetzt und gilt nicht mehr.',
};

/** What was refused to a press release in a state that does not allow it. */
export type PressAction =
  | 'edited'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'published'
  | 'withdrawn'
  | 'corrected';

const pressActions: Record<PressAction, { de: string; en: string }> = {
  edited: {
    de: 'bearbeitet werden; sie wird wieder zum Entwurf, wenn der Vorsitz sie zurückgibt',
    en: 'edited; it is back to draft when the chair returns it',
  },
  submitted: { de: 'eingereicht werden', en: 'submitted' },
  returned: { de: 'zurückgegeben werden', en: 'returned' },
  approved: { de: 'genehmigt werden', en: 'approved' },
  published: { de: 'veröffentlicht werden', en: 'published' },
  withdrawn: { de: 'zurückgezogen werden', en: 'withdrawn' },
  corrected: { de: 'berichtigt werden', en: 'corrected' },
};

/** Where request input came from. */
const inputLocations: Record<string, string> = {
  body: 'Der Inhalt der Anfrage ist ungültig.',
  query: 'Die Abfrageparameter der Anfrage sind ungültig.',
  params: 'Die Pfadangaben der Anfrage sind ungültig.',
};

/** The subset of a zod issue the German field messages read. */
export interface SchemaIssue {
  code: string;
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  divisor?: number | bigint;
  values?: readonly unknown[];
  keys?: readonly string[];
  input?: unknown;
  params?: Record<string, unknown>;
}

type Both = { de: string; en: string };

/**
 * German for the messages the request schemas name themselves (`z.regex(re,
 * 'a phone number')`), keyed by that English text, which stays the English
 * field message. A unit test fails when a schema names one that is missing here.
 */
export const schemaTexts: Readonly<Record<string, string>> = {
  'lower-case letters, digits and dashes, 2 to 40 characters':
    'Kleinbuchstaben, Ziffern und Bindestriche, 2 bis 40 Zeichen.',
  'an ISO 3166-2 code of a Land such as DE-HH, BUND, or an organisation id such as th-tmik':
    'Ein ISO-3166-2-Code eines Landes wie DE-HH, BUND oder die Kennung einer Organisation wie th-tmik.',
  'a whole number of minutes from 1 to 1440': 'Eine ganze Zahl von Minuten von 1 bis 1440.',
  'each step once': 'Jeder Schritt nur einmal.',
  'an organisation needs its kind': 'Eine Organisation braucht ihre Art („kind“).',
  'an organisation needs the grammatical gender of its name':
    'Eine Organisation braucht das grammatische Geschlecht ihres Namens („gender“).',
  'a Land or the Bund has no kind or gender':
    'Ein Land oder der Bund hat weder Art („kind“) noch Geschlecht („gender“).',
  'begins with "Herr " or "Frau ", e.g. "Frau Senatorin"':
    'Beginnt mit „Herr “ oder „Frau “, etwa „Frau Senatorin“.',
  'a mail domain such as stk.bayern.de': 'Eine E-Mail-Domain wie stk.bayern.de.',
  'to must not be before from': '„to“ darf nicht vor „from“ liegen.',
  'send members or copyMembersFrom, not both':
    'Senden Sie „members“ oder „copyMembersFrom“, nicht beides.',
  'each member once': 'Jedes Mitglied nur einmal.',
  'a resolution id (ULID)': 'Die Kennung eines Beschlusses (ULID).',
  'an id (ULID)': 'Eine ID (ULID).',
  'a phone number': 'Eine Telefonnummer.',
  'name the corrected title or body': 'Bitte nennen Sie den berichtigten Titel oder Text.',
  'name the corrected title or text': 'Bitte nennen Sie den berichtigten Titel oder Text.',
  'a session id': 'Eine Sitzungs-ID.',
  'a single line (no line breaks)': 'Eine einzelne Zeile (ohne Zeilenumbruch).',
  'no control characters or bidirectional overrides':
    'Keine Steuerzeichen und keine Zeichen, die die Schreibrichtung umkehren.',
  'endsAt must be after startsAt': '„endsAt“ muss nach „startsAt“ liegen.',
  'a session needs a place, a video link, or both':
    'Eine Sitzung braucht einen Ort, einen Videolink oder beides.',
  'answerDeadline must not be after startsAt':
    '„answerDeadline“ darf nicht nach „startsAt“ liegen.',
  'an IANA time zone such as Europe/Berlin': 'Eine IANA-Zeitzone wie Europe/Berlin.',
  'a date such as 2027-03-01': 'Ein Datum wie 2027-03-01.',
  'an inbound mail id (as listed)': 'Die ID einer eingegangenen E-Mail (wie aufgelistet).',
  'a whole number from 1 to 100': 'Eine ganze Zahl von 1 bis 100.',
  'a video conference needs a video link': 'Eine Videokonferenz braucht einen Videolink.',
  'a session in person needs a place': 'Eine Präsenzsitzung braucht einen Ort.',
  'a hybrid session needs a place and a video link':
    'Eine hybride Sitzung braucht einen Ort und einen Videolink.',
  'a phone number such as +49 40 42839-0': 'Eine Telefonnummer wie +49 40 42839-0.',
  'each grant once (body, role and member)':
    'Jede Berechtigung nur einmal (Gremium, Rolle und Mitglied).',
  'a member grant names its member (memberId), and only a member grant does':
    'Eine Berechtigung für ein Mitglied nennt dieses Mitglied („memberId“), jede andere Berechtigung nennt keines.',
};

/** zod's own message when a check names none (zod/mini loads no locale). */
const unnamed = 'Invalid input';

const typeNames: Record<string, Both> = {
  string: { de: 'ein Text', en: 'a string' },
  number: { de: 'eine Zahl', en: 'a number' },
  int: { de: 'eine ganze Zahl', en: 'an integer' },
  boolean: { de: 'ein Wahrheitswert (true oder false)', en: 'a boolean (true or false)' },
  object: { de: 'ein Objekt', en: 'an object' },
  array: { de: 'eine Liste', en: 'an array' },
  date: { de: 'ein Datum', en: 'a date' },
  bigint: { de: 'eine ganze Zahl', en: 'an integer' },
};

const formatNames: Record<string, Both> = {
  email: { de: 'Das ist keine gültige E-Mail-Adresse.', en: 'Not a valid email address.' },
  url: { de: 'Das ist keine gültige URL.', en: 'Not a valid URL.' },
  datetime: {
    de: 'Das ist kein gültiger Zeitpunkt (ISO 8601, etwa 2026-03-05T10:00:00Z).',
    en: 'Not a valid date-time (ISO 8601, e.g. 2026-03-05T10:00:00Z).',
  },
  date: { de: 'Das ist kein gültiges Datum (JJJJ-MM-TT).', en: 'Not a valid date (YYYY-MM-DD).' },
  time: { de: 'Das ist keine gültige Uhrzeit (hh:mm).', en: 'Not a valid time (hh:mm).' },
  regex: { de: 'Das Format stimmt nicht.', en: 'Does not match the expected format.' },
  starts_with: { de: 'Der Anfang stimmt nicht.', en: 'Does not start as expected.' },
  ends_with: { de: 'Das Ende stimmt nicht.', en: 'Does not end as expected.' },
  includes: { de: 'Ein erforderlicher Bestandteil fehlt.', en: 'A required part is missing.' },
};

const bound = (issue: SchemaIssue, side: 'min' | 'max', language: Language) => {
  const limit = Number(side === 'min' ? issue.minimum : issue.maximum);
  const exclusive = issue.inclusive === false;
  const de = language === 'de';
  const n = de ? germanNumber(limit) : String(limit);
  const least = de ? 'Mindestens' : 'At least';
  const most = de ? 'Höchstens' : 'At most';
  switch (issue.origin) {
    case 'string':
      return `${side === 'min' ? least : most} ${n} ${de ? 'Zeichen' : 'characters'}.`;
    case 'array':
    case 'set':
      if (side === 'min' && limit === 1)
        return de ? 'Mindestens ein Eintrag.' : 'At least one item.';
      return `${side === 'min' ? least : most} ${n} ${de ? 'Einträge' : 'items'}.`;
    default:
      if (!exclusive) return `${side === 'min' ? least : most} ${n}.`;
      if (side === 'min') return de ? `Muss größer als ${n} sein.` : `Must be greater than ${n}.`;
      return de ? `Muss kleiner als ${n} sein.` : `Must be less than ${n}.`;
  }
};

/** A schema check's own message id (`params: { messageId }`), when it names one. */
const ownMessage = (issue: SchemaIssue): Message | undefined => {
  const id = issue.params?.messageId;
  return typeof id === 'string' && isMessageId(id) ? { id, params: {} } : undefined;
};

/** The text of one schema issue; zod's own English stands only for checks without a message id. */
const issueText = (issue: SchemaIssue, language: Language): string => {
  const de = language === 'de';
  // A check that names its own message: that text in English, its German from the table.
  if (issue.message !== unnamed && issue.code !== 'unrecognized_keys') {
    if (!de) return issue.message;
    const german = schemaTexts[issue.message];
    if (german !== undefined) return german;
  }
  const list = (values: readonly unknown[]) =>
    de ? quoted(values.map(String)) : values.map((v) => `'${String(v)}'`).join(', ');
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return de ? 'Diese Angabe fehlt.' : 'Required.';
      const name = typeNames[issue.expected ?? '']?.[language];
      if (name !== undefined) return de ? `Erwartet wird ${name}.` : `Expected ${name}.`;
      return de
        ? `Erwartet wird ein Wert vom Typ „${issue.expected}“.`
        : `Expected ${issue.expected}.`;
    }
    case 'too_small':
      return bound(issue, 'min', language);
    case 'too_big':
      return bound(issue, 'max', language);
    case 'invalid_format':
      return (
        formatNames[issue.format ?? '']?.[language] ??
        (de ? `Das ist kein gültiges Format „${issue.format}“.` : `Not a valid ${issue.format}.`)
      );
    case 'not_multiple_of':
      return de
        ? `Muss ein Vielfaches von ${germanNumber(Number(issue.divisor))} sein.`
        : `Must be a multiple of ${Number(issue.divisor)}.`;
    case 'invalid_value':
      return de
        ? `Erlaubt ist nur: ${list(issue.values ?? [])}.`
        : `Allowed: ${list(issue.values ?? [])}.`;
    case 'unrecognized_keys': {
      const keys = issue.keys ?? [];
      if (de)
        return `${keys.length === 1 ? 'Unbekanntes Feld' : 'Unbekannte Felder'}: ${list(keys)}.`;
      return `${keys.length === 1 ? 'Unknown field' : 'Unknown fields'}: ${list(keys)}.`;
    }
    case 'invalid_union':
      return de
        ? 'Der Wert passt zu keiner der erlaubten Formen.'
        : 'Matches none of the allowed forms.';
    case 'invalid_key':
      return de ? 'Ein Schlüssel ist ungültig.' : 'A key is not valid.';
    case 'invalid_element':
      return de ? 'Ein Eintrag ist ungültig.' : 'An element is not valid.';
    default: {
      const own = ownMessage(issue);
      if (own !== undefined) return renderMessage(own, language);
      return de ? 'Dieser Wert ist ungültig.' : issue.message;
    }
  }
};

/**
 * Every message, by id. Ids are grouped by the area they belong to; an id
 * never changes meaning (clients and logs may key on it).
 */
export const catalogue = {
  // Object existence
  'not-found': texts<{ kind: ObjectKind; id: string }>({
    de: ({ kind, id }) => `${accusative(kind)} „${id}“ gibt es nicht.`,
    en: ({ kind, id }) => `${objectKinds[kind].en} '${id}' does not exist.`,
  }),
  'exists-already': texts<{ kind: ObjectKind; id: string }>({
    de: ({ kind, id }) => `${accusative(kind)} „${id}“ gibt es bereits.`,
    en: ({ kind, id }) => `${objectKinds[kind].en} '${id}' exists already.`,
  }),

  // Authentication and permissions
  'auth.token-required': texts({
    de: () => 'Bitte melden Sie sich an: Es fehlt ein gültiges Zugangstoken (Bearer).',
    en: () => 'A valid bearer token is required.',
  }),
  'auth.token-expired': texts({
    de: () => 'Das Zugangstoken ist abgelaufen.',
    en: () => 'The token has expired.',
  }),
  'auth.token-invalid': texts({
    de: () => 'Das Zugangstoken ist ungültig.',
    en: () => 'The token is not valid.',
  }),
  'auth.id-token': texts({
    de: () => 'Erforderlich ist ein Zugangstoken (Access Token), kein ID-Token.',
    en: () => 'An access token is required, not an ID token.',
  }),
  'auth.unknown-client': texts({
    de: () => 'Das Zugangstoken wurde für eine unbekannte Anwendung ausgestellt.',
    en: () => 'The token was issued to an unknown client.',
  }),
  'link.refused': texts<{ reason: LinkRefusal }>({
    de: ({ reason }) => linkRefusals[reason],
    en: ({ reason }) => `The link was refused: ${reason}.`,
  }),
  'forbidden.role': texts({
    de: () => 'Ihre Rolle erlaubt diese Aktion nicht.',
    en: () => 'Your role does not allow this action.',
  }),
  'forbidden.permission': texts<{ permission: string; bodyId?: string }>({
    de: ({ permission, bodyId }) =>
      bodyId === undefined
        ? `Ihre Rolle erlaubt „${permission}“ nicht.`
        : `Ihre Rolle erlaubt „${permission}“ für das Gremium „${bodyId}“ nicht.`,
    en: ({ permission, bodyId }) =>
      bodyId === undefined
        ? `Your role does not allow ${permission}.`
        : `Your role does not allow ${permission} for body '${bodyId}'.`,
  }),
  'forbidden.publish': texts<{ bodyId: string }>({
    de: ({ bodyId }) => `Ihre Rolle erlaubt nicht, für das Gremium „${bodyId}“ zu veröffentlichen.`,
    en: ({ bodyId }) => `Your role does not allow publishing for body '${bodyId}'.`,
  }),
  'forbidden.public-address-only': texts({
    de: () => 'Diese Schnittstelle antwortet nur über ihre öffentliche Adresse.',
    en: () => 'This API answers through its public address only.',
  }),
  'auth.session-expired': texts({
    de: () => 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
    en: () => 'The sign-in has expired; sign in again.',
  }),
  'forbidden.csrf-token': texts({
    de: () =>
      'Dem Formular fehlt ein gültiges Sicherheitsmerkmal (CSRF-Token). Bitte laden Sie die Seite neu und senden Sie es erneut.',
    en: () => 'The form carries no valid CSRF token; reload the page.',
  }),
  'forbidden.cross-site': texts({
    de: () => 'Die Anfrage kam nicht von einer Seite dieser Anwendung.',
    en: () => 'The request did not come from a page of this product.',
  }),

  // Versions, races and request mechanics
  'precondition.failed': texts({
    de: () =>
      'Das Objekt wurde inzwischen von anderer Seite geändert; bitte laden Sie es neu und versuchen Sie es erneut.',
    en: () => 'The object was changed by someone else; fetch it again and retry.',
  }),
  'precondition.required': texts({
    de: () => 'Bitte senden Sie das zuletzt gelesene ETag im Header If-Match.',
    en: () => 'Send the ETag you last read in an If-Match header.',
  }),
  'conflict.transaction': texts({
    de: () =>
      'Dasselbe Objekt wurde im selben Augenblick anderweitig geändert; bitte versuchen Sie es erneut.',
    en: () => 'Another change to the same object was in progress; retry.',
  }),
  'payload.too-large': texts<{ maxBytes: number }>({
    de: ({ maxBytes }) =>
      `Der Inhalt der Anfrage darf höchstens ${germanNumber(maxBytes)} Byte groß sein.`,
    en: ({ maxBytes }) => `The request body may be at most ${maxBytes} bytes.`,
  }),
  'request.not-json': texts({
    de: () => 'Der Inhalt der Anfrage muss JSON sein (Content-Type: application/json).',
    en: () => 'The request body must be JSON (Content-Type: application/json).',
  }),
  'request.malformed-json': texts({
    de: () => 'Der Inhalt der Anfrage ist kein wohlgeformtes JSON.',
    en: () => 'The request body is not well-formed JSON.',
  }),
  'request.invalid-input': texts<{ location: string }>({
    de: ({ location }) => inputLocations[location] ?? 'Die Anfrage ist ungültig.',
    en: ({ location }) => `The request ${location} is not valid.`,
  }),
  'request.idempotency-key-malformed': texts({
    de: () => 'Der Header Idempotency-Key ist fehlerhaft.',
    en: () => 'The Idempotency-Key header is malformed.',
  }),
  'request.idempotency-key-reused': texts({
    de: () => 'Dieser Idempotency-Key wurde bereits für eine andere Anfrage verwendet.',
    en: () => 'This Idempotency-Key was already used for a different request.',
  }),
  'request.form-expected': texts({
    de: () => 'Die Antwort muss als Formular gesendet werden.',
    en: () => 'The answer must be sent as a form.',
  }),
  'request.cursor-invalid': texts({
    de: () => 'Der Wert „next“ gehört nicht zu dieser Liste.',
    en: () => 'The cursor is not valid for this list.',
  }),
  'request.audit-object': texts({
    de: () => 'Der Parameter „object“ muss die Form <Typ>:<ID> haben.',
    en: () => '`object` must be <type>:<id>.',
  }),
  'request.range-reversed': texts({
    de: () => '„to“ darf nicht vor „from“ liegen.',
    en: () => '`to` must not be before `from`.',
  }),

  // Messages of single fields (`errors[]` of a problem)
  'field.schema': texts<{ issue: SchemaIssue }>({
    de: ({ issue }) => issueText(issue, 'de'),
    en: ({ issue }) => issueText(issue, 'en'),
  }),
  'field.expected-json': texts({
    de: () => 'Erwartet wird application/json.',
    en: () => 'expected application/json',
  }),
  'field.malformed-json': texts<{ reason: string }>({
    de: () => 'Das ist kein wohlgeformtes JSON.',
    en: ({ reason }) => reason,
  }),
  'field.expected-form': texts({
    de: () => 'Erwartet wird application/x-www-form-urlencoded.',
    en: () => 'expected application/x-www-form-urlencoded',
  }),
  'field.idempotency-key': texts({
    de: () => '8 bis 128 Buchstaben, Ziffern und . _ : -',
    en: () => '8 to 128 letters, digits, and . _ : -',
  }),
  'field.cursor': texts({
    de: () => 'Bitte übernehmen Sie den Wert „next“ einer vorigen Seite unverändert.',
    en: () => 'use the `next` value of a previous page unchanged',
  }),
  'field.audit-object': texts<{ types: readonly string[] }>({
    de: ({ types }) => `Einer der Typen ${types.join(', ')}, ein Doppelpunkt und die ID.`,
    en: ({ types }) => `one of ${types.join(', ')}, a colon, and the id`,
  }),
  'field.unknown-member': texts<{ memberId?: string }>({
    de: ({ memberId }) =>
      memberId === undefined ? 'Unbekanntes Mitglied.' : `Unbekanntes Mitglied „${memberId}“.`,
    en: ({ memberId }) =>
      memberId === undefined ? 'unknown member' : `unknown member ${memberId}`,
  }),
  'field.guest-without-vote': texts<{ memberId: string }>({
    de: ({ memberId }) => `„${memberId}“ ist Gast ohne Stimmrecht.`,
    en: ({ memberId }) => `${memberId} is a guest without a vote`,
  }),
  'field.status-required': texts({
    de: () => 'Für diese Nachricht erforderlich.',
    en: () => 'required for this message',
  }),
  'field.member-twice': texts({
    de: () => 'Ein Mitglied ist doppelt genannt.',
    en: () => 'a member is named twice',
  }),
  'field.objection-period': texts<{ minimum: number }>({
    de: ({ minimum }) =>
      `Mindestens ${minimum} Stunden, oder nennen Sie in „consentedBy“ alle stimmberechtigten Mitglieder.`,
    en: ({ minimum }) => `at least ${minimum}, or name every voting member in consentedBy`,
  }),
  'field.unknown-report': texts({
    de: () => 'Kein Bericht zu diesem Beschluss.',
    en: () => 'not a report of this resolution',
  }),
  'field.in-the-past': texts({
    de: () => 'Liegt in der Vergangenheit.',
    en: () => 'in the past',
  }),
  'field.deadline-lead': texts<{ hours: number }>({
    de: ({ hours }) =>
      `Mindestens ${hours} Stunden in der Zukunft, oder setzen Sie „urgent: true“.`,
    en: ({ hours }) => `at least ${hours} hours ahead, or set urgent: true`,
  }),
  'field.no-answer': texts({
    de: () => 'Keine Antwort.',
    en: () => 'no answer',
  }),
  'field.not-in-procedure': texts({
    de: () => 'Gehört nicht zu diesem Umlaufverfahren.',
    en: () => 'not in this procedure',
  }),
  'field.statement-too-long': texts<{ max: number }>({
    de: ({ max }) => `Länger als ${germanNumber(max)} Zeichen.`,
    en: ({ max }) => `longer than ${max} characters`,
  }),
  'field.deputy-name-required': texts({
    de: () => 'Bei einer Vertretung erforderlich.',
    en: () => 'required when represented',
  }),
  'field.pre-send-needs-embargo': texts({
    de: () => 'Nur mit einer Sperrfrist („embargoUntil“) in der Zukunft.',
    en: () => 'only with embargoUntil in the future',
  }),
  'field.unknown-session': texts({
    de: () => 'Unbekannte Sitzung.',
    en: () => 'unknown session',
  }),
  'field.exercise-session': texts({
    de: () => 'Die Sitzung ist eine Übung.',
    en: () => 'the session is an exercise',
  }),

  // Bodies and members
  'body.parent-missing': texts<{ bodyId: string }>({
    de: ({ bodyId }) => `Das übergeordnete Gremium „${bodyId}“ gibt es nicht.`,
    en: ({ bodyId }) => `The parent body '${bodyId}' does not exist.`,
  }),
  'body.copy-source-missing': texts<{ bodyId: string }>({
    de: ({ bodyId }) =>
      `Das Gremium „${bodyId}“, dessen Mitglieder übernommen werden sollen, gibt es nicht.`,
    en: ({ bodyId }) => `The body '${bodyId}' to copy does not exist.`,
  }),
  'body.too-large': texts<{ writes: number; limit: number }>({
    de: ({ writes, limit }) =>
      `Das Gremium mit seinen Mitgliedern und Personen braucht ${writes} Schreibvorgänge; eine Transaktion fasst ${limit}. Legen Sie es mit weniger Personen an und ergänzen Sie die übrigen mit PATCH /v1/bodies/{bodyId}/members/{memberId}.`,
    en: ({ writes, limit }) =>
      `The body with its members and people needs ${writes} writes; one transaction takes ${limit}. Create it with fewer people and add the others with PATCH /v1/bodies/{bodyId}/members/{memberId}.`,
  }),
  'inbound.no-answer-to-apply': texts({
    de: () =>
      'Diese Nachricht enthält keine Antwort, die übernommen werden könnte; nennen Sie den Status.',
    en: () => 'This message carries no answer to apply; name the status.',
  }),
  'grid.resolution-twice': texts({
    de: () => 'Jeder Beschluss darf nur einmal genannt werden.',
    en: () => 'Each resolution may be named once.',
  }),
  'grid.resolution-elsewhere': texts<{ resolutionId: string }>({
    de: ({ resolutionId }) => `Der Beschluss „${resolutionId}“ gehört nicht zu dieser Sitzung.`,
    en: ({ resolutionId }) => `The resolution '${resolutionId}' is not one of this session.`,
  }),
  'grid.busy': texts({
    de: () =>
      'Die Beschlüsse werden gerade von vielen Anfragen zugleich geändert; bitte versuchen Sie es erneut.',
    en: () => 'The resolutions are being changed by many requests at once; try again.',
  }),
  'field.resolution-twice': texts({
    de: () => 'Ein Beschluss ist doppelt genannt.',
    en: () => 'a resolution is named twice',
  }),
  'field.not-of-session': texts({
    de: () => 'Gehört nicht zu dieser Sitzung.',
    en: () => 'not of this session',
  }),
  'member.not-in-body': texts<{ memberId: string; bodyId: string }>({
    de: ({ memberId, bodyId }) => `„${memberId}“ ist kein Mitglied des Gremiums „${bodyId}“.`,
    en: ({ memberId, bodyId }) => `'${memberId}' is not a member of '${bodyId}'.`,
  }),
  'members.not-in-body': texts<{ memberIds: readonly string[]; bodyId: string }>({
    de: ({ memberIds, bodyId }) =>
      memberIds.length === 1
        ? `${quoted(memberIds)} ist kein Mitglied des Gremiums „${bodyId}“.`
        : `${quoted(memberIds)} sind keine Mitglieder des Gremiums „${bodyId}“.`,
    en: ({ memberIds, bodyId }) => `${memberIds.join(', ')} is not a member of '${bodyId}'.`,
  }),
  'chair.overlap': texts<{ memberId: string; from: string; to: string }>({
    de: ({ memberId, from, to }) =>
      `Der Zeitraum überschneidet sich mit dem Vorsitz von „${memberId}“ vom ${germanDate(from)} bis zum ${germanDate(to)}.`,
    en: ({ memberId, from, to }) =>
      `The period overlaps the chair of ${memberId} from ${from} to ${to}.`,
  }),

  // Staff accounts
  'staff.grant-refused': texts<{ grant: string }>({
    de: ({ grant }) =>
      `Ihre Rolle erlaubt nicht, die Berechtigung „${grant}“ zu vergeben oder zu entziehen.`,
    en: ({ grant }) => `Your role does not allow giving or taking '${grant}'.`,
  }),
  'staff.not-your-bodies': texts({
    de: () => 'Dieses Benutzerkonto gehört zu keinem Ihrer Gremien.',
    en: () => 'This staff member works for none of your bodies.',
  }),
  'staff.email-taken': texts<{ email: string }>({
    de: ({ email }) => `Ein Benutzerkonto mit der Adresse „${email}“ gibt es bereits.`,
    en: ({ email }) => `A staff member with the address '${email}' exists already.`,
  }),
  'staff.admin-only-fields': texts<{ fields: readonly string[] }>({
    de: ({ fields }) =>
      `${quoted(fields)} eines Benutzerkontos ändert nur eine Administratorin oder ein Administrator.`,
    en: ({ fields }) => `Only an admin changes ${fields.join(', ')} of a staff member.`,
  }),
  'staff.admin-only-remove': texts({
    de: () =>
      'Ein Benutzerkonto mit diesen Berechtigungen entfernt nur eine Administratorin oder ein Administrator.',
    en: () => 'Only an admin removes a staff member with these grants.',
  }),
  'staff.admin-only-sign-out': texts({
    de: () =>
      'Ein Benutzerkonto mit diesen Berechtigungen meldet nur eine Administratorin oder ein Administrator ab.',
    en: () => 'Only an admin signs out a staff member with these grants.',
  }),

  // Sessions and agendas
  'session.host-not-member': texts<{ memberId: string; bodyId: string }>({
    de: ({ memberId, bodyId }) =>
      `Das gastgebende Mitglied „${memberId}“ gehört nicht zum Gremium „${bodyId}“.`,
    en: ({ memberId, bodyId }) => `The host '${memberId}' is not a member of '${bodyId}'.`,
  }),
  'session.preparatory-missing': texts<{ sessionId: string }>({
    de: ({ sessionId }) => `Die vorbereitende Sitzung „${sessionId}“ gibt es nicht.`,
    en: ({ sessionId }) => `The preparatory session '${sessionId}' does not exist.`,
  }),
  'session.preparatory-later': texts({
    de: () =>
      'Die vorbereitende Sitzung darf nicht nach der Sitzung beginnen, die sie vorbereitet.',
    en: () => 'The preparatory session must not start after the session it prepares.',
  }),
  'session.kind-changes-number': texts<{ from: SessionKindName; to: SessionKindName }>({
    de: ({ from, to }) =>
      `Eine ${sessionKinds[from].nominative} Sitzung kann nicht zu einer ${sessionKinds[to].dative} werden, weil sich sonst ihre Nummer ändert; bitte sagen Sie sie ab und planen Sie eine neue.`,
    en: ({ from, to }) =>
      `A ${from} session cannot become ${to}, since its number would change; cancel it and plan a new one.`,
  }),
  'session.locked': texts<{ state: string }>({
    de: ({ state }) => `Eine Sitzung im Status ${status(state)} kann nicht geändert werden.`,
    en: ({ state }) => `A ${state} session cannot be changed.`,
  }),
  'session.transition': texts<{ from: string; to: string }>({
    de: ({ from, to }) =>
      `Eine Sitzung im Status ${status(from)} kann nicht in den Status ${status(to)} wechseln.`,
    en: ({ from, to }) => `A session in state '${from}' cannot become '${to}'.`,
  }),
  'agenda.locked': texts<{ state: string }>({
    de: ({ state }) =>
      `Die Tagesordnung einer Sitzung im Status ${status(state)} kann nicht geändert werden.`,
    en: ({ state }) => `The agenda of a ${state} session cannot be changed.`,
  }),
  'agenda.approval-locked': texts<{ state: string }>({
    de: ({ state }) =>
      `Die Tagesordnung einer Sitzung im Status ${status(state)} kann nicht genehmigt werden.`,
    en: ({ state }) => `The agenda of a ${state} session cannot be approved.`,
  }),
  'agenda.empty': texts({
    de: () => 'Eine leere Tagesordnung kann nicht genehmigt werden.',
    en: () => 'An empty agenda cannot be approved.',
  }),
  'protocol.not-concluded': texts<{ state: string }>({
    de: ({ state }) =>
      `Die Ergebnisniederschrift kann erst nach dem Abschluss der Sitzung freigegeben werden; die Sitzung hat den Status ${status(state)}.`,
    en: ({ state }) =>
      `The protocol can be approved only once the session has concluded; the session is ${state}.`,
  }),
  'protocol.already-approved': texts<{ approvedAt: string }>({
    de: ({ approvedAt }) =>
      `Die Ergebnisniederschrift wurde bereits am ${germanDate(approvedAt)} freigegeben. Die freigegebene Fassung bleibt unverändert.`,
    en: ({ approvedAt }) =>
      `The protocol was already approved on ${approvedAt.slice(0, 10)}; the approved version stays as it is.`,
  }),
  'agenda.changed-during-approval': texts({
    de: () =>
      'Die Sitzung oder ihre Tagesordnung wurde während der Genehmigung geändert; bitte laden Sie beide neu und genehmigen Sie erneut.',
    en: () =>
      'The session or its agenda changed while it was being approved; read them again and approve again.',
  }),
  'agenda.too-many-items': texts<{ max: number }>({
    de: ({ max }) => `Eine Sitzung darf höchstens ${max} Tagesordnungspunkte haben.`,
    en: ({ max }) => `A session may have at most ${max} agenda items.`,
  }),
  'agenda.order-incomplete': texts({
    de: () => 'Die Reihenfolge muss jeden Tagesordnungspunkt der Sitzung genau einmal nennen.',
    en: () => 'The order must name every agenda item of the session exactly once.',
  }),
  'agenda.busy': texts({
    de: () =>
      'Die Tagesordnung wird gerade von mehreren Anfragen zugleich geändert; bitte versuchen Sie es erneut.',
    en: () => 'The agenda is being changed by several requests at once; please try again.',
  }),

  // The console's session forms (fields read as the form sends them)
  'console.session.wall-time': texts({
    de: () => 'Bitte geben Sie Datum und Uhrzeit vollständig an.',
    en: () => 'Enter a complete date and time.',
  }),
  'console.session.ends-before-start': texts({
    de: () => 'Das Ende der Sitzung muss nach ihrem Beginn liegen.',
    en: () => 'The session must end after it starts.',
  }),
  'console.session.deadline-after-start': texts({
    de: () => 'Die Antwortfrist darf nicht nach dem Beginn der Sitzung enden.',
    en: () => 'The answer deadline must not be after the start of the session.',
  }),
  'console.session.place-needed': texts({
    de: () => 'Für eine Sitzung in Präsenz oder eine hybride Sitzung nennen Sie bitte den Ort.',
    en: () => 'A session in person or a hybrid session needs a place.',
  }),
  'console.session.video-needed': texts({
    de: () => 'Für eine Videokonferenz oder eine hybride Sitzung nennen Sie bitte den Videolink.',
    en: () => 'A video conference or a hybrid session needs a video link.',
  }),
  'console.field-required': texts({
    de: () => 'Bitte füllen Sie dieses Feld aus.',
    en: () => 'This field is required.',
  }),
  'console.confirmation-required': texts({
    de: () => 'Bitte bestätigen Sie den Schritt mit dem Kontrollkästchen.',
    en: () => 'Confirm the step with the checkbox.',
  }),

  // Invitations and answers
  'invitation.session-locked': texts<{ state: string }>({
    de: ({ state }) => `Zu einer Sitzung im Status ${status(state)} wird nicht eingeladen.`,
    en: ({ state }) => `A ${state} session takes no invitations.`,
  }),
  'invitation.not-a-person': texts<{ personId: string; bodyId: string }>({
    de: ({ personId, bodyId }) =>
      `„${personId}“ ist keine Person eines Mitglieds des Gremiums „${bodyId}“.`,
    en: ({ personId, bodyId }) => `'${personId}' is not a person of a member of '${bodyId}'.`,
  }),
  'invitation.too-many': texts<{ max: number }>({
    de: ({ max }) => `In einer Anfrage können höchstens ${max} Personen eingeladen werden.`,
    en: ({ max }) => `At most ${max} people can be invited in one request.`,
  }),
  'invitation.revoked': texts({
    de: () => 'Die Einladung wurde zurückgezogen.',
    en: () => 'The invitation has been revoked.',
  }),
  'invitation.answer-closed': texts({
    de: () => 'Die Antwortfrist ist abgelaufen.',
    en: () => 'The answer deadline has passed.',
  }),
  'invitation.deputy-name-required': texts({
    de: () => 'Bitte nennen Sie die Person, die Sie vertritt.',
    en: () => 'Name the person who attends in your place.',
  }),
  'invitation.deputy-by-principal-only': texts({
    de: () =>
      'Eine Vertretung kann nur die eingeladene Ministerin oder der eingeladene Minister melden.',
    en: () => 'Only the invited minister can name a deputy.',
  }),
  'invitation.too-many-deputies': texts<{ max: number }>({
    de: () =>
      'Die Vertretung wurde über diesen Link bereits mehrfach geändert. Bitte wenden Sie sich für weitere Änderungen an die Geschäftsstelle.',
    en: ({ max }) =>
      `A deputy can be named by link at most ${max} times; the secretariat records further changes.`,
  }),
  'invitation.answer-busy': texts({
    de: () =>
      'Die Antwort wird gerade von vielen Anfragen zugleich geändert; bitte versuchen Sie es erneut.',
    en: () => 'The answer is being changed by many requests at once; try again.',
  }),

  // Resolutions
  'resolution.session-cancelled': texts({
    de: () => 'Eine abgesagte Sitzung fasst keine Beschlüsse.',
    en: () => 'A cancelled session takes no resolutions.',
  }),
  'resolution.not-draft': texts<{ state: string; hint: 'correct-instead' | 'votes-final' }>({
    de: ({ state, hint }) =>
      `Der Beschluss hat den Status ${status(state)}; ${
        hint === 'correct-instead'
          ? 'bitte verwenden Sie stattdessen eine Berichtigung.'
          : 'seine Stimmen können sich nicht mehr ändern.'
      }`,
    en: ({ state, hint }) =>
      `The resolution is ${state}; ${
        hint === 'correct-instead' ? 'use a correction instead.' : 'its votes can no longer change.'
      }`,
  }),
  'resolution.busy': texts({
    de: () =>
      'Der Beschluss wird gerade von vielen Anfragen zugleich geändert; bitte versuchen Sie es erneut.',
    en: () => 'The resolution is being changed by many requests at once; try again.',
  }),
  'resolution.guest-without-vote': texts<{ name: string; memberId: string; body: string }>({
    de: ({ name, memberId, body }) =>
      `${name} (${memberId}) ist Gast im Gremium ${body} und hat kein Stimmrecht.`,
    en: ({ name, memberId, body }) =>
      `${name} (${memberId}) is a guest of ${body} and has no vote.`,
  }),
  'resolution.member-twice': texts({
    de: () => 'Jedes Mitglied darf nur einmal genannt werden.',
    en: () => 'Each member may be named once.',
  }),
  'resolution.votes-by-ballot': texts({
    de: () =>
      'Ein Beschluss im Umlaufverfahren erhält Stimmen nur über seine Stimmzettel; erfassen Sie die Antwort eines Landes mit POST /v1/written-procedures/{procedureId}/ballots/{ballotId}/answer.',
    en: () =>
      "A resolution in a written procedure takes votes only through its ballots; record a Land's answer with POST /v1/written-procedures/{procedureId}/ballots/{ballotId}/answer.",
  }),
  'resolution.decided-by-procedure': texts({
    de: () =>
      'Über einen Beschluss im Umlaufverfahren ist entschieden, wenn das Verfahren abgeschlossen wird.',
    en: () => 'A resolution in a written procedure is decided when the procedure closes.',
  }),
  'resolution.draft-not-corrected': texts({
    de: () => 'Ein Entwurf wird bearbeitet, nicht berichtigt.',
    en: () => 'A draft is edited, not corrected.',
  }),
  'resolution.corrections-exhausted': texts<{ corrections: number }>({
    de: ({ corrections }) =>
      `Der Beschluss wurde bereits ${corrections}-mal berichtigt, so oft wie höchstens zulässig; bitte entwerfen Sie stattdessen einen neuen Beschluss.`,
    en: ({ corrections }) =>
      `The resolution has been corrected ${corrections} times, the most it may be; draft a new resolution instead.`,
  }),
  'resolution.release-not-passed': texts({
    de: () => 'Freigegeben werden kann nur ein angenommener Beschluss.',
    en: () => 'Only a passed resolution can be released.',
  }),
  'resolution.objection-period-short': texts<{ minimum: number }>({
    de: ({ minimum }) =>
      `Die Einspruchsfrist muss mindestens ${minimum} Stunden betragen, es sei denn, alle stimmberechtigten Mitglieder haben bereits zugestimmt.`,
    en: ({ minimum }) =>
      `The objection period must be at least ${minimum} hours, unless every voting member has already consented.`,
  }),
  'resolution.no-release-proposed': texts({
    de: () => 'Für diesen Beschluss wurde keine Freigabe vorgeschlagen.',
    en: () => 'No release has been proposed for this resolution.',
  }),
  'resolution.release-settled': texts<{ state: string }>({
    de: ({ state }) =>
      `Über die Freigabe ist bereits entschieden; der Beschluss hat den Status ${status(state)}.`,
    en: ({ state }) => `The release is settled; the resolution is ${state}.`,
  }),
  'resolution.unknown-reports': texts<{ reportIds: readonly string[] }>({
    de: ({ reportIds }) =>
      reportIds.length === 1
        ? `Unbekannter Bericht: ${quoted(reportIds)}.`
        : `Unbekannte Berichte: ${quoted(reportIds)}.`,
    en: ({ reportIds }) => `Unknown report ${reportIds.join(', ')}.`,
  }),

  // Written procedures
  'procedure.deadline-past': texts({
    de: () => 'Die Frist muss in der Zukunft liegen.',
    en: () => 'The deadline must lie in the future.',
  }),
  'procedure.deadline-too-close': texts<{ hours: number }>({
    de: ({ hours }) =>
      `Die Frist muss mindestens ${hours} Stunden in der Zukunft liegen, es sei denn, das Verfahren ist als eilig gekennzeichnet.`,
    en: ({ hours }) =>
      `The deadline must lie at least ${hours} hours ahead, unless the procedure is marked urgent.`,
  }),
  'procedure.no-recipients': texts<{ bodyId: string }>({
    de: ({ bodyId }) =>
      `Kein stimmberechtigtes Mitglied des Gremiums „${bodyId}“ hat eine Ministerin oder einen Minister mit Adresse.`,
    en: ({ bodyId }) => `No voting member of '${bodyId}' has a minister with an address.`,
  }),
  'procedure.too-many-members': texts<{ max: number }>({
    de: ({ max }) => `Ein Umlaufverfahren geht an höchstens ${max} Mitglieder.`,
    en: ({ max }) => `A written procedure goes to at most ${max} members.`,
  }),
  'procedure.guest-without-vote': texts<{ memberId: string }>({
    de: ({ memberId }) => `„${memberId}“ ist Gast und hat kein Stimmrecht.`,
    en: ({ memberId }) => `${memberId} is a guest and has no vote.`,
  }),
  'procedure.answer-each-once': texts({
    de: () => 'Bitte beantworten Sie jeden Beschluss des Verfahrens genau einmal.',
    en: () => 'Answer each resolution of the procedure once.',
  }),
  'procedure.statement-too-long': texts<{ max: number }>({
    de: ({ max }) => `Eine Protokollerklärung darf höchstens ${germanNumber(max)} Zeichen haben.`,
    en: ({ max }) => `A protocol statement may have at most ${max} characters.`,
  }),
  'procedure.closed': texts({
    de: () => 'Das Umlaufverfahren ist abgeschlossen.',
    en: () => 'The written procedure is closed.',
  }),
  'procedure.nobody-to-remind': texts({
    de: () =>
      'Alle stimmberechtigten Mitglieder haben bereits geantwortet; es gibt niemanden zu erinnern.',
    en: () => 'Every voting member has answered; there is nobody to remind.',
  }),
  'procedure.busy': texts({
    de: () =>
      'Das Verfahren wird gerade von vielen zugleich beantwortet; bitte versuchen Sie es erneut.',
    en: () => 'The procedure is being answered by many at once; try again.',
  }),

  // Press releases and the press list
  'press.state': texts<{ state: string; action: PressAction }>({
    de: ({ state, action }) =>
      `Eine Pressemitteilung im Status ${status(state)} kann nicht ${pressActions[action].de}.`,
    en: ({ state, action }) => `A ${state} press release cannot be ${pressActions[action].en}.`,
  }),
  'press.session-not-of-body': texts<{ sessionId: string; bodyId: string }>({
    de: ({ sessionId, bodyId }) => `„${sessionId}“ ist keine Sitzung des Gremiums „${bodyId}“.`,
    en: ({ sessionId, bodyId }) => `'${sessionId}' is not a session of '${bodyId}'.`,
  }),
  'press.exercise-session': texts<{ sessionId: string }>({
    de: ({ sessionId }) =>
      `Die Sitzung „${sessionId}“ ist eine Übung. Zu einer Übung wird keine Pressemitteilung veröffentlicht.`,
    en: ({ sessionId }) =>
      `The session '${sessionId}' is an exercise. No press release is published about an exercise.`,
  }),
  'press.pre-send-needs-embargo': texts({
    de: () => 'Ein Vorabversand setzt eine Sperrfrist in der Zukunft voraus.',
    en: () => 'Sending in advance needs an embargo in the future.',
  }),
  'press.no-pending-correction': texts({
    de: () => 'Keine Berichtigung dieser Pressemitteilung wartet auf Genehmigung.',
    en: () => 'No correction of this release awaits approval.',
  }),
  'press.time-unreadable': texts<{ value: string }>({
    de: ({ value }) =>
      `„${value}“ ist kein vollständiger Zeitpunkt. Bitte wählen Sie Datum und Uhrzeit.`,
    en: ({ value }) => `'${value}' is not a complete date and time. Please pick both.`,
  }),
  'press.time-skipped': texts<{ value: string }>({
    de: ({ value }) =>
      `Den Zeitpunkt „${value}“ gibt es in Berlin wegen der Umstellung auf die Sommerzeit nicht. Bitte wählen Sie eine andere Uhrzeit.`,
    en: ({ value }) =>
      `'${value}' does not exist in Berlin (the clocks go forward then). Please pick another time.`,
  }),
  'press-list.too-many-sign-ups': texts({
    de: () =>
      'Von Ihrem Anschluss kamen in der letzten Stunde zu viele Anmeldungen zur Presseliste. Bitte versuchen Sie es später erneut.',
    en: () =>
      'Too many sign-ups for the press list came from your connection in the last hour. Please try again later.',
  }),
  'press-list.admission-busy': texts({
    de: () =>
      'Für dieselbe Adresse lief gerade eine andere Anmeldung; die E-Mail wird erneut versucht.',
    en: () => 'Another request for the same address was being admitted; the mail is retried.',
  }),
  'press-list.created-meanwhile': texts({
    de: () => 'Die Anmeldung wurde inzwischen angelegt.',
    en: () => 'The subscriber was created meanwhile.',
  }),

  // Outbox and inbound mail
  'outbox.not-resendable': texts<{ state: string }>({
    de: ({ state }) =>
      `Der Eintrag hat den Status ${status(state)}; erneut gesendet werden nur fehlgeschlagene oder ungeklärte Einträge.`,
    en: ({ state }) => `The entry is ${state}; only failed or unknown entries are sent again.`,
  }),
  'inbound.not-in-review': texts<{ state: string }>({
    de: ({ state }) => `Diese Nachricht wartet nicht auf Prüfung (Status ${status(state)}).`,
    en: ({ state }) => `This message is not waiting for review (it is ${state}).`,
  }),
  'inbound.resolved-meanwhile': texts({
    de: () => 'Diese Nachricht wurde im selben Augenblick übernommen oder verworfen.',
    en: () => 'This message was applied or dismissed at the same time.',
  }),
  'inbound.no-invitation': texts({
    de: () => 'Diese Nachricht gehört zu keiner Einladung; bitte verwerfen Sie sie stattdessen.',
    en: () => 'This message belongs to no invitation; dismiss it instead.',
  }),
  'inbound.no-ballot': texts({
    de: () => 'Diese Nachricht gehört zu keinem Stimmzettel; bitte verwerfen Sie sie stattdessen.',
    en: () => 'This message belongs to no ballot; dismiss it instead.',
  }),

  // Answers without an error class of the product (see problem.ts)
  'service.busy': texts({
    de: () =>
      'Der Dienst ist gerade ausgelastet; es wurde nichts geändert. Bitte versuchen Sie es gleich noch einmal.',
    en: () => 'The service is busy right now; nothing was changed. Please retry in a moment.',
  }),
  'service.internal-error': texts({
    de: () =>
      'Bei uns ist ein Fehler aufgetreten. Bitte nennen Sie die Kennung der Anfrage (requestId), wenn Sie ihn melden.',
    en: () => 'Something went wrong on our side. Quote the request id when you report it.',
  }),
  'paper.session-cancelled': texts({
    de: () => 'Einer abgesagten Sitzung können keine Unterlagen mehr beigefügt werden.',
    en: () => 'Papers cannot be added to a cancelled session.',
  }),
  'paper.upload-attached': texts({
    de: () => 'Diese hochgeladene Datei ist bereits einer Unterlage beigefügt.',
    en: () => 'This uploaded file already belongs to a paper.',
  }),
  'paper.upload-missing': texts({
    de: () => 'Zu diesem Upload ist keine Datei angekommen. Bitte laden Sie die Datei erneut hoch.',
    en: () => 'No file arrived for this upload. Upload the file again.',
  }),
  'paper.author-unknown': texts<{ memberId: string }>({
    de: ({ memberId }) => `${memberId} ist kein Mitglied dieses Gremiums.`,
    en: ({ memberId }) => `${memberId} is not a member of this body.`,
  }),
  'paper.too-large': texts<{ megabytes: number }>({
    de: ({ megabytes }) =>
      `Die Datei ist größer als ${megabytes} MB, die dieses Gremium für eine Unterlage zulässt. Sie wurde nicht gespeichert.`,
    en: ({ megabytes }) =>
      `The file is larger than the ${megabytes} MB this body allows for a paper. It was not stored.`,
  }),
  'paper.format': texts({
    de: () =>
      'Als Unterlage sind nur PDF-, Word- (DOCX), Excel- (XLSX) und OpenDocument-Textdateien (ODT) sowie PNG- und JPEG-Bilder möglich; maßgeblich ist der Inhalt der Datei, nicht ihr Name. Die Datei wurde nicht gespeichert.',
    en: () =>
      'A paper must be a PDF, DOCX, XLSX or ODT document or a PNG or JPEG image, as told by its content, not its name. The file was not stored.',
  }),
  'paper.deleted': texts({
    de: () => 'Diese Unterlage ist nach Ablauf ihrer Aufbewahrungsfrist gelöscht worden.',
    en: () => 'This paper was deleted when its retention period ended.',
  }),
  'paper.not-shared': texts({
    de: () =>
      'Diese Fassung der Unterlage ist noch nicht freigegeben: Die Virenprüfung steht aus oder hat ein Problem gemeldet.',
    en: () =>
      'This version of the paper is not shared: its malware scan is pending or reported a problem.',
  }),
  'paper.busy': texts({
    de: () =>
      'Die Unterlage wird gerade von anderer Seite geändert. Bitte versuchen Sie es gleich noch einmal.',
    en: () => 'The paper is being changed by someone else. Try again in a moment.',
  }),
  'request.rejected': texts<{ reason?: string }>({
    de: () => 'Die Anfrage wurde abgelehnt.',
    en: ({ reason }) => reason || 'The request was rejected.',
  }),
};

/** Refused by the compiler when an entry lacks a language (or is not built with `texts`). */
type Complete<T extends Record<string, Texts<never>>> = T;
export type Catalogue = Complete<typeof catalogue>;

export type MessageId = keyof typeof catalogue;
export type MessageParams<Id extends MessageId> = Parameters<(typeof catalogue)[Id]['en']>[0];

/** A message to render later, in the reader's language. */
export interface Message<Id extends MessageId = MessageId> {
  readonly id: Id;
  readonly params: MessageParams<Id>;
}

type ParamArgs<Id extends MessageId> =
  NoParams extends MessageParams<Id> ? [params?: MessageParams<Id>] : [params: MessageParams<Id>];

/**
 * A message by id with its parameters; the compiler checks both.
 *
 * @example
 * ```ts
 * throw new UnprocessableError(msg('agenda.too-many-items', { max: 99 }));
 * ```
 */
export const msg = <Id extends MessageId>(id: Id, ...[params]: ParamArgs<Id>): Message<Id> =>
  ({ id, params: params ?? {} }) as Message<Id>;

/** True for an id the catalogue knows. */
export const isMessageId = (id: string): id is MessageId => Object.hasOwn(catalogue, id);

/** True for a value built with `msg`. */
export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'string' &&
  isMessageId((value as { id: string }).id) &&
  typeof (value as { params?: unknown }).params === 'object';

/**
 * Renders a message in one language.
 *
 * @example
 * ```ts
 * renderMessage(msg('not-found', { kind: 'Body', id: 'imk' }), 'de'); // 'Das Gremium „imk“ gibt es nicht.'
 * ```
 */
export const renderMessage = (message: Message, language: Language): string =>
  (catalogue[message.id][language] as (params: unknown) => string)(message.params);

/** The titles of the problem types, by their slug. */
export const problemTitles = {
  'validation-error': { de: 'Ungültige Anfrage', en: 'Invalid request' },
  unauthorized: { de: 'Anmeldung erforderlich', en: 'Authentication required' },
  forbidden: { de: 'Nicht erlaubt', en: 'Forbidden' },
  'not-found': { de: 'Nicht gefunden', en: 'Not found' },
  conflict: { de: 'Konflikt', en: 'Conflict' },
  'precondition-failed': { de: 'Version veraltet', en: 'Precondition failed' },
  'precondition-required': { de: 'Version erforderlich', en: 'Precondition required' },
  'payload-too-large': { de: 'Anfrage zu groß', en: 'Payload too large' },
  unprocessable: { de: 'Anfrage nicht ausführbar', en: 'Unprocessable request' },
  'too-many-requests': { de: 'Zu viele Anfragen', en: 'Too many requests' },
  'service-busy': { de: 'Dienst ausgelastet', en: 'Service busy' },
  'internal-error': { de: 'Interner Fehler', en: 'Internal error' },
  'request-rejected': { de: 'Anfrage abgelehnt', en: 'Request rejected' },
} as const satisfies Record<string, Record<Language, string>>;

export type ProblemType = keyof typeof problemTitles;

/**
 * The language to answer in, from an `Accept-Language` header: the supported
 * language with the highest q-value (by order on a tie), German when the
 * header is missing or names none of them.
 *
 * @example
 * ```ts
 * negotiateLanguage('en-GB,en;q=0.9,de;q=0.8'); // 'en'
 * negotiateLanguage(undefined); // 'de'
 * ```
 */
export const negotiateLanguage = (header: string | undefined): Language => {
  let best: { language: Language; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [range = '', ...options] = part.trim().split(';');
    const tag = range.trim().toLowerCase();
    const qOption = options.map((o) => o.trim()).find((o) => /^q=/i.test(o));
    const q = qOption === undefined ? 1 : Number(qOption.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const primary = tag.split('-')[0];
    const language = tag === '*' ? languages[0] : languages.find((l) => l === primary);
    if (language === undefined) continue;
    if (best === undefined || q > best.q) best = { language, q };
  }
  return best?.language ?? languages[0];
};
