/** The texts of a workflow people read (state and event names, its description, texts its actions write) and their translations. */
import { LOCALES, type Locale } from '../../runtime/browser-safe/bundle.ts';
import { eventLabel } from '../../runtime/browser-safe/workflow-definition.ts';
import { findState, stateLabel, statePaths, type Workflow } from './model.ts';
import { transitionsOf } from './transitions.ts';

/** One text to translate: its id in the workflow's `i18n`, what it is, and the text as the definition writes it. */
export interface TranslatableText {
  id: string;
  kind: 'description' | 'state' | 'event' | 'text';
  source: string;
}

/** Every text of the workflow a person may read, in the order the designer shows them. */
export function translatableTexts(wf: Workflow): TranslatableText[] {
  const out: TranslatableText[] = [];
  if (wf.description?.trim()) out.push({ id: 'description', kind: 'description', source: wf.description });
  for (const path of statePaths(wf)) out.push({ id: `state.${path}`, kind: 'state', source: stateLabel(wf, path) });
  const flat = transitionsOf(wf);
  for (const event of new Set(flat.filter((t) => t.kind === 'on').map((t) => t.key)))
    out.push({ id: `event.${event}`, kind: 'event', source: eventLabel(event) });
  const actions = [
    ...flat.flatMap((t) => t.actions),
    ...statePaths(wf).flatMap((p) => [...(findState(wf, p)!.entry ?? []), ...(findState(wf, p)!.exit ?? [])]),
  ];
  const written = actions.flatMap((a) => [a.params?.message, a.params?.title]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  for (const text of new Set(written)) out.push({ id: `text.${text}`, kind: 'text', source: text });
  return out;
}

/** Sets one translation; an empty text removes it (the English one, else the definition's text, is shown instead). */
export function setTranslation(wf: Workflow, locale: Locale, id: string, text: string): Workflow {
  const texts = { ...(wf.i18n?.[locale] ?? {}) };
  if (text.trim()) texts[id] = text;
  else delete texts[id];
  return { ...wf, i18n: { ...(wf.i18n ?? {}), [locale]: texts } };
}

/**
 * Drops translations of texts the workflow no longer has: a removed state (and its nested states and descriptions), an
 * event no transition names any more, a changed message. Translations of kinds the designer does not list stay.
 */
export function pruneTranslations(wf: Workflow): Workflow {
  if (!wf.i18n) return wf;
  const events = new Set(transitionsOf(wf).flatMap((t) => (t.kind === 'on' ? [t.key] : [])));
  const texts = new Set(translatableTexts(wf).flatMap((t) => (t.kind === 'text' ? [t.id] : [])));
  const gone = (id: string) => {
    const [kind, ...rest] = id.split('.');
    const name = rest.join('.');
    if (kind === 'state' || kind === 'stateDescription') return !findState(wf, name);
    if (kind === 'event' || kind === 'eventDescription') return !events.has(name);
    return kind === 'text' && !texts.has(id);
  };
  const i18n = Object.fromEntries(
    LOCALES.filter((l) => wf.i18n![l]).map((l) => [l, Object.fromEntries(Object.entries(wf.i18n![l]!).filter(([id]) => !gone(id)))]),
  );
  return JSON.stringify(i18n) === JSON.stringify(wf.i18n) ? wf : { ...wf, i18n };
}

/** Carries a state's translations (its name, its description, those of states inside it) from its path to its new one. */
export function renameTranslations(wf: Workflow, from: string, to: string): Workflow {
  if (!wf.i18n) return wf;
  // State keys are identifiers ([a-z0-9_]), joined by dots into paths.
  const key = new RegExp(`^(state|stateDescription)\\.${from.replace(/\./g, '\\.')}(?=\\.|$)`);
  const rename = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([id, v]) => [id.replace(key, `$1.${to}`), v]));
  return { ...wf, i18n: Object.fromEntries(Object.entries(wf.i18n).map(([l, texts]) => [l, rename(texts!)])) };
}
