import { fieldRules, privilegeView, scopeOf, type Actor } from '../access/policy.ts';
import { validatorsUrl } from '../forms/browser-validators.ts';
import { isCalculated } from '../browser-safe/calculated.ts';
import { entityPipelines, type EntityDef, type LocalizedText, type WorkflowDef } from '../browser-safe/bundle.ts';
import { activeIn, leafStates, stateLabel, statesOf } from '../browser-safe/workflow-definition.ts';

const fieldOf = (scope: unknown) => (typeof scope === 'string' ? scope.split('/').at(-1)! : '');

/** One entity as the caller may see it: hidden fields gone from form, layout, rules and labels; readonly ones marked. */
function entityView(actor: Actor, key: string, def: EntityDef) {
  const { hidden, readonly } = fieldRules(actor, key);
  const properties = Object.fromEntries(
    Object.entries(def.form.schema.properties)
      .filter(([f]) => !hidden.has(f))
      .map(([f, s]) => [f, readonly.has(f) || isCalculated(s) ? { ...s, readOnly: true } : s]),
  );
  const required = def.form.schema.required?.filter((f) => !hidden.has(f));
  const layout = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(layout).filter((n) => n !== undefined);
    if (node === null || typeof node !== 'object') return node;
    const { rule, ...n } = node as Record<string, unknown>;
    if (n.type === 'Control' && hidden.has(fieldOf(n.scope))) return undefined;
    // A rule on a hidden field would reveal its value through what shows: the element then simply always shows.
    const keepRule = rule && !hidden.has(fieldOf((rule as { condition?: { scope?: unknown } }).condition?.scope));
    return { ...Object.fromEntries(Object.entries(n).map(([k, v]) => [k, k === 'elements' ? layout(v) : v])), ...(keepRule ? { rule } : {}) };
  };
  const form = { schema: { ...def.form.schema, properties, ...(required ? { required } : {}) }, uischema: layout(def.form.uischema) };
  // Of the mail settings, a person needs where a record's addresses are (to write to it) and the templates; not how
  // mail is filed.
  const email = def.email && {
    addressFields: (def.email.addressFields ?? []).filter((f) => !hidden.has(f)),
    templates: def.email.templates ?? {},
  };
  // Of service levels, that records have them; not whom they notify or what they change.
  const serviceLevels = def.serviceLevels && { priorityField: def.serviceLevels.priorityField };
  return {
    ...def,
    email,
    serviceLevels,
    form,
    validators: validatorsUrl(key, form),
    i18n: Object.fromEntries(
      Object.entries(def.i18n).map(([locale, texts]) => [locale, Object.fromEntries(Object.entries(texts!).filter(([k]) => !hidden.has(k.split('.')[0]!)))]),
    ),
  };
}

/**
 * A workflow as the runtime shows it: the states a record can rest in (by dotted path), the events each accepts and
 * the translations of their names and of the texts its actions write; never guards or actions.
 */
function workflowView(wf: WorkflowDef) {
  const all = statesOf(wf);
  return {
    initial: wf.initial,
    states: Object.fromEntries(
      leafStates(wf).map((leaf) => {
        const active = activeIn(all, leaf.path);
        const events = [...new Set(active.flatMap((s) => Object.keys(s.node.on ?? {})))];
        return [leaf.path, { label: stateLabel(wf, leaf.path), final: leaf.node.type === 'final', events }];
      }),
    ),
    i18n: wf.i18n ?? {},
  };
}

/**
 * The published configuration as one person sees it (`GET /api/config`): the entities their role may read or
 * create, with the workflows and pipelines those use; never other roles, who may move into a stage, or hidden fields.
 */
export function callerView(actor: Actor) {
  const { bundle } = actor;
  const privileges = privilegeView(actor);
  const visible = Object.entries(bundle.entities).filter(([key]) => privileges.entities[key]?.read !== 'none' || privileges.entities[key]?.create !== 'none');
  const workflows: Record<string, unknown> = {};
  const pipelines: Record<string, unknown> = {};
  for (const [key, def] of visible) {
    if (def.workflow) workflows[def.workflow] = workflowView(bundle.workflows[def.workflow]!);
    const { hidden } = fieldRules(actor, key);
    for (const name of entityPipelines(def)) {
      const pipeline = bundle.pipelines[name]!;
      const stages = pipeline.stages.map(({ rolesAllowed, ...stage }) => ({
        ...stage,
        requiredFields: stage.requiredFields.filter((f) => !hidden.has(f)),
        ...(rolesAllowed ? { allowed: actor.roleKeys.some((r) => rolesAllowed.includes(r)) } : {}),
      }));
      pipelines[name] = { ...pipeline, stages };
    }
  }
  return {
    version: actor.configVersion,
    entities: Object.fromEntries(visible.map(([key, def]) => [key, entityView(actor, key, def)])),
    workflows,
    pipelines,
    privileges,
    role: { key: actor.roleKey, label: actor.role.label, i18n: actor.role.i18n ?? {} },
    feedbackForms: feedbackForms(actor),
  };
}

/** The active feedback forms about records of a type the actor may read: their record type, the type they are about, their title (its link is theirs to make and send). */
function feedbackForms(actor: Actor): Record<string, { entity: string; about: string; title: LocalizedText }> {
  const forms = Object.entries(actor.bundle.publicForms ?? {}).flatMap(([key, form]) => {
    const about = form.about && actor.bundle.entities[form.entity]?.form.schema.properties[form.about]?.['x-ref'];
    return form.active && about && scopeOf(actor, 'read', about) !== 'none' ? [[key, { entity: form.entity, about, title: form.title }] as const] : [];
  });
  return Object.fromEntries(forms);
}
