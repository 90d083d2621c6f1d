/** The pipeline editor's model: pure edits of a pipeline (schemas/pipeline.schema.json), each returning a new value. */
import type { Locale } from '../../runtime/browser-safe/bundle.ts';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface Stage {
  key: string;
  label: string;
  probability: number;
  kind: StageKind;
  requiredFields: string[];
  rolesAllowed?: string[];
  color: string;
}
export interface Pipeline {
  label: string;
  stages: Stage[];
  i18n?: Partial<Record<Locale, Record<string, string>>>;
}

export type PipelineErrorCode = 'invalid-key' | 'key-taken' | 'published-key' | 'last-stage' | 'invalid-value' | 'no-pipeline' | 'default-pipeline';
/** A refused edit; `code` picks the interface's message. */
export class PipelineError extends Error {
  readonly code: PipelineErrorCode;
  constructor(code: PipelineErrorCode, message: string) {
    super(message);
    this.name = 'PipelineError';
    this.code = code;
  }
}

const KEY = /^[a-z][a-z0-9_]{0,63}$/;
/** True when `key` may name a stage or pipeline (the key pattern of the schema). */
const isKey = (key: string) => KEY.test(key) && key !== 'constructor' && key !== 'prototype';

/** A snake_case key for `label`, unique among `taken`: "Closed – won" → "closed_won"; falls back to `fallback`. */
export function keyFrom(label: string, taken: ReadonlySet<string>, fallback = 'stage'): string {
  const words = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let base = words.join('_').slice(0, 60) || fallback;
  if (!/^[a-z]/.test(base)) base = `${fallback}_${base}`.slice(0, 60);
  if (isKey(base) && !taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** A stage's name in `locale`: its translation, else the English one, else its label. */
export function stageLabel(p: Pipeline, stage: Stage, locale: Locale): string {
  const id = `stage.${stage.key}`;
  return p.i18n?.[locale]?.[id] || p.i18n?.en?.[id] || stage.label;
}

/** The pipeline's name in `locale`, with the same fallbacks. */
export const pipelineLabel = (p: Pipeline, locale: Locale) => p.i18n?.[locale]?.label || p.i18n?.en?.label || p.label;

/** Sets one translation (`label` or `stage.<key>`) in `locale`; an empty text removes it (the fallback applies). */
export function setTranslation(p: Pipeline, locale: Locale, id: string, text: string): Pipeline {
  const texts = { ...(p.i18n?.[locale] ?? {}) };
  if (text.trim()) texts[id] = text;
  else delete texts[id];
  return { ...p, i18n: { ...(p.i18n ?? {}), [locale]: texts } };
}

/** Names text `id` in `locale`; in English the base label changes too, so both always agree. */
function setName(p: Pipeline, locale: Locale, id: string, text: string, base: (p: Pipeline) => Pipeline): Pipeline {
  if (locale !== 'en') return setTranslation(p, locale, id, text);
  const next = base(p);
  return p.i18n?.en ? setTranslation(next, 'en', id, text) : next;
}

/** Renames the pipeline in the interface language. */
export const setPipelineLabel = (p: Pipeline, locale: Locale, text: string) => setName(p, locale, 'label', text, (q) => ({ ...q, label: text }));

const replaceStage = (p: Pipeline, index: number, stage: Stage): Pipeline => ({ ...p, stages: p.stages.map((s, i) => (i === index ? stage : s)) });
const stageAt = (p: Pipeline, index: number): Stage => {
  const stage = p.stages[index];
  if (!stage) throw new PipelineError('invalid-value', `no stage at ${index}`);
  return stage;
};
const takenBy = (p: Pipeline, except: number) => new Set(p.stages.filter((_, i) => i !== except).map((s) => s.key));

/**
 * Renames stage `index` in `locale`. A stage that is not published yet, whose key still follows its name,
 * gets a key from the new name.
 */
export function renameStage(p: Pipeline, index: number, locale: Locale, text: string, published: ReadonlySet<string>): Pipeline {
  const stage = stageAt(p, index);
  const taken = takenBy(p, index);
  const follows = !published.has(stage.key) && stage.key === keyFrom(stageLabel(p, stage, locale), taken);
  const named = setName(p, locale, `stage.${stage.key}`, text, (q) => replaceStage(q, index, { ...stage, label: text }));
  return follows && text.trim() ? setStageKey(named, index, keyFrom(text, taken), published) : named;
}

/** Changes the key of stage `index`, carrying its translations along. Published keys stay: records are in them. */
export function setStageKey(p: Pipeline, index: number, key: string, published: ReadonlySet<string>): Pipeline {
  const stage = stageAt(p, index);
  if (key === stage.key) return p;
  if (published.has(stage.key)) throw new PipelineError('published-key', `"${stage.key}" is published`);
  if (!isKey(key)) throw new PipelineError('invalid-key', `"${key}" is not a key`);
  if (takenBy(p, index).has(key)) throw new PipelineError('key-taken', `"${key}" is taken`);
  const i18n = p.i18n && Object.fromEntries(Object.entries(p.i18n).map(([l, texts]) => [l, renameId(texts, `stage.${stage.key}`, `stage.${key}`)]));
  return { ...replaceStage(p, index, { ...stage, key }), ...(i18n ? { i18n } : {}) };
}

function renameId(texts: Record<string, string>, from: string, to: string): Record<string, string> {
  if (texts[from] === undefined) return texts;
  const { [from]: text, ...rest } = texts;
  return { ...rest, [to]: text! };
}

export type StagePatch = Partial<Pick<Stage, 'probability' | 'kind' | 'requiredFields' | 'rolesAllowed' | 'color'>>;

/** Changes properties of stage `index`; a probability outside 0–100 or a colour that is not #rrggbb is refused. */
export function updateStage(p: Pipeline, index: number, patch: StagePatch): Pipeline {
  const stage = stageAt(p, index);
  const { probability, color } = patch;
  if (probability !== undefined && !(Number.isInteger(probability) && probability >= 0 && probability <= 100))
    throw new PipelineError('invalid-value', 'probability is a whole number from 0 to 100');
  if (color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(color)) throw new PipelineError('invalid-value', 'colour is #rrggbb');
  const next: Stage = { ...stage, ...patch };
  // No roles listed means everyone may move deals into the stage.
  if (next.rolesAllowed?.length === 0) delete next.rolesAllowed;
  return replaceStage(p, index, next);
}

/** `list` with `value` in it or not, keeping the order of first appearance. */
export const toggled = (list: readonly string[], value: string, on: boolean): string[] =>
  on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((v) => v !== value);

/** Adds an open stage named `label` before the first closed one (or at `at`); returns where it landed. */
export function addStage(p: Pipeline, label: string, locale: Locale, at?: number): { pipeline: Pipeline; index: number } {
  const key = keyFrom(label, new Set(p.stages.map((s) => s.key)));
  const firstClosed = p.stages.findIndex((s) => s.kind !== 'open');
  const index = Math.max(0, Math.min(at ?? (firstClosed < 0 ? p.stages.length : firstClosed), p.stages.length));
  const stage: Stage = { key, label, probability: 50, kind: 'open', requiredFields: [], color: '#2563eb' };
  let pipeline: Pipeline = { ...p, stages: [...p.stages.slice(0, index), stage, ...p.stages.slice(index)] };
  if (locale !== 'en' || p.i18n?.en) pipeline = setTranslation(pipeline, locale, `stage.${key}`, label);
  return { pipeline, index };
}

/** Removes stage `index` and its translations; a pipeline keeps at least one stage. */
export function removeStage(p: Pipeline, index: number): Pipeline {
  const stage = stageAt(p, index);
  if (p.stages.length === 1) throw new PipelineError('last-stage', 'a pipeline needs a stage');
  const id = `stage.${stage.key}`;
  const i18n =
    p.i18n && Object.fromEntries(Object.entries(p.i18n).map(([l, texts]) => [l, Object.fromEntries(Object.entries(texts).filter(([k]) => k !== id))]));
  return { ...p, stages: p.stages.filter((_, i) => i !== index), ...(i18n ? { i18n } : {}) };
}

/** Moves stage `from` to position `to` (clamped); the same pipeline when it stays where it is. */
export function moveStage(p: Pipeline, from: number, to: number): Pipeline {
  const target = Math.max(0, Math.min(to, p.stages.length - 1));
  if (target === from || !p.stages[from]) return p;
  const stages = [...p.stages];
  const [stage] = stages.splice(from, 1);
  stages.splice(target, 0, stage!);
  return { ...p, stages };
}

/** A new pipeline named `label` with one open and the two closing stages, under a key unique among `taken`. */
export function newPipeline(
  label: string,
  taken: ReadonlySet<string>,
  names: { open: string; won: string; lost: string },
): { key: string; pipeline: Pipeline } {
  const stage = (key: string, label: string, probability: number, kind: StageKind, color: string): Stage => ({
    key,
    label,
    probability,
    kind,
    requiredFields: [],
    color,
  });
  return {
    key: keyFrom(label, taken, 'pipeline'),
    pipeline: {
      label,
      stages: [
        stage('new', names.open, 10, 'open', '#64748b'),
        stage('won', names.won, 100, 'won', '#15803d'),
        stage('lost', names.lost, 0, 'lost', '#b91c1c'),
      ],
    },
  };
}
