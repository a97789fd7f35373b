import { ulid } from 'ulid';
import { type BodyWithMembers, defaultMinProcedureLeadHours } from '../domain/body.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '../domain/errors.js';
import { signLink, verifyLink } from '../domain/link-token.js';
import { msg } from '../domain/messages.js';
import { type BallotOutboxEntry, queuedMail } from '../domain/outbox.js';
import { can, requirePermission } from '../domain/policy.js';
import {
  hasStatement,
  type Resolution,
  resolutionLimits,
  silenceVote,
  withStatement,
} from '../domain/resolution.js';
import { dueReminderOffsets } from '../domain/session.js';
import {
  type Ballot,
  isAnswerable,
  type WrittenProcedure,
  type WrittenProcedureInput,
  WrittenProcedureInputSchema,
} from '../domain/written-procedure.js';
import type { Change } from '../ports/conference-repository.js';
import type { Page, PageRequest } from '../ports/pagination.js';
import {
  type Actor,
  actorName,
  auditEntry,
  type Created,
  createOnce,
  nextVersion,
  retryLostRaces,
  systemActor,
  type UseCaseDeps,
} from './context.js';
import { parseInput } from './parse-input.js';
import { decideDraft, draftResolution, withoutAddresses } from './resolutions.js';
import { eachOnItsOwn, type SweepFailure } from './sweep.js';
import { requireVersion } from './versions.js';

/** Most members a written procedure goes to: it is written in one transaction. */
export const maxProcedureMembers = 30;

/** How long after the deadline a ballot link still opens (to show the result). */
const linkGraceSeconds = 30 * 86_400;

/** A written procedure with its ballots and resolutions. */
export interface ProcedureView {
  procedure: WrittenProcedure;
  resolutions: Resolution[];
  ballots: Ballot[];
}

const ballotEntry = (
  ballot: Ballot,
  now: string,
  kind: BallotOutboxEntry['kind'],
): BallotOutboxEntry => ({
  ...queuedMail(now),
  kind,
  procedureId: ballot.procedureId,
  ballotId: ballot.id,
});

/** The signed token of a ballot's page; it opens until a month after the deadline. */
export const ballotToken = (linkSecret: string, procedure: WrittenProcedure, ballot: Ballot) =>
  signLink(linkSecret, {
    subject: `${procedure.id}:${ballot.id}`,
    purpose: 'ballot-answer',
    expiresAt: Math.floor(Date.parse(procedure.deadline) / 1000) + linkGraceSeconds,
  });

/**
 * Puts one or more resolution texts to the voting members of a body by
 * mail, with a deadline. The procedure, its draft resolutions, one ballot
 * per member (guests get theirs for information) and the mails are written
 * in one transaction; a repeated `Idempotency-Key` starts nothing twice.
 */
export const startWrittenProcedure = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  input: WrittenProcedureInput,
  idempotencyKey?: string,
): Promise<Created<WrittenProcedure>> => {
  const valid = parseInput(WrittenProcedureInputSchema, input, 'body');
  const body = await deps.repo.getBodyWithMembers(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  requirePermission(actor.principal, 'resolutions:manage', bodyId);
  const deadline = new Date(valid.deadline);
  if (deadline.getTime() <= deps.clock.now().getTime()) {
    throw new UnprocessableError(msg('procedure.deadline-past'), {
      errors: [{ path: 'body.deadline', message: msg('field.in-the-past') }],
    });
  }
  // The Länder need time to answer; a shorter lead only when marked urgent (audited).
  const minimumLead = body.minProcedureLeadHours ?? defaultMinProcedureLeadHours;
  if (
    deadline.getTime() - deps.clock.now().getTime() < minimumLead * 3_600_000 &&
    valid.urgent !== true
  ) {
    throw new UnprocessableError(msg('procedure.deadline-too-close', { hours: minimumLead }), {
      errors: [
        {
          path: 'body.deadline',
          message: msg('field.deadline-lead', { hours: minimumLead }),
        },
      ],
    });
  }
  const recipients = body.members.flatMap((member) => {
    const minister = member.people.find((person) => person.capacity === 'principal');
    return minister === undefined ? [] : [{ member, minister }];
  });
  const voters = recipients.filter(({ member }) => member.voting);
  if (voters.length === 0) {
    throw new UnprocessableError(msg('procedure.no-recipients', { bodyId }));
  }
  if (recipients.length > maxProcedureMembers) {
    throw new UnprocessableError(msg('procedure.too-many-members', { max: maxProcedureMembers }));
  }
  return createOnce(
    deps,
    actor,
    { key: idempotencyKey, operation: `written-procedure:${bodyId}`, request: input },
    async () => {
      const now = deps.clock.now().toISOString();
      const procedureId = ulid();
      const resolutions = valid.resolutions.map((resolution) =>
        draftResolution(
          deps,
          { bodyId, procedureId, ...(valid.exercise === true ? { exercise: true } : {}) },
          resolution,
        ),
      );
      const procedure: WrittenProcedure = {
        id: procedureId,
        bodyId,
        title: valid.title,
        deadline: deadline.toISOString(),
        state: 'open',
        resolutionIds: resolutions.map((resolution) => resolution.id),
        voters: voters.map(({ member }) => member.memberId),
        answered: [],
        reminderOffsetsHours: valid.reminderOffsetsHours,
        remindersSent: [],
        ...(valid.exercise === true ? { exercise: true } : {}),
        createdBy: actorName(actor),
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const ballots = recipients.map(
        ({ member, minister }): Ballot => ({
          id: ulid(),
          procedureId,
          bodyId,
          memberId: member.memberId,
          personId: minister.id,
          name: minister.name,
          ...(minister.salutation ? { salutation: minister.salutation } : {}),
          email: minister.email,
          voting: member.voting,
          ...(valid.exercise === true ? { exercise: true } : {}),
          version: 1,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return {
        changes: [
          { type: 'procedure', op: 'create', procedure },
          ...resolutions.map(
            (resolution): Change => ({ type: 'resolution', op: 'create', resolution }),
          ),
          ...ballots.flatMap((ballot): Change[] => [
            { type: 'ballot', op: 'create', ballot },
            { type: 'outbox', op: 'create', entry: ballotEntry(ballot, now, 'ballot') },
          ]),
        ],
        audit: [
          {
            ...auditEntry(
              deps,
              actor,
              'written-procedure.start',
              'written-procedure',
              procedureId,
              bodyId,
              undefined,
              procedure,
            ),
            changedFields: [
              ...(valid.urgent === true ? ['urgent'] : []),
              ...ballots.map((ballot) => `${ballot.memberId}:${ballot.email}`),
            ],
          },
        ],
        value: procedure,
      };
    },
  );
};

/** A procedure's resolutions in the order they were put to the members. */
export const inProcedureOrder = (procedure: WrittenProcedure, resolutions: Resolution[]) => {
  const order = new Map(procedure.resolutionIds.map((id, index) => [id, index]));
  return resolutions.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
};

const loadView = async (deps: UseCaseDeps, procedureId: string): Promise<ProcedureView> => {
  const procedure = await deps.repo.getProcedure(procedureId);
  if (procedure === undefined) throw new NotFoundError('Written procedure', procedureId);
  const [resolutions, ballots] = await Promise.all([
    deps.repo.listResolutionsOfProcedure(procedureId),
    deps.repo.listBallots(procedureId),
  ]);
  return { procedure, resolutions: inProcedureOrder(procedure, resolutions), ballots };
};

/** A written procedure with who has answered and how. */
export const getWrittenProcedure = async (
  deps: UseCaseDeps,
  actor: Actor,
  procedureId: string,
): Promise<ProcedureView> => {
  const view = await loadView(deps, procedureId);
  requirePermission(actor.principal, 'resolutions:read', view.procedure.bodyId);
  if (can(actor.principal, 'people:read-contacts', view.procedure.bodyId)) return view;
  // Addresses are for the secretariat, the chair and admins only.
  return {
    ...view,
    procedure: { ...view.procedure, createdBy: 'Geschäftsstelle' },
    resolutions: view.resolutions.map(withoutAddresses),
    ballots: view.ballots.map(({ email: _email, ...ballot }) => ballot as Ballot),
  };
};

/** A body's written procedures, newest first. */
export const listWrittenProcedures = async (
  deps: UseCaseDeps,
  actor: Actor,
  bodyId: string,
  page: PageRequest,
): Promise<Page<WrittenProcedure>> => {
  const body = await deps.repo.getBody(bodyId);
  if (body === undefined) throw new NotFoundError('Body', bodyId);
  requirePermission(actor.principal, 'resolutions:read', bodyId);
  return deps.repo.listProceduresOfBody(bodyId, page);
};

/**
 * The changes that close a procedure: every voting member who stayed
 * silent gets the vote the body's rule gives silence, each resolution is
 * decided, and everyone (guests too) is mailed the result.
 */
const closingChanges = (
  deps: UseCaseDeps,
  view: ProcedureView,
  body: BodyWithMembers,
  because: NonNullable<WrittenProcedure['closedBecause']>,
): { procedure: WrittenProcedure; changes: Change[] } => {
  const now = deps.clock.now().toISOString();
  const silence = silenceVote(body.decisionRule);
  const procedure = nextVersion(deps, {
    ...view.procedure,
    state: 'closed' as const,
    closedAt: now,
    closedBecause: because,
  });
  const changes: Change[] = [
    {
      type: 'procedure',
      op: 'replace',
      procedure,
      expectedVersion: view.procedure.version,
    },
  ];
  for (const resolution of view.resolutions) {
    const votes = { ...resolution.votes };
    for (const memberId of view.procedure.voters) {
      if (votes[memberId] === undefined) {
        votes[memberId] = { vote: silence, channel: 'silence', at: now, by: 'Fristablauf' };
      }
    }
    const decided = nextVersion(deps, decideDraft(deps, { ...resolution, votes }, body));
    changes.push({
      type: 'resolution',
      op: 'replace',
      resolution: decided,
      expectedVersion: resolution.version,
    });
  }
  for (const ballot of view.ballots) {
    changes.push({
      type: 'outbox',
      op: 'create',
      entry: ballotEntry(ballot, now, 'procedure-result'),
    });
  }
  return { procedure, changes };
};

export interface BallotAnswer {
  /** The vote per resolution id; every resolution of the procedure must be answered. */
  votes: Record<string, 'yes' | 'no' | 'abstain'>;
  /** A protocol statement per resolution id, optional. */
  statements?: Record<string, string>;
}

/** A protocol statement on the ballot is longer than a statement may be. */
export class StatementTooLongError extends UnprocessableError {
  constructor(resolutionIds: readonly string[]) {
    super(msg('procedure.statement-too-long', { max: resolutionLimits.statementLength }), {
      errors: resolutionIds.map((id) => ({
        path: `statements.${id}`,
        message: msg('field.statement-too-long', { max: resolutionLimits.statementLength }),
      })),
    });
  }
}

/** The written procedure is closed or its deadline has passed. */
export class ProcedureClosedError extends ConflictError {
  constructor(deadline: string) {
    super(msg('procedure.closed'), { deadline });
  }
}

/**
 * Records a minister's answer to a written procedure, by link or reply
 * mail: their Land's vote on each resolution and any protocol statement.
 * Until the procedure closes an answer may be changed; the same answer again
 * changes nothing. The answer that completes the procedure closes it in the
 * same transaction. Concurrent answers are serialised by the procedure's
 * version, so no vote is counted twice.
 */
export const recordBallot = async (
  deps: UseCaseDeps,
  target: { procedureId: string; ballotId: string },
  answer: BallotAnswer,
  channel: 'link' | 'mail' | 'secretariat',
  actorName: string,
): Promise<{ ballot: Ballot; changed: boolean; closed: boolean }> => {
  const once = async () => {
    const view = await loadView(deps, target.procedureId);
    const ballot = view.ballots.find((candidate) => candidate.id === target.ballotId);
    if (ballot === undefined) throw new NotFoundError('Ballot', target.ballotId);
    if (!ballot.voting) {
      throw new UnprocessableError(
        msg('procedure.guest-without-vote', { memberId: ballot.memberId }),
      );
    }
    if (!isAnswerable(view.procedure, deps.clock.now())) {
      throw new ProcedureClosedError(view.procedure.deadline);
    }
    const missing = view.resolutions.filter((resolution) => !answer.votes[resolution.id]);
    const unknown = Object.keys(answer.votes).filter(
      (id) => !view.procedure.resolutionIds.includes(id),
    );
    if (missing.length > 0 || unknown.length > 0) {
      throw new UnprocessableError(msg('procedure.answer-each-once'), {
        errors: [
          ...missing.map((r) => ({ path: `votes.${r.id}`, message: msg('field.no-answer') })),
          ...unknown.map((id) => ({
            path: `votes.${id}`,
            message: msg('field.not-in-procedure'),
          })),
        ],
      });
    }
    const statements = Object.entries(answer.statements ?? {})
      .filter(([id, text]) => view.procedure.resolutionIds.includes(id) && text.trim() !== '')
      .map(([id, text]) => [id, text.trim()] as const);
    const tooLong = statements.filter(([, text]) => text.length > resolutionLimits.statementLength);
    if (tooLong.length > 0) throw new StatementTooLongError(tooLong.map(([id]) => id));
    const sameVotes =
      ballot.votes !== undefined &&
      view.procedure.resolutionIds.every((id) => ballot.votes?.[id] === answer.votes[id]);
    const newStatements = statements.filter(
      ([id, text]) =>
        !hasStatement(
          view.resolutions.find((r) => r.id === id)?.statements ?? [],
          [ballot.memberId],
          text,
        ),
    );
    if (sameVotes && newStatements.length === 0) return { ballot, changed: false, closed: false };

    const now = deps.clock.now().toISOString();
    const afterBallot = nextVersion(deps, {
      ...ballot,
      votes: { ...answer.votes },
      channel,
      answeredAt: now,
    });
    // A Land has one statement per resolution: a new one replaces its earlier
    // one, whose text is kept in the audit entry of this answer.
    const previous: Record<string, string> = {};
    const resolutions = view.resolutions.map((resolution): Resolution => {
      const statement = newStatements.find(([id]) => id === resolution.id)?.[1];
      const next =
        statement === undefined
          ? undefined
          : withStatement(resolution.statements, {
              id: ulid(),
              memberIds: [ballot.memberId],
              text: statement,
              at: now,
            });
      for (const replaced of next?.replaced ?? []) {
        previous[`statement:${resolution.id}:${replaced.memberIds.join(',')}`] = replaced.text;
      }
      return {
        ...resolution,
        votes: {
          ...resolution.votes,
          [ballot.memberId]: {
            vote: answer.votes[resolution.id] ?? 'absent',
            channel,
            at: now,
            by: actorName,
          },
        },
        statements: next?.statements ?? resolution.statements,
      };
    });
    const answered = [...new Set([...view.procedure.answered, ballot.memberId])];
    const counted = nextVersion(deps, { ...view.procedure, answered });
    const complete = view.procedure.voters.every((id) => answered.includes(id));
    const body = complete ? await deps.repo.getBodyWithMembers(view.procedure.bodyId) : undefined;
    const closing =
      body === undefined
        ? undefined
        : closingChanges(
            deps,
            { procedure: { ...view.procedure, answered }, resolutions, ballots: view.ballots },
            body,
            'all-answered',
          );
    const changes: Change[] = [
      { type: 'ballot', op: 'replace', ballot: afterBallot, expectedVersion: ballot.version },
      ...(closing === undefined
        ? [
            {
              type: 'procedure' as const,
              op: 'replace' as const,
              procedure: counted,
              expectedVersion: view.procedure.version,
            },
            ...resolutions.map(
              (resolution): Change => ({
                type: 'resolution',
                op: 'replace',
                resolution: nextVersion(deps, resolution),
                expectedVersion: resolution.version,
              }),
            ),
          ]
        : closing.changes),
    ];
    const actor: Actor = {
      principal: { subject: actorName, email: actorName, roles: [], bodies: [] },
    };
    await deps.repo.commit(changes, [
      {
        ...auditEntry(
          deps,
          actor,
          `written-procedure.answer`,
          'written-procedure',
          view.procedure.id,
          view.procedure.bodyId,
          view.procedure,
          closing?.procedure ?? counted,
        ),
        changedFields: [
          `${ballot.memberId}:${channel}:${view.procedure.resolutionIds
            .map((id) => answer.votes[id])
            .join(',')}`,
        ],
        ...(Object.keys(previous).length > 0 ? { previous } : {}),
      },
    ]);
    return { ballot: afterBallot, changed: true, closed: closing !== undefined };
  };
  return retryLostRaces(once, msg('procedure.busy'));
};

/**
 * The secretariat records a Land's answer it took by phone or in writing,
 * through the same path as the ballot page, audited under its own name.
 */
export const recordBallotForMember = async (
  deps: UseCaseDeps,
  actor: Actor,
  target: { procedureId: string; ballotId: string },
  answer: BallotAnswer,
): Promise<Ballot> => {
  const procedure = await deps.repo.getProcedure(target.procedureId);
  if (procedure === undefined) throw new NotFoundError('Written procedure', target.procedureId);
  requirePermission(actor.principal, 'resolutions:manage', procedure.bodyId);
  const { ballot } = await recordBallot(deps, target, answer, 'secretariat', actorName(actor));
  return ballot;
};

/** What a ballot link leads to; refused links throw `LinkRefusedError`. */
export const openBallotLink = async (deps: UseCaseDeps & { linkSecret: string }, token: string) => {
  const claims = verifyLink(deps.linkSecret, token, 'ballot-answer', deps.clock.now());
  const [procedureId = '', ballotId = ''] = claims.subject.split(':');
  const view = await loadView(deps, procedureId);
  const ballot = view.ballots.find((candidate) => candidate.id === ballotId);
  if (ballot === undefined) throw new NotFoundError('Ballot', ballotId);
  const body = await deps.repo.getBodyWithMembers(view.procedure.bodyId);
  if (body === undefined) throw new NotFoundError('Body', view.procedure.bodyId);
  return {
    ...view,
    ballot,
    body,
    open: ballot.voting && isAnswerable(view.procedure, deps.clock.now()),
  };
};

const remindChanges = (
  deps: UseCaseDeps,
  view: ProcedureView,
  offsets: number[],
): { procedure: WrittenProcedure; changes: Change[]; reminded: number } => {
  const now = deps.clock.now().toISOString();
  const pending = view.ballots.filter(
    (ballot) => ballot.voting && !view.procedure.answered.includes(ballot.memberId),
  );
  const procedure = nextVersion(deps, {
    ...view.procedure,
    remindersSent: [...view.procedure.remindersSent, ...offsets],
  });
  return {
    procedure,
    reminded: pending.length,
    changes: [
      { type: 'procedure', op: 'replace', procedure, expectedVersion: view.procedure.version },
      ...pending.map(
        (ballot): Change => ({
          type: 'outbox',
          op: 'create',
          entry: ballotEntry(ballot, now, 'ballot-reminder'),
        }),
      ),
    ],
  };
};

export interface ProcedureSweepResult {
  closed: number;
  reminders: number;
}

/**
 * The scheduled sweep over open written procedures: closes those whose
 * deadline has passed (silence counts as the body's rule says) and reminds
 * those who have not answered when a reminder is due. Each step is guarded
 * by the procedure's version, so sweeps that overlap do nothing twice.
 */
export const sweepWrittenProcedures = async (
  deps: UseCaseDeps,
  actor: Actor = systemActor,
  failures: SweepFailure[] = [],
): Promise<ProcedureSweepResult> => {
  const now = deps.clock.now();
  const result: ProcedureSweepResult = { closed: 0, reminders: 0 };
  const steps = (await deps.repo.listOpenProcedures()).flatMap((open) => {
    const offsets = dueReminderOffsets(
      {
        answerDeadline: open.deadline,
        startsAt: open.deadline,
        reminderOffsetsHours: open.reminderOffsetsHours,
        remindersSent: open.remindersSent,
        // The ballots go out with the procedure.
        invitedAt: open.createdAt,
      },
      now,
    );
    const due = now.getTime() >= Date.parse(open.deadline);
    return !due && offsets.length === 0 ? [] : [{ open, offsets, due }];
  });
  // Someone answering meanwhile, or another sweep winning, is a lost race:
  // the next sweep decides anew. Anything else is reported for that procedure alone.
  await eachOnItsOwn(
    'procedures',
    steps,
    ({ open }) => open.id,
    async ({ open, offsets, due }) => {
      const view = await loadView(deps, open.id);
      if (view.procedure.state !== 'open') return;
      const body = await deps.repo.getBodyWithMembers(view.procedure.bodyId);
      if (body === undefined) throw new NotFoundError('Body', view.procedure.bodyId);
      const step = due
        ? { ...closingChanges(deps, view, body, 'deadline'), reminded: 0 }
        : remindChanges(deps, view, offsets);
      await deps.repo.commit(step.changes, [
        auditEntry(
          deps,
          actor,
          due ? 'written-procedure.close' : 'written-procedure.remind',
          'written-procedure',
          view.procedure.id,
          view.procedure.bodyId,
          view.procedure,
          step.procedure,
        ),
      ]);
      if (due) result.closed += 1;
      result.reminders += step.reminded;
    },
    failures,
  );
  return result;
};

/**
 * A procedure that the secretariat reminds or closes by hand, at the
 * version its page showed; a closed one is refused or, for a repeated
 * close, returned as it is.
 */
const openProcedureAt = async (
  deps: UseCaseDeps,
  actor: Actor,
  procedureId: string,
  expectedVersion: number | undefined,
  onceClosed: 'refuse' | 'as-it-is',
): Promise<ProcedureView> => {
  const view = await loadView(deps, procedureId);
  requirePermission(actor.principal, 'resolutions:manage', view.procedure.bodyId);
  if (view.procedure.state !== 'open' && onceClosed === 'as-it-is') return view;
  if (requireVersion(expectedVersion) !== view.procedure.version) {
    throw new PreconditionFailedError();
  }
  if (view.procedure.state !== 'open') throw new ProcedureClosedError(view.procedure.deadline);
  return view;
};

/**
 * The secretariat reminds, now, every voting member who has not answered:
 * one reminder mail each, as the scheduled reminders send. Guarded by the
 * procedure's version (`If-Match`), so a form sent twice reminds once.
 *
 * @example
 * ```ts
 * const { reminded } = await remindWrittenProcedure(deps, actor, procedure.id, procedure.version);
 * ```
 */
export const remindWrittenProcedure = async (
  deps: UseCaseDeps,
  actor: Actor,
  procedureId: string,
  expectedVersion: number | undefined,
): Promise<{ procedure: WrittenProcedure; reminded: number }> => {
  const view = await openProcedureAt(deps, actor, procedureId, expectedVersion, 'refuse');
  const step = remindChanges(deps, view, []);
  if (step.reminded === 0) throw new ConflictError(msg('procedure.nobody-to-remind'));
  await deps.repo.commit(step.changes, [
    auditEntry(
      deps,
      actor,
      'written-procedure.remind',
      'written-procedure',
      view.procedure.id,
      view.procedure.bodyId,
      view.procedure,
      step.procedure,
    ),
  ]);
  return { procedure: step.procedure, reminded: step.reminded };
};

/**
 * The secretariat closes a procedure before its deadline: as at the
 * deadline, every voting member who stayed silent gets the vote the body's
 * rule gives silence, each resolution is decided, and everyone is mailed
 * the result. Guarded by the procedure's version (`If-Match`); closing a
 * closed procedure again returns it unchanged.
 *
 * @example
 * ```ts
 * const closed = await closeWrittenProcedure(deps, actor, procedure.id, procedure.version);
 * ```
 */
export const closeWrittenProcedure = async (
  deps: UseCaseDeps,
  actor: Actor,
  procedureId: string,
  expectedVersion: number | undefined,
): Promise<WrittenProcedure> => {
  const view = await openProcedureAt(deps, actor, procedureId, expectedVersion, 'as-it-is');
  if (view.procedure.state !== 'open') return view.procedure;
  const body = await deps.repo.getBodyWithMembers(view.procedure.bodyId);
  if (body === undefined) throw new NotFoundError('Body', view.procedure.bodyId);
  const pastDeadline = deps.clock.now().getTime() >= Date.parse(view.procedure.deadline);
  const step = closingChanges(deps, view, body, pastDeadline ? 'deadline' : 'secretariat');
  await deps.repo.commit(step.changes, [
    auditEntry(
      deps,
      actor,
      'written-procedure.close',
      'written-procedure',
      view.procedure.id,
      view.procedure.bodyId,
      view.procedure,
      step.procedure,
    ),
  ]);
  return step.procedure;
};
