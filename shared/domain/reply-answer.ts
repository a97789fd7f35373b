import { ownWords } from './reply-text.js';

/**
 * What a reply says, read from the person's own words (see `ownWords`):
 * an answer, or why the secretariat must read it.
 */
export type ReplyReading<T> = { kind: 'answer'; answer: T } | { kind: 'unclear'; reason: string };

/** A reply's answer to an invitation: plain mail knows only yes and no. */
export type MailAnswer = 'accepted' | 'declined';

/**
 * Votes read from a reply to a written procedure: one for every proposal,
 * or one per numbered proposal (1 for the first), as the person wrote them.
 */
export type MailVotes = { all: MailVote } | { byProposal: Record<number, MailVote> };

/** A vote a reply can give. */
export type MailVote = 'yes' | 'no' | 'abstain';

/** A clause's words, as written, shortened for a reason text. */
const quote = (clause: string) => {
  const flat = clause.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 80 ? `${flat.slice(0, 77)}…` : flat}"`;
};

/**
 * Sentences and lines, which answer on their own. A full stop ends a
 * sentence unless it follows a number ("1. Zustimmung") or a short
 * abbreviation ("Nr. 2", "z. B.").
 */
const clausesOf = (text: string): string[] =>
  text
    .split(/\n|[;!?]|(?<!\b(?:\d{1,2}|nr|no|z|b|bzw|ggf|vgl|s|u|i|v|dr|prof))\.(?=\s|$)/iu)
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');

/** Words that turn an answer round: "nicht", "kein", "not", "can't". */
const negation = /\b(nicht|kein|keine|keinen|keiner|nie|not|never|cannot|unable)\b|n['’]t\b/iu;

/** Words saying that the answer is not final yet, in whatever language. */
const conditional =
  /\b(unter vorbehalt|vorbehaltlich|vorläufig|voraussichtlich|eventuell|vielleicht|möglicherweise|unsicher|noch offen|noch nicht sicher|tentative(ly)?|maybe|perhaps|possibly|provisional(ly)?|not yet sure)\b/iu;

/** Words that name someone attending in the invitee's place. */
const deputy =
  /\b(vertreten|vertretung|vertreterin|vertreter|an meiner stelle|statt meiner|represented by|deputy|on my behalf)\b/iu;

/** Attending, which a negation turns into its refusal ("kann leider nicht teilnehmen"). */
const attending =
  /\b(nehme[n]?\b.*\bteil|teil(zu)?nehme[n]?|teilnahme|komme[n]?|bin dabei|sind dabei|attend(ing|ance)?|participat(e|ion)|take part|be there|join)\b/iu;
/** Accepting in so many words ("Zusage", "hiermit sage ich zu", "I accept"). */
const accepting =
  /\b(zusage[n]?|zugesagt|sage[n]?\b(\s+[\p{L}]+){0,4}\s+zu(?=\s*($|[,.;:!?–-]))|accept(ed|ing)?|confirm(ed)?)\b/iu;
/** Declining in so many words ("Absage", "sage ich ab", "verhindert", "I decline"). */
const declining =
  /\b(absage[n]?|abgesagt|sage[n]?\b(\s+[\p{L}]+){0,4}\s+ab(?=\s*($|[,.;:!?–-]))|verhindert|(mich|uns)(\s+[\p{L}]+){0,4}\s+entschuldigen|entschuldige(n)? (mich|uns)|decline[ds]?|declining|regret(fully)?|apologi[sz]e)\b/iu;
/** Phrases using attending words that are no answer ("ich komme auf … zurück"). */
const notAnAnswer = /\b(zurück(zu)?kommen|komme[n]?\b.*\bzurück|zurückkommen)\b/iu;

type Leaning = { answer: MailAnswer; clause: string } | { unclear: string };

/** What one clause says about attending, if anything. */
const leaningOf = (clause: string): Leaning | undefined => {
  if (notAnAnswer.test(clause)) return undefined;
  const negated = negation.test(clause);
  const declines = declining.test(clause);
  const accepts = accepting.test(clause);
  const attends = attending.test(clause);
  if (declines) {
    // "ich sage nicht ab" is no plain answer.
    return negated && !attends ? { unclear: quote(clause) } : { answer: 'declined', clause };
  }
  if (negated && attends) return { answer: 'declined', clause };
  // "Eine Zusage ist noch nicht möglich": a negated acceptance is no refusal either.
  if (negated && accepts) return { unclear: quote(clause) };
  if (accepts || attends) return { answer: 'accepted', clause };
  return undefined;
};

/**
 * Reads a reply to an invitation: "Zusage", "zugesagt", "ich nehme teil",
 * "ich komme", "hiermit sage ich zu", "I will attend", "I accept" accept;
 * "Absage", "kann leider nicht teilnehmen", "verhindert", "I decline",
 * "cannot attend" decline. Only the person's own words count, wherever they
 * stand in the mail. Contradictory, conditional ("unter Vorbehalt") or
 * deputy-naming replies, and replies saying neither, are unclear, with the
 * reason.
 *
 * @example
 * ```ts
 * readInvitationReply('Sehr geehrte Damen und Herren,\nhiermit sage ich zu.');
 * // { kind: 'answer', answer: 'accepted' }
 * ```
 */
export const readInvitationReply = (text: string): ReplyReading<MailAnswer> => {
  const own = ownWords(text);
  const clauses = clausesOf(own);
  const leanings = clauses.flatMap((clause) => {
    const leaning = leaningOf(clause);
    return leaning === undefined ? [] : [leaning];
  });
  const deputyClause = clauses.find((clause) => deputy.test(clause));
  if (deputyClause !== undefined) {
    return { kind: 'unclear', reason: `names a deputy: ${quote(deputyClause)}` };
  }
  const conditionalClause = clauses.find((clause) => conditional.test(clause));
  if (conditionalClause !== undefined) {
    return { kind: 'unclear', reason: `a conditional answer: ${quote(conditionalClause)}` };
  }
  if (leanings.length === 0) return { kind: 'unclear', reason: 'no answer recognised' };
  const unclear = leanings.find((leaning) => 'unclear' in leaning);
  if (unclear !== undefined && 'unclear' in unclear) {
    return { kind: 'unclear', reason: `unclear answer: ${unclear.unclear}` };
  }
  const answers = leanings.filter((leaning) => 'answer' in leaning);
  const accepted = answers.find((leaning) => leaning.answer === 'accepted');
  const declined = answers.find((leaning) => leaning.answer === 'declined');
  if (accepted !== undefined && declined !== undefined) {
    return {
      kind: 'unclear',
      reason: `contradictory answer: ${quote(accepted.clause)} and ${quote(declined.clause)}`,
    };
  }
  return { kind: 'answer', answer: accepted === undefined ? 'declined' : 'accepted' };
};

const voteCues: [RegExp, MailVote][] = [
  [
    /\b(zustimmung|zustimmen|zugestimmt|stimm(e|en|t)\b(\s+[\p{L}]+){0,4}\s+zu(?=\s*($|[,.;:!?–-]|\s+(für|bei)\b))|einverstanden|ja|keine (einwände|einwendungen|bedenken)|approve[ds]?|approval|agree[ds]?|in favou?r|yes|no objections?)\b/giu,
    'yes',
  ],
  [
    /\b(ablehnung|ablehnen|abgelehnt|lehn(e|en|t)\b(\s+[\p{L}]+){0,4}\s+ab(?=\s*($|[,.;:!?–-]|\s+(für|bei)\b))|nein|dagegen|reject(s|ed|ion)?|oppose[ds]?|against)\b/giu,
    'no',
  ],
  [
    /\b(enthaltung|enthalte[n]?(\s+[\p{L}]+){0,3}\s+(mich|uns)\b|enthält(\s+[\p{L}]+){0,3}\s+sich\b|(mich|uns|sich)(\s+[\p{L}]+){0,2}\s+enthalten|abstain(s|ed)?|abstention)\b/giu,
    'abstain',
  ],
];

/** Negations that belong to a "yes": "keine Einwände", "no objection". */
const positiveNegations = /\b(keine (einwände|einwendungen|bedenken)|no objections?)\b/giu;

const numberList = String.raw`(\d{1,2}(?:\s*(?:,|und|u\.|sowie|and|&|bis|to|-|–)\s*\d{1,2})*)`;
/** References to proposals: "Vorschlag 1", "Beschlussvorschläge 1 und 2", "zu Nr. 3", "Proposal 2", "1." at a line's start. */
const proposalReference = new RegExp(
  String.raw`\b(?:beschluss)?vorschl[aä]g(?:e|en|es|s)?\s*(?:nr\.?\s*)?${numberList}|\b(?:proposals?|resolutions?|items?)\s*(?:no\.?\s*)?${numberList}|\b(?:zu|nr\.?|no\.?|top)\s*${numberList}|^\s*\(?${numberList}\s*[.):]`,
  'giu',
);
/** A reference to every proposal at once. */
const everyProposal =
  /\b(alle[nm]?|sämtliche[n]?)\s+(beschluss)?vorschläge[n]?|\ball (the )?(proposals|resolutions)|\binsgesamt\b|\bin total\b/giu;

/** The numbers of "1, 2 und 4" or "1 bis 3". */
const numbersOf = (list: string): number[] => {
  const numbers: number[] = [];
  const parts = list.split(/\s*(?:,|und|u\.|sowie|and|&)\s*/iu);
  for (const part of parts) {
    const range = /^(\d{1,2})\s*(?:bis|to|-|–)\s*(\d{1,2})$/u.exec(part.trim());
    if (range?.[1] !== undefined && range[2] !== undefined) {
      for (let n = Number(range[1]); n <= Number(range[2]); n += 1) numbers.push(n);
    } else if (/^\d{1,2}$/u.test(part.trim())) {
      numbers.push(Number(part.trim()));
    }
  }
  return numbers;
};

type Token =
  | { at: number; kind: 'vote'; vote: MailVote; negated: boolean }
  | { at: number; kind: 'ref'; numbers: number[] | 'all' };

/** The votes and proposal references of one clause, in the order written. */
const tokensOf = (clause: string): Token[] => {
  const negated = negation.test(clause.replace(positiveNegations, ''));
  const tokens: Token[] = [];
  for (const [cue, vote] of voteCues) {
    for (const match of clause.matchAll(cue))
      tokens.push({ at: match.index, kind: 'vote', vote, negated });
  }
  for (const match of clause.matchAll(proposalReference)) {
    const list = match.slice(1).find((group) => group !== undefined) ?? '';
    tokens.push({ at: match.index, kind: 'ref', numbers: numbersOf(list) });
  }
  for (const match of clause.matchAll(everyProposal)) {
    tokens.push({ at: match.index, kind: 'ref', numbers: 'all' });
  }
  return tokens.sort((a, b) => a.at - b.at);
};

type Pairing = { vote: MailVote; numbers: number[] | 'all'; clause: string };

/**
 * Pairs each vote in a clause with the proposals it names: "Zustimmung zu
 * Vorschlag 1 und Ablehnung zu Vorschlag 2" (vote first) or "Vorschlag 1:
 * Zustimmung, Vorschlag 2: Ablehnung" (proposal first). A vote naming no
 * proposal is for every proposal.
 */
const pairingsOf = (clause: string): Pairing[] | { unclear: string } => {
  const tokens = tokensOf(clause);
  const votes = tokens.filter((token) => token.kind === 'vote');
  if (votes.length === 0) return [];
  if (votes.some((token) => token.negated)) return { unclear: `a negated vote: ${quote(clause)}` };
  const refFirst = tokens[0]?.kind === 'ref';
  const pairings: Pairing[] = [];
  let pending: (number[] | 'all')[] = [];
  let current: Pairing | undefined;
  for (const token of tokens) {
    if (token.kind === 'ref') {
      if (refFirst) pending.push(token.numbers);
      else if (current !== undefined) current.numbers = mergeRefs(current.numbers, token.numbers);
      continue;
    }
    if (refFirst) {
      if (pending.length === 0) return { unclear: `a vote naming no proposal: ${quote(clause)}` };
      pairings.push({ vote: token.vote, numbers: pending.reduce(mergeRefs), clause });
      pending = [];
    } else {
      current = { vote: token.vote, numbers: [], clause };
      pairings.push(current);
    }
  }
  if (pending.length > 0) return { unclear: `a proposal without a vote: ${quote(clause)}` };
  return pairings.map((pairing) =>
    Array.isArray(pairing.numbers) && pairing.numbers.length === 0
      ? { ...pairing, numbers: 'all' as const }
      : pairing,
  );
};

const mergeRefs = (a: number[] | 'all', b: number[] | 'all'): number[] | 'all' =>
  a === 'all' || b === 'all' ? 'all' : [...a, ...b];

/**
 * Reads a reply to a written procedure's ballot. "Zustimmung", "Ablehnung",
 * "Enthaltung" (and "ich stimme zu", "einverstanden", "lehne ab", "enthalte
 * mich", "approve", "reject", "abstain") answer every proposal when they are
 * all the reply says; "Zustimmung zu Vorschlag 1, Ablehnung zu Vorschlag 2"
 * answers per proposal. Votes that contradict each other, a negated vote, a
 * proposal named without a vote, or no vote at all are unclear, with the
 * reason; never is one word taken for all proposals when the reply answers
 * them differently.
 *
 * @example
 * ```ts
 * readBallotReply('Zustimmung zu Vorschlag 1, Ablehnung zu Vorschlag 2');
 * // { kind: 'answer', answer: { byProposal: { 1: 'yes', 2: 'no' } } }
 * ```
 */
export const readBallotReply = (text: string): ReplyReading<MailVotes> => {
  const pairings: Pairing[] = [];
  for (const clause of clausesOf(ownWords(text))) {
    const found = pairingsOf(clause);
    if ('unclear' in found) return { kind: 'unclear', reason: found.unclear };
    pairings.push(...found);
  }
  if (pairings.length === 0) return { kind: 'unclear', reason: 'no vote recognised' };
  const forAll = pairings.filter((pairing) => pairing.numbers === 'all');
  const perProposal = pairings.filter((pairing) => pairing.numbers !== 'all');
  const [first] = forAll;
  if (perProposal.length === 0 && first !== undefined) {
    const other = forAll.find((pairing) => pairing.vote !== first.vote);
    if (other !== undefined) {
      return {
        kind: 'unclear',
        reason: `contradictory votes: ${quote(first.clause)} and ${quote(other.clause)}`,
      };
    }
    return { kind: 'answer', answer: { all: first.vote } };
  }
  if (first !== undefined) {
    return {
      kind: 'unclear',
      reason: `a vote for every proposal beside votes per proposal: ${quote(first.clause)}`,
    };
  }
  const byProposal: Record<number, MailVote> = {};
  for (const pairing of perProposal) {
    for (const number of pairing.numbers === 'all' ? [] : pairing.numbers) {
      const earlier = byProposal[number];
      if (earlier !== undefined && earlier !== pairing.vote) {
        return { kind: 'unclear', reason: `contradictory votes on proposal ${number}` };
      }
      byProposal[number] = pairing.vote;
    }
  }
  return { kind: 'answer', answer: { byProposal } };
};

/**
 * The vote on each of a procedure's proposals (in order) that a reply's
 * votes give, or why they do not fit: a proposal left out or one the
 * procedure does not have.
 *
 * @example
 * ```ts
 * votesForProposals({ byProposal: { 1: 'yes', 2: 'no' } }, 2); // { votes: ['yes', 'no'] }
 * ```
 */
export const votesForProposals = (
  votes: MailVotes,
  count: number,
): { votes: MailVote[] } | { unclear: string } => {
  if ('all' in votes) return { votes: Array.from({ length: count }, () => votes.all) };
  const named = Object.keys(votes.byProposal).map(Number);
  const unknown = named.filter((number) => number < 1 || number > count);
  if (unknown.length > 0) {
    return {
      unclear: `names proposal ${unknown.join(', ')}, but the procedure has ${count === 1 ? 'one proposal' : `${count} proposals`}`,
    };
  }
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter(
    (number) => votes.byProposal[number] === undefined,
  );
  if (missing.length > 0) return { unclear: `no vote on proposal ${missing.join(', ')}` };
  return {
    votes: Array.from({ length: count }, (_, index) => votes.byProposal[index + 1] ?? 'abstain'),
  };
};
