import { useI18n } from 'vue-i18n';
import { useWorkflowEditor, type Selection } from './editor-store.ts';
import { findState } from './model.ts';
import { problemPlace, type Problem, type Setting } from './problems.ts';
import { transitionAt, transitionId } from './transitions.ts';
import { useWorkflowActions } from './use-workflow-actions.ts';

/** A problem as the designer lists it: where, in words, the server's message, and what choosing it selects. */
export interface ProblemRow {
  text: string;
  message: string;
  path: string;
  select: Selection;
}

/** Turns the verifier's JSON Pointers into words ("Transition New → In progress (START) – condition 1, setting “field”"). */
export function useProblemWords() {
  const { t } = useI18n();
  const editor = useWorkflowEditor();
  const actions = useWorkflowActions();

  function settingText(s: Setting): string {
    if (s.what === 'none') return '';
    if (s.what === 'other') return s.raw;
    const base = t(`workflows.where.${s.what}`, { n: s.n ?? 1 });
    return s.param ? t('workflows.where.param', { base, param: actions.paramName(s.param) }) : base;
  }

  function subject(path: string): { text: string; select: Selection } {
    const place = problemPlace(path);
    const tr = place.transition && editor.workflow ? transitionAt(editor.workflow, place.transition) : undefined;
    if (tr) return { text: t('workflows.where.transitionOf', { text: actions.transitionText(tr) }), select: { kind: 'transition', id: transitionId(tr) } };
    if (place.state && editor.workflow && findState(editor.workflow, place.state))
      return { text: t('workflows.where.stateOf', { name: actions.stateName(place.state) }), select: { kind: 'state', key: place.state } };
    if (place.state) return { text: t('workflows.where.stateOf', { name: place.state }), select: null };
    return { text: t('workflows.where.workflow'), select: null };
  }

  /** One problem with a pointer inside the workflow, in words. */
  function row(p: Problem): ProblemRow {
    const s = subject(p.path);
    const setting = settingText(problemPlace(p.path).setting);
    return { ...s, text: setting ? t('workflows.where.line', { subject: s.text, setting }) : s.text, message: p.message, path: p.path };
  }

  /** A server error about the bundle (`/workflows/case/states/x`, or under `/bundle`): in words when it is about the open workflow. */
  function bundleRow(p: Problem): ProblemRow | null {
    const m = /^(?:\/bundle)?\/workflows\/([^/]+)(\/.*)?$/.exec(p.path);
    return m && m[1] === editor.workflowKey ? row({ path: m[2] ?? '', message: p.message }) : null;
  }

  return { row, bundleRow };
}
