import type { ValidateFunction } from 'ajv';
import type { Bundle, WorkflowDef } from '../browser-safe/bundle.ts';
import type { FieldError } from '../http/problem.ts';
import { createAjv } from '../http/validate.ts';
import { ACTIONS, GUARDS, type CatalogEntry } from './catalog.ts';
import {
  activeIn,
  entryLeaf,
  leafStates,
  resolveTarget,
  statesOf,
  transitionsOf,
  type ActionRef,
  type GuardRef,
  stateLabel,
  type StateInfo,
  type TransitionInfo,
} from '../browser-safe/workflow-definition.ts';
import { alwaysLoops } from './always-cycles.ts';
import { guardPossible } from './guard-logic.ts';

/** Where a workflow is used: the entity whose records it drives (its form and the roles' privileges on it). */
export interface VerifyContext {
  bundle: Pick<Bundle, 'entities' | 'roles'>;
  entity?: string;
}

const ajv = createAjv();
const compiled = new Map<CatalogEntry, ReturnType<typeof ajv.compile>>();
const paramCheck = (entry: CatalogEntry) => {
  if (!compiled.has(entry)) compiled.set(entry, ajv.compile(entry.params));
  return compiled.get(entry)!;
};
// Field schemas arrive as new objects with every draft: kept by their text, and dropped from Ajv as well when the
// cache is full, or Ajv (which keeps every schema it compiled) would grow with each verification.
const fieldChecks = new Map<string, ValidateFunction>();
function fieldCheck(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let check = fieldChecks.get(key);
  if (!check) {
    if (fieldChecks.size >= 500) {
      for (const old of fieldChecks.values()) ajv.removeSchema(old.schema as object);
      fieldChecks.clear();
    }
    check = ajv.compile(structuredClone(schema));
    fieldChecks.set(key, check);
  }
  return check;
}

/** How deep states may be put inside one another. */
export const MAX_DEPTH = 8;

/**
 * Every problem that would make a workflow misbehave at runtime, each at its JSON Pointer inside the definition:
 * unknown targets (all of them), a bad `initial`, unreachable states, non-final states with no way out, states a record
 * can reach but never leave nor finish in, unknown guards
 * or actions, params failing their schema, fields the entity's form lacks, roles that do not exist, events no role can fire,
 * loops of automatic transitions, guards reading a field hidden from a role that may fire the event or set off an automatic one.
 * Pure; expects a definition that already passed schemas/workflow.schema.json.
 */
export function verifyWorkflow(def: WorkflowDef, ctx: VerifyContext): FieldError[] {
  const problems: FieldError[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const all = statesOf(def);
  // Deeper nesting serves no workflow a person can read, and every step of a record costs more with each level.
  const deep = all.find((s) => s.path.split('.').length > MAX_DEPTH);
  if (deep) return [{ path: deep.pointer, message: `is nested too deep: states may be put inside one another ${MAX_DEPTH} levels deep at most` }];
  const top = all.find((s) => s.parent === '' && s.path === def.initial);
  if (!top)
    add(
      '/initial',
      `names no top-level state (the states are ${all
        .filter((s) => !s.parent)
        .map((s) => s.path)
        .join(', ')})`,
    );
  for (const s of all) {
    if (s.node.states && !Object.hasOwn(s.node.states, s.node.initial ?? '')) add(`${s.pointer}/initial`, 'names no child of this state');
  }
  const checkRef = refChecker(ctx, add);
  const edges = new Map<string, string[]>();
  for (const state of all) {
    for (const t of transitionsOf(state)) {
      if (t.transition.target !== undefined) {
        const to = resolveTarget(def, state, t.transition.target, all);
        if (!to) add(t.targetPointer, `“${t.transition.target}” is not a state of this workflow`);
        else edges.set(state.path, [...(edges.get(state.path) ?? []), to.path]);
      }
      if (t.transition.guard) checkGuard(t.transition.guard, `${t.pointer}/guard`, checkRef, add);
      t.transition.actions?.forEach((a, i) => checkRef('action', a, `${t.pointer}/actions/${i}`));
    }
    for (const when of ['entry', 'exit'] as const) (state.node[when] ?? []).forEach((a, i) => checkRef('action', a, `${state.pointer}/${when}/${i}`));
  }
  if (top) unreachable(all, top, edges).forEach((s) => add(s.pointer, 'cannot be reached from the initial state'));
  alwaysLoops(def).forEach((pointer) => add(pointer, 'automatic transitions lead back here in a loop that would never stop'));
  for (const leaf of leafStates(def)) {
    if (leaf.node.type === 'final') continue;
    const exits = activeIn(all, leaf.path).some((s) => transitionsOf(s).length > 0);
    if (!exits) add(leaf.pointer, 'has no way out: add a transition, or mark it final');
  }
  if (top) traps(def, all, top, ctx).forEach(([pointer, message]) => add(pointer, message));
  if (ctx.entity !== undefined)
    unfireableEvents(all, ctx).forEach(([pointer, event]) =>
      add(pointer, `no role can ever fire ${event}: no role that may update ${ctx.entity} records passes its guard`),
    );
  if (ctx.entity !== undefined) problems.push(...hiddenFieldGuards(all, ctx));
  return problems;
}

type RefCheck = (kind: 'guard' | 'action', ref: GuardRef | ActionRef, pointer: string) => void;

function checkGuard(guard: GuardRef, pointer: string, checkRef: RefCheck, add: (p: string, m: string) => void) {
  if (guard.type === 'and' || guard.type === 'or') guard.guards?.forEach((g, i) => checkGuard(g, `${pointer}/guards/${i}`, checkRef, add));
  else if (guard.type === 'not') checkGuard(guard.guard!, `${pointer}/guard`, checkRef, add);
  else checkRef('guard', guard, pointer);
}

/** Checks one named guard or action: known name, params valid, fields of the entity's form, roles of the bundle. */
function refChecker(ctx: VerifyContext, add: (p: string, m: string) => void): RefCheck {
  const form = ctx.entity !== undefined && Object.hasOwn(ctx.bundle.entities, ctx.entity) ? ctx.bundle.entities[ctx.entity]!.form.schema : undefined;
  return (kind, ref, pointer) => {
    const catalog: Record<string, CatalogEntry> = kind === 'guard' ? GUARDS : ACTIONS;
    const entry = Object.hasOwn(catalog, ref.type) ? catalog[ref.type] : undefined;
    if (!entry)
      return add(`${pointer}/type`, `is not ${kind === 'guard' ? 'a guard' : 'an action'} the runtime knows (known: ${Object.keys(catalog).join(', ')})`);
    const params = ref.params ?? {};
    const check = paramCheck(entry);
    if (!check(params)) return add(`${pointer}/params`, `do not fit ${ref.type}: ${ajv.errorsText(check.errors, { dataVar: 'params' })}`);
    for (const name of entry.fieldParams ?? []) {
      const fields = ([] as unknown[]).concat(params[name] ?? []) as string[];
      fields.forEach((f, i) => {
        const at = Array.isArray(params[name]) ? `${pointer}/params/${name}/${i}` : `${pointer}/params/${name}`;
        if (form && !Object.hasOwn(form.properties, f)) add(at, `“${f}” is not a field of the ${ctx.entity} form`);
      });
    }
    if (form) checkValues(ref, form.properties, pointer, add);
    for (const name of entry.roleParams ?? []) {
      const keys = params[name] === undefined ? [] : (([] as unknown[]).concat(params[name]) as string[]);
      keys.forEach((r, i) => {
        const at = Array.isArray(params[name]) ? `${pointer}/params/${name}/${i}` : `${pointer}/params/${name}`;
        if (!Object.hasOwn(ctx.bundle.roles, r)) add(at, `“${r}” is not a role`);
      });
    }
    if (ref.type === 'convertLead' && ctx.entity !== undefined && ctx.entity !== 'lead')
      add(`${pointer}/type`, 'converts leads only; this workflow drives another kind of record');
  };
}

/** Values a guard compares with, or an action writes, must be values the field can hold. */
function checkValues(ref: GuardRef | ActionRef, properties: Record<string, unknown>, pointer: string, add: (p: string, m: string) => void) {
  const p = ref.params ?? {};
  const fieldSchema = typeof p.field === 'string' && Object.hasOwn(properties, p.field) ? properties[p.field] : undefined;
  if (!fieldSchema) return;
  const fits = fieldCheck(fieldSchema as object);
  const values: [unknown, string][] =
    ref.type === 'fieldIn' ? ((p.values as unknown[]) ?? []).map((v, i) => [v, `/values/${i}`]) : 'value' in p ? [[p.value, '/value']] : [];
  for (const [value, at] of values) {
    // Clearing a field is a value every optional field can take.
    if (value === null && ref.type === 'setField') continue;
    if (!fits(value)) add(`${pointer}/params${at}`, `is not a value the field “${p.field}” can hold`);
  }
}

/** States no path of transitions reaches from the initial state (a compound state is entered through its initial child). */
function unreachable(all: StateInfo[], top: StateInfo, edges: Map<string, string[]>): StateInfo[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const state = all.find((s) => s.path === path)!;
    // Entering a state enters its ancestors and its initial descendants; leaving it may use any ancestor's transitions.
    if (state.parent) visit(state.parent);
    const leaf = entryLeaf(state, all);
    if (leaf && leaf.path !== path) visit(leaf.path);
    for (const to of edges.get(path) ?? []) visit(to);
  };
  visit(top.path);
  return all.filter((s) => !seen.has(s.path));
}

/** Whether someone could ever take a transition: automatic ones always; an event when a role that may update the entity passes its guard. */
const takeable = (t: TransitionInfo, ctx: VerifyContext) =>
  t.kind !== 'on' || !t.transition.guard || ctx.entity === undefined || firingRoles(ctx).some((role) => guardPossible(t.transition.guard!, role) !== 'no');

/**
 * Closed sets of states that a record can reach but never leave, and in which it can never finish: every transition
 * anyone can take from them leads back into them (a state whose transitions all lead to itself is the smallest).
 * A way out only one role can take is still a way out. In a workflow without final states (a lifecycle records keep
 * moving around in, like cases that may always be reopened) only a single state that cannot be left is a trap.
 * Each set is reported at its first state, naming its states and a path to it.
 */
function traps(def: WorkflowDef, all: StateInfo[], top: StateInfo, ctx: VerifyContext): [string, string][] {
  const moves = new Map<string, Set<string>>();
  for (const leaf of leafStates(def)) {
    const active = activeIn(all, leaf.path);
    const targets = active.flatMap((s) => transitionsOf(s).filter((t) => t.transition.target !== undefined && takeable(t, ctx)));
    const to = targets.map((t) => resolveTarget(def, t.from, t.transition.target!)).map((s) => s && entryLeaf(s, all)?.path);
    moves.set(leaf.path, new Set(to.filter((p): p is string => p !== undefined)));
  }
  // Breadth first from the initial leaf: which leaves a record can reach, and the way it got there.
  const start = entryLeaf(top, all)?.path;
  if (start === undefined) return [];
  const cameFrom = new Map<string, string | null>([[start, null]]);
  for (const at of cameFrom.keys()) for (const to of moves.get(at) ?? []) if (!cameFrom.has(to)) cameFrom.set(to, at);
  const reachable = [...cameFrom.keys()];
  const reach = (from: string) => {
    const seen = new Set([from]);
    for (const at of seen) for (const to of moves.get(at) ?? []) seen.add(to);
    return seen;
  };
  const reachOf = new Map(reachable.map((p) => [p, reach(p)]));
  const isFinal = (path: string) => all.find((s) => s.path === path)!.node.type === 'final';
  const label = (path: string) => `“${stateLabel(def, path)}”`;
  const out: [string, string][] = [];
  const reported = new Set<string>();
  for (const path of reachable) {
    const closed = reachOf.get(path)!;
    // A closed set: everything reachable from here reaches back here. Reported once, and only when it has no final state.
    if (reported.has(path) || [...closed].some((p) => !reachOf.get(p)!.has(path) || isFinal(p))) continue;
    if (closed.size > 1 && !all.some((s) => s.node.type === 'final')) continue;
    closed.forEach((p) => reported.add(p));
    // A state with no transitions at all is reported as having no way out.
    if (closed.size === 1 && moves.get(path)!.size === 0) continue;
    const names = [...closed].map(label);
    const way: string[] = [];
    for (let at: string | null = path; at !== null; at = cameFrom.get(at)!) way.unshift(label(at));
    const what =
      closed.size === 1
        ? 'every transition from it leads back to it'
        : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} lead only to each other and never to a final state`;
    out.push([all.find((s) => s.path === path)!.pointer, `records that reach it can never leave: ${what} (reached by ${way.join(' → ')})`]);
  }
  return out;
}

/** `on` transitions whose every guard fails for every role that may update the entity. */
/** Roles that may update records of the entity (the owner role always may): those who could fire its events. */
const firingRoles = (ctx: VerifyContext) =>
  ['owner', ...Object.keys(ctx.bundle.roles).filter((r) => r !== 'owner')].filter(
    (r) => r === 'owner' || (ctx.bundle.roles[r]!.entities[ctx.entity!]?.update ?? 'none') !== 'none',
  );

function unfireableEvents(all: StateInfo[], ctx: VerifyContext): [string, string][] {
  const firing = firingRoles(ctx);
  const out: [string, string][] = [];
  for (const state of all) {
    const byEvent = new Map<string, { pointer: string; guards: (GuardRef | undefined)[] }>();
    for (const t of transitionsOf(state).filter((t) => t.kind === 'on')) {
      const entry = byEvent.get(t.trigger) ?? { pointer: `${state.pointer}/on/${t.trigger}`, guards: [] };
      entry.guards.push(t.transition.guard);
      byEvent.set(t.trigger, entry);
    }
    for (const [event, { pointer, guards }] of byEvent) {
      const someone = firing.some((role) => guards.some((g) => g === undefined || guardPossible(g, role) !== 'no'));
      if (!someone) out.push([pointer, event]);
    }
  }
  return out;
}

/**
 * Guards of events that read a field hidden from a role that may fire the event: which events that role is offered
 * would tell it the field's value. Each is reported at the field's param, naming the roles.
 */
function hiddenFieldGuards(all: StateInfo[], ctx: VerifyContext): FieldError[] {
  const problems: FieldError[] = [];
  const hiddenFor = (role: string, field: string) => ctx.bundle.roles[role]?.entities[ctx.entity!]?.fields?.[field] === 'hidden';
  const visit = (guard: GuardRef, pointer: string, whole: GuardRef, automatic: boolean) => {
    if (guard.guards) return guard.guards.forEach((g, i) => visit(g, `${pointer}/guards/${i}`, whole, automatic));
    if (guard.guard) return visit(guard.guard, `${pointer}/guard`, whole, automatic);
    const entry = Object.hasOwn(GUARDS, guard.type) ? GUARDS[guard.type]! : undefined;
    for (const name of entry?.fieldParams ?? []) {
      const fields = ([] as unknown[]).concat(guard.params?.[name] ?? []) as string[];
      fields.forEach((field, i) => {
        const roles = firingRoles(ctx).filter((r) => guardPossible(whole, r) !== 'no' && hiddenFor(r, field));
        const at = Array.isArray(guard.params?.[name]) ? `${pointer}/params/${name}/${i}` : `${pointer}/params/${name}`;
        const why = automatic
          ? 'whose edits may set off this automatic transition: the change of state would reveal its value'
          : 'who may fire this event: the buttons they are offered would reveal its value';
        if (roles.length) problems.push({ path: at, message: `“${field}” is hidden from ${roles.join(', ')}, ${why}` });
      });
    }
  };
  // An automatic transition a role's edit sets off tells it as much as a button would.
  for (const state of all)
    for (const t of transitionsOf(state))
      if (t.kind !== 'after' && t.transition.guard) visit(t.transition.guard, `${t.pointer}/guard`, t.transition.guard, t.kind === 'always');
  return problems;
}
