import type { BodyCreate, MemberInput } from '../domain/body.js';
import { federationId, lands } from '../domain/lands.js';
import type { Staff, StaffInput } from '../domain/staff.js';
import { addAgendaItem } from './agenda.js';
import { addMember, createBody } from './bodies.js';
import { systemActor, type UseCaseDeps } from './context.js';
import { planSession } from './sessions.js';
import { createStaff, type StaffDeps } from './staff.js';

/** Länder whose interior ministers are senators (city states). */
const cityStates = new Set(['DE-BE', 'DE-HB', 'DE-HH']);

/** Whom the demo's ministers are: women and men, for their forms of address. */
const women = new Set(['DE-BW', 'DE-BE', 'DE-HB', 'DE-HE', 'DE-NI', 'DE-RP', 'DE-SN', 'DE-SH']);

/** "Frau Senatorin", "Herr Minister": how a mail addresses a Land's minister. */
const ministerSalutation = (code: string) =>
  `${women.has(code) ? 'Frau' : 'Herr'} ${cityStates.has(code) ? 'Senator' : 'Minister'}${women.has(code) ? 'in' : ''}`;

/** Fictitious ministers of the demo; Hamburg's is the host of seed 002. */
const ministerNames: Record<string, string> = {
  'DE-BW': 'Karin Albrecht',
  'DE-BY': 'Josef Brandl',
  'DE-BE': 'Miriam Carstens',
  'DE-BB': 'Uwe Dammann',
  'DE-HB': 'Frauke Ehlers',
  'DE-HH': 'Ernesto B. Dutschke',
  'DE-HE': 'Petra Fuchs',
  'DE-MV': 'Jens Grabow',
  'DE-NI': 'Annika Hartmann',
  'DE-NW': 'Markus Imhoff',
  'DE-RP': 'Claudia Jung',
  'DE-SL': 'Thomas Klein',
  'DE-SN': 'Sabine Lorenz',
  'DE-ST': 'Holger Mertens',
  'DE-SH': 'Kirsten Nissen',
  'DE-TH': 'Steffen Oswald',
};

const mailDomain = (code: string) => `${code.toLowerCase()}.example.org`;

/** The IMK's members: the sixteen Länder (voting) and the Bund (guest). */
export const demoImkMembers = (): MemberInput[] => [
  ...lands.map(
    (land): MemberInput => ({
      memberId: land.code,
      name: land.name,
      voting: true,
      people: [
        {
          capacity: 'principal',
          name: ministerNames[land.code] ?? land.name,
          salutation: ministerSalutation(land.code),
          function: cityStates.has(land.code)
            ? `Senator/in für Inneres, ${land.name}`
            : `Minister/in des Innern, ${land.name}`,
          email: `minister@${mailDomain(land.code)}`,
          language: 'de',
        },
        {
          capacity: 'office_contact',
          name: `Büro der Hausleitung ${land.name}`,
          function: 'Ministerbüro',
          email: `ministerbuero@${mailDomain(land.code)}`,
          language: 'de',
        },
      ],
    }),
  ),
  {
    memberId: federationId,
    name: 'Bund',
    voting: false,
    people: [
      {
        capacity: 'principal',
        name: 'Dr. Matthias Linner',
        salutation: 'Herr Bundesminister',
        function: 'Bundesminister des Innern',
        email: 'minister@bund.example.org',
        language: 'de',
      },
      {
        capacity: 'office_contact',
        name: 'Leitungsstab BMI',
        function: 'Ministerbüro',
        email: 'leitungsstab@bund.example.org',
        language: 'de',
      },
    ],
  },
];

/**
 * The Thüringen ministries of the IMAS (seed 000), in cabinet order after
 * the Staatskanzlei, named as a sentence names them after "die Thüringer
 * Staatskanzlei": the interior ministry as the seed calls it. The state
 * secretaries are fictitious.
 */
const imasMinistries = [
  {
    id: 'th-tsk',
    kind: 'state-chancellery',
    name: 'Thüringer Staatskanzlei',
    gender: 'feminine',
    abbreviation: 'TSK',
    secretary: ['Frau', 'Dr. Katrin Adler'],
  },
  {
    id: 'th-tmik',
    kind: 'ministry',
    name: 'Ministerium für Inneres und Kommunales',
    gender: 'neuter',
    abbreviation: 'TMIK',
    secretary: ['Herr', 'Andreas Bergner'],
  },
  {
    id: 'th-tfm',
    kind: 'ministry',
    name: 'Finanzministerium',
    gender: 'neuter',
    abbreviation: 'TFM',
    secretary: ['Frau', 'Ulrike Conrad'],
  },
  {
    id: 'th-tmwllr',
    kind: 'ministry',
    name: 'Ministerium für Wirtschaft, Landwirtschaft und Ländlichen Raum',
    gender: 'neuter',
    abbreviation: 'TMWLLR',
    secretary: ['Herr', 'Bernd Dietzel'],
  },
  {
    id: 'th-tmbwk',
    kind: 'ministry',
    name: 'Ministerium für Bildung, Wissenschaft und Kultur',
    gender: 'neuter',
    abbreviation: 'TMBWK',
    secretary: ['Frau', 'Simone Eckardt'],
  },
  {
    id: 'th-tmjmv',
    kind: 'ministry',
    name: 'Ministerium für Justiz, Migration und Verbraucherschutz',
    gender: 'neuter',
    abbreviation: 'TMJMV',
    secretary: ['Herr', 'Dr. Felix Frank'],
  },
  {
    id: 'th-tmsgaf',
    kind: 'ministry',
    name: 'Ministerium für Soziales, Gesundheit, Arbeit und Familie',
    gender: 'neuter',
    abbreviation: 'TMSGAF',
    secretary: ['Frau', 'Heike Gerlach'],
  },
  {
    id: 'th-tmuenf',
    kind: 'ministry',
    name: 'Ministerium für Umwelt, Energie, Naturschutz und Forsten',
    gender: 'neuter',
    abbreviation: 'TMUENF',
    secretary: ['Herr', 'Martin Hoffmeister'],
  },
  {
    id: 'th-tmdi',
    kind: 'ministry',
    name: 'Ministerium für Digitales und Infrastruktur',
    gender: 'neuter',
    abbreviation: 'TMDI',
    secretary: ['Frau', 'Jana Illgen'],
  },
] as const;

/** The body id of the Thüringen crisis staff in the demo. */
export const demoImasId = 'imas-th';

/**
 * The IMAS Thüringen's members (seed 000): the Staatskanzlei and the
 * ministries, all voting, each with its state secretary, a deputy (the head
 * of the crisis unit) and the secretary's office.
 *
 * @example
 * ```ts
 * await createBody(deps, actor, { ...imasFields, members: demoImasMembers() });
 * ```
 */
export const demoImasMembers = (): MemberInput[] =>
  imasMinistries.map((ministry, index) => {
    const domain = `${ministry.abbreviation.toLowerCase()}.th.example.org`;
    const [form, name] = ministry.secretary;
    return {
      memberId: ministry.id,
      name: ministry.name,
      voting: true,
      kind: ministry.kind,
      gender: ministry.gender,
      abbreviation: ministry.abbreviation,
      order: index + 1,
      people: [
        {
          capacity: 'principal',
          name,
          salutation: form === 'Frau' ? 'Frau Staatssekretärin' : 'Herr Staatssekretär',
          function: `Staatssekretär/in, ${ministry.abbreviation}`,
          email: `staatssekretaer@${domain}`,
          language: 'de',
        },
        {
          capacity: 'deputy',
          name: `Krisenstab ${ministry.abbreviation}`,
          function: 'Leitung des Krisenstabs des Ressorts',
          email: `krisenstab@${domain}`,
          language: 'de',
        },
        {
          capacity: 'office_contact',
          name: `Leitungsbüro ${ministry.abbreviation}`,
          function: 'Leitungsbüro',
          email: `leitungsbuero@${domain}`,
          language: 'de',
        },
      ],
    };
  });

/**
 * The IMAS Thüringen without its members: chaired by the interior ministry,
 * deciding by majority, escalating to the deputies and then the offices.
 */
export const demoImasBody: Omit<BodyCreate, 'members' | 'copyMembersFrom'> = {
  id: demoImasId,
  name: 'Interministerieller Arbeitsstab für Notfalllagen Thüringen',
  shortName: 'IMAS',
  kind: 'crisis_staff',
  // The crisis staff acts when most ressorts agree, and only with at least five present.
  decisionRule: { kind: 'majority', quorum: 5 },
  chairMemberId: 'th-tmik',
  minObjectionHours: 1,
  minProcedureLeadHours: 1,
  sessionNumbering: 'running',
  // Whoever has not answered a short-notice call within 15 minutes: the crisis unit, then the office.
  escalation: { afterMinutes: 15, steps: ['deputies', 'officeContacts'] },
};

/** The next 3 March at least a month ahead, the start of the demo's constitutive session. */
const nextConstitutiveStart = (now: Date): number => {
  let year = now.getUTCFullYear();
  while (Date.UTC(year, 2, 3) < now.getTime() + 30 * 24 * 3600 * 1000) year += 1;
  return year;
};

export interface DemoSeedResult {
  created: boolean;
  sessionId?: string;
}

/** The agenda of the constitutive session, as its results were published (seed 002). */
const demoAgenda = [
  {
    number: '1',
    title: 'Umgang mit dem Krieg in der Ukraine und den damit verbundenen Auswirkungen',
    registeredBy: 'DE-HH',
  },
  { number: '2', title: 'Bekämpfung der Internetkriminalität', registeredBy: 'DE-NW' },
  { number: '3', title: 'Extremismusbekämpfung', registeredBy: 'DE-BY' },
  { number: '4', title: 'Weiteres Vorgehen der IMK', registeredBy: 'DE-HH' },
];

/**
 * Seeds the IMAS Thüringen (seed 000) once, with its nine members and their
 * people in one call; does nothing when it exists.
 *
 * @example
 * ```ts
 * await seedDemoImas(deps); // true the first time, false after
 * ```
 */
export const seedDemoImas = async (deps: UseCaseDeps): Promise<boolean> => {
  if ((await deps.repo.getBody(demoImasId)) !== undefined) return false;
  await createBody(deps, systemActor, { ...demoImasBody, members: demoImasMembers() });
  return true;
};

/**
 * Seeds the demo conference once: the IMK (16 Länder, the Bund as guest,
 * chair Hamburg), the working group AK II, and an upcoming four-day
 * constitutive session in the Ratsstube of the Hamburg Rathaus; and the
 * IMAS Thüringen. Runs through the same use cases as the API; does nothing
 * when the IMK exists (but seeds the IMAS when it is missing).
 */
export const seedDemo = async (deps: UseCaseDeps): Promise<DemoSeedResult> => {
  // Also into a table seeded before the crisis staff was part of the demo.
  await seedDemoImas(deps);
  if ((await deps.repo.getBody('imk')) !== undefined) return { created: false };
  const actor = systemActor;

  await createBody(deps, actor, {
    id: 'imk',
    name: 'Ständige Konferenz der Innenminister und -senatoren der Länder',
    shortName: 'IMK',
    kind: 'plenary',
    decisionRule: { kind: 'unanimity' },
    chairMemberId: 'DE-HH',
  });
  for (const member of demoImkMembers()) await addMember(deps, actor, 'imk', member);

  await createBody(deps, actor, {
    id: 'ak-ii',
    name: 'Arbeitskreis II – Innere Sicherheit',
    shortName: 'AK II',
    kind: 'working_group',
    decisionRule: { kind: 'unanimity' },
    chairMemberId: 'DE-HH',
    parentBodyId: 'imk',
  });
  for (const member of demoImkMembers()) {
    const office = member.people.filter((person) => person.capacity === 'office_contact');
    await addMember(deps, actor, 'ak-ii', {
      ...member,
      people: office.map((person) => ({ ...person, capacity: 'principal' })),
    });
  }

  const year = nextConstitutiveStart(deps.clock.now());
  const { value: session } = await planSession(deps, actor, 'imk', {
    kind: 'constitutive',
    format: 'in_person',
    title: 'Konstituierende Sitzung der IMK',
    startsAt: `${year}-03-03T10:00:00+01:00`,
    endsAt: `${year}-03-06T14:00:00+01:00`,
    timeZone: 'Europe/Berlin',
    place: {
      city: 'Hamburg',
      building: 'Hamburger Rathaus',
      room: 'Ratsstube',
      address: 'Rathausmarkt 1, 20095 Hamburg',
    },
    hostMemberId: 'DE-HH',
    answerDeadline: `${year}-02-17T18:00:00+01:00`,
  });
  for (const item of demoAgenda) await addAgendaItem(deps, actor, session.id, item);
  return { created: true, sessionId: session.id };
};

/** The demo's staff: the secretariat, the chair (Hamburg), two Länder and the press office. */
export const demoStaff: StaffInput[] = [
  {
    email: 'gs@imk.example.org',
    name: 'Geschäftsstelle der IMK',
    phone: '+49 30 18681-0',
    grants: [
      { bodyId: 'imk', role: 'secretariat' },
      { bodyId: 'ak-ii', role: 'secretariat' },
    ],
  },
  {
    email: 'vorsitz@de-hh.example.org',
    name: 'Vorsitzbüro Hamburg',
    grants: [
      { bodyId: 'imk', role: 'chair' },
      { bodyId: 'ak-ii', role: 'chair' },
    ],
  },
  {
    email: 'referat@de-by.example.org',
    name: 'Anna Huber',
    salutation: 'Frau Regierungsdirektorin',
    grants: [{ bodyId: 'imk', role: 'member', memberId: 'DE-BY' }],
  },
  {
    email: 'referat@de-nw.example.org',
    name: 'Jan Wolters',
    salutation: 'Herr Ministerialrat',
    grants: [
      { bodyId: 'imk', role: 'member', memberId: 'DE-NW' },
      { bodyId: 'ak-ii', role: 'member', memberId: 'DE-NW' },
    ],
  },
  {
    email: 'presse@de-hh.example.org',
    name: 'Pressestelle',
    grants: [{ bodyId: 'imk', role: 'press' }],
  },
  {
    email: 'krisenmanagement@tmik.th.example.org',
    name: 'Stabsstelle Krisenmanagement',
    grants: [{ bodyId: demoImasId, role: 'secretariat' }],
  },
  {
    email: 'staatssekretaer@tmik.th.example.org',
    name: 'Andreas Bergner',
    salutation: 'Herr Staatssekretär',
    grants: [{ bodyId: demoImasId, role: 'chair' }],
  },
];

/**
 * Adds the demo's staff to the staff directory, each unless their address
 * is there already, and returns the whole demo staff as stored. Runs
 * after `seedDemo` (member grants need the Länder). There are no sign-in
 * accounts to make: locally `npm run token` signs for staff members.
 */
export const seedDemoStaff = async (deps: Omit<StaffDeps, 'accounts'>): Promise<Staff[]> => {
  const staffDeps: StaffDeps = {
    ...deps,
    accounts: {
      invite: async () => undefined,
      signOut: async () => undefined,
      disable: async () => undefined,
    },
  };
  const stored: Staff[] = [];
  for (const input of demoStaff) {
    const existing = await deps.staff.findStaffByEmail(input.email);
    stored.push(existing ?? (await createStaff(staffDeps, systemActor, input)));
  }
  return stored;
};
