import { ConflictError, PreconditionFailedError, UnprocessableError } from '../domain/errors.js';
import { msg } from '../domain/messages.js';
import { can, requirePermission } from '../domain/policy.js';
import {
  type ApproveInput,
  ApproveInputSchema,
  CorrectionInputSchema,
  fillFacts,
  type PressCorrectionInput,
  type PressJob,
  type PressRelease,
} from '../domain/press-release.js';
import { renderMarkdown } from '../press/markdown.js';
import type { Actor, UseCaseDeps } from './context.js';
import { actorName, nextVersion } from './context.js';
import { parseInput } from './parse-input.js';
import {
  liveFacts,
  load,
  publication,
  releaseText,
  requirePressOrChair,
  requireState,
  save,
} from './press-releases.js';
import { requireVersion } from './versions.js';

/**
 * The steps of a press release that render its Markdown: the preview, the
 * approval and corrections. They live apart from the other steps so that only
 * the function serving them carries the Markdown renderer.
 */

/** The release rendered as it would be published now, with live facts (staff preview). */
export const previewPressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
): Promise<{ release: PressRelease; html: string }> => {
  const release = await load(deps, actor, id, 'press:read');
  return { release, html: release.html ?? renderMarkdown(await releaseText(deps, release)) };
};

/**
 * Unsaved wording rendered as it would be published now, with the live facts
 * of its session (the console's live preview while drafting). Needs the
 * right to read the body's releases; a session of another body fills nothing.
 *
 * @example
 * ```ts
 * const html = await previewPressDraft(deps, actor, { bodyId: 'imk', body: '{{termin}}' });
 * ```
 */
export const previewPressDraft = async (
  deps: UseCaseDeps,
  actor: Actor,
  draft: { bodyId: string; sessionId?: string | undefined; body: string },
): Promise<string> => {
  requirePermission(actor.principal, 'press:read', draft.bodyId);
  const session =
    draft.sessionId === undefined ? undefined : await deps.repo.getSession(draft.sessionId);
  const facts =
    session?.bodyId === draft.bodyId ? await liveFacts(deps, draft.sessionId) : undefined;
  return renderMarkdown(fillFacts(draft.body, facts ?? {}));
};

/**
 * The chair approves a submitted release. The live facts are frozen and the
 * body is rendered once, so that what was approved is what is published.
 * With an embargo in the future the release is scheduled for that instant;
 * with `preSend` the press list gets it now, marked "Sperrfrist: …".
 */
export const approvePressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  input: ApproveInput,
): Promise<PressRelease> => {
  const valid = parseInput(ApproveInputSchema, input, 'body');
  const before = await load(deps, actor, id, 'press:approve');
  requireState(before, ['submitted'], 'approved');
  const embargo = valid.embargoUntil === undefined ? undefined : new Date(valid.embargoUntil);
  const now = deps.clock.now();
  if (valid.preSend && (embargo === undefined || embargo.getTime() <= now.getTime())) {
    throw new UnprocessableError(msg('press.pre-send-needs-embargo'), {
      errors: [{ path: 'body.preSend', message: msg('field.pre-send-needs-embargo') }],
    });
  }
  const facts = await liveFacts(deps, before.sessionId);
  const approved: PressRelease = {
    ...before,
    state: 'approved',
    facts,
    html: renderMarkdown(fillFacts(before.body, facts)),
    approvedAt: now.toISOString(),
    approvedBy: actorName(actor),
    ...(valid.preSend ? { preSend: true } : {}),
  };
  if (embargo === undefined)
    return save(deps, actor, 'approve', before, nextVersion(deps, approved));
  const scheduled = publication(deps, approved, embargo);
  return save(deps, actor, 'approve', before, nextVersion(deps, scheduled.release), scheduled.jobs);
};

/**
 * Corrects a published (or scheduled) release. The chair's (or an admin's)
 * correction takes effect at once: the earlier wording is kept, and the
 * release is marked "korrigiert" with the time, which feeds show as an
 * update of the same entry, and those who have it already are mailed the
 * correction. A correction by the press office is only submitted: the
 * approved wording stands until the chair approves it
 * (`approvePressCorrection`).
 */
export const correctPressRelease = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  input: PressCorrectionInput,
  expectedVersion: number | undefined,
): Promise<PressRelease> => {
  const version = requireVersion(expectedVersion);
  const valid = parseInput(CorrectionInputSchema, input, 'body');
  const before = await load(deps, actor, id, 'press:read');
  requirePressOrChair(actor, before);
  requireState(before, ['published', 'scheduled'], 'corrected');
  if (before.version !== version) throw new PreconditionFailedError();
  const correction = {
    ...(valid.title !== undefined ? { title: valid.title } : {}),
    ...(valid.body !== undefined ? { body: valid.body } : {}),
    note: valid.note,
    by: actorName(actor),
    at: deps.clock.now().toISOString(),
  };
  if (!can(actor.principal, 'press:approve', before.bodyId)) {
    return save(
      deps,
      actor,
      'correction-submitted',
      before,
      nextVersion(deps, { ...before, pendingCorrection: correction }),
    );
  }
  return applyCorrection(deps, actor, before, correction);
};

/** The chair (or an admin) approves the correction the press office submitted. */
export const approvePressCorrection = async (
  deps: UseCaseDeps,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
): Promise<PressRelease> => {
  const version = requireVersion(expectedVersion);
  const before = await load(deps, actor, id, 'press:approve');
  requireState(before, ['published', 'scheduled'], 'corrected');
  if (before.version !== version) throw new PreconditionFailedError();
  if (before.pendingCorrection === undefined) {
    throw new ConflictError(msg('press.no-pending-correction'), {
      state: before.state,
    });
  }
  return applyCorrection(deps, actor, before, before.pendingCorrection);
};

const applyCorrection = (
  deps: UseCaseDeps,
  actor: Actor,
  before: PressRelease,
  correction: NonNullable<PressRelease['pendingCorrection']>,
): Promise<PressRelease> => {
  const now = deps.clock.now().toISOString();
  // Those who have the release already (it is out, or went ahead under embargo) get the correction.
  const mailed = before.state === 'published' || before.preSend === true;
  const job: PressJob = {
    releaseId: before.id,
    kind: 'mail',
    mailing: 'correction',
    dueAt: now,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const { pendingCorrection: _applied, ...rest } = before;
  return save(
    deps,
    actor,
    before.pendingCorrection === undefined ? 'correct' : 'correction-approved',
    before,
    nextVersion(deps, {
      ...rest,
      title: correction.title ?? before.title,
      body: correction.body ?? before.body,
      html: renderMarkdown(fillFacts(correction.body ?? before.body, before.facts ?? {})),
      correctedAt: now,
      revisions: [
        ...before.revisions,
        {
          at: now,
          by: correction.by,
          title: before.title,
          body: before.body,
          note: correction.note,
        },
      ],
    }),
    mailed ? [{ type: 'press-job', op: 'create', job }] : [],
  );
};
