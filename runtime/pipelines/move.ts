import type { Bundle, EntityDef, PipelineDef, StageDef } from '../browser-safe/bundle.ts';
import type { FieldError } from '../http/problem.ts';

/** What a move asks for; `data` is the record's data with the request's patch already merged. */
export interface MoveInput {
  stage: string;
  data: Record<string, unknown>;
  closeReason?: string;
}

/** Who moves, as far as stage rules care: their role key, and the fields their role hides. */
export interface Mover {
  roles: readonly string[];
  hidden: ReadonlySet<string>;
}

/** A move that may go ahead (with the stages it joins and the trimmed reason), or why not as a problem's status and field errors. */
export type MoveCheck =
  | { ok: true; from: StageDef | undefined; to: StageDef; closeReason: string | null }
  | { ok: false; status: 400 | 403 | 409 | 422; detail: string; errors: FieldError[] };

const refuse = (status: 400 | 403 | 409 | 422, detail: string, errors: FieldError[] = []): MoveCheck => ({ ok: false, status, detail, errors });

/** Empty values do not satisfy a stage's required field; `false` and `0` are answers. */
const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/**
 * A new record enters its pipeline's first stage (`pipeline`, else the entity's default): that stage's required fields
 * are asked at creation, as on a move into it. `skip`: fields the creator can neither see nor write.
 */
export function checkEntryStage(
  bundle: Pick<Bundle, 'pipelines'>,
  def: Pick<EntityDef, 'pipeline'>,
  pipeline: string | undefined,
  skip: ReadonlySet<string>,
  data: Record<string, unknown>,
): { ok: true } | { ok: false; status: 422; detail: string; errors: FieldError[] } {
  const name = pipeline ?? def.pipeline;
  const entry = name === undefined ? undefined : bundle.pipelines[name]?.stages[0];
  const errors = entry ? stageFieldErrors(entry, skip, data) : [];
  return errors.length
    ? { ok: false, status: 422, detail: `A new record starts in the stage ${entry!.label}, which needs more information.`, errors }
    : { ok: true };
}

/** The stage's required fields that `data` leaves empty, at their paths; fields in `skip` are not asked of the person. */
function stageFieldErrors(stage: StageDef, skip: ReadonlySet<string>, data: Record<string, unknown>): FieldError[] {
  return stage.requiredFields
    .filter((f) => !skip.has(f) && isEmpty(data[f]))
    .map((f) => ({ path: `/data/${f}`, message: `is required for the stage ${stage.label}` }));
}

/**
 * Decides a move of a record from stage `current` to `input.stage` of `pipeline` (no I/O): the target must exist
 * and differ from the current stage, admit the mover's role, find its required fields filled in the merged data,
 * and have a close reason exactly when it is a won or lost stage. Required fields the mover's role hides are not
 * asked of them, as with the form's own required fields (they could neither see nor fill them).
 */
export function checkMove(current: string | null, pipeline: PipelineDef, mover: Mover, input: MoveInput): MoveCheck {
  const to = pipeline.stages.find((s) => s.key === input.stage);
  if (!to) return refuse(422, `There is no stage "${input.stage}" in ${pipeline.label}.`, [{ path: '/stage', message: `is not a stage of ${pipeline.label}` }]);
  if (to.key === current) return refuse(409, `The record is already in the stage ${to.label}.`);
  if (to.rolesAllowed && !mover.roles.some((r) => to.rolesAllowed!.includes(r)))
    return refuse(403, `Your role may not move records into the stage ${to.label}.`);
  const closing = to.kind !== 'open';
  if (!closing && input.closeReason !== undefined) {
    return refuse(400, `${to.label} is an open stage; a close reason goes only with won or lost stages.`, [
      { path: '/closeReason', message: 'is only for won or lost stages' },
    ]);
  }
  const errors = stageFieldErrors(to, mover.hidden, input.data);
  const reason = input.closeReason?.trim() ?? '';
  if (closing && reason === '') errors.push({ path: '/closeReason', message: `is required to close as ${to.kind}` });
  if (errors.length) return refuse(422, `Moving to ${to.label} needs more information.`, errors);
  return { ok: true, from: pipeline.stages.find((s) => s.key === current), to, closeReason: closing ? reason : null };
}
