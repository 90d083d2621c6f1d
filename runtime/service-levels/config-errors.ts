import type { Bundle, EntityDef, ServiceLevelAction } from '../browser-safe/bundle.ts';
import { statesOf } from '../browser-safe/workflow-definition.ts';
import { createAjv } from '../http/validate.ts';
import { SERVICE_LEVEL_ACTIONS } from './actions.ts';

type Problem = [string, ...string[]];
const ajv = createAjv({ linearPatterns: true });
// Field schemas arrive as new objects with every draft: kept by their text, and dropped from Ajv too when there are many.
const checks = new Map<string, ReturnType<typeof ajv.compile>>();
function check(schema: object) {
  const key = JSON.stringify(schema);
  let fits = checks.get(key);
  if (!fits) {
    if (checks.size >= 500) {
      for (const old of checks.values()) ajv.removeSchema(old.schema as object);
      checks.clear();
    }
    fits = ajv.compile(structuredClone(schema));
    checks.set(key, fits);
  }
  return fits;
}

/**
 * Problems of one entity's service levels, as [message, ...path under the entity]: a choice field as the priority,
 * targets only for its values, known actions with fitting params; with `verify` (publishing, importing) also a workflow
 * to follow and states it has, so a draft whose workflow is being rebuilt can still be saved, as workflows can.
 */
export function serviceLevelConfigErrors(bundle: Bundle, entity: EntityDef, verify = true): Problem[] {
  const sl = entity.serviceLevels;
  if (!sl) return [];
  const errors: Problem[] = [];
  const fields = entity.form.schema.properties;
  const workflow = entity.workflow !== undefined && Object.hasOwn(bundle.workflows, entity.workflow) ? bundle.workflows[entity.workflow] : undefined;
  if (verify && entity.workflow === undefined) errors.push(['needs a workflow: the clocks follow the record’s states', 'serviceLevels']);
  const priority = Object.hasOwn(fields, sl.priorityField) ? fields[sl.priorityField] : undefined;
  if (!priority) errors.push(['is not a field of the form', 'serviceLevels', 'priorityField']);
  else if (!priority.enum) errors.push(['is not a choice field', 'serviceLevels', 'priorityField']);
  const values = (priority?.enum ?? []).map(String);
  for (const key of Object.keys(sl.targets)) {
    if (priority?.enum && !values.includes(key)) errors.push([`is not a value of ${sl.priorityField}`, 'serviceLevels', 'targets', key]);
  }
  const states = workflow && verify ? new Set(statesOf(workflow).map((s) => s.path)) : undefined;
  for (const part of ['pauseStates', 'resolvedStates'] as const) {
    (sl[part] ?? []).forEach((state, i) => {
      if (states && !states.has(state)) errors.push([`is not a state of the ${entity.workflow} workflow`, 'serviceLevels', part, String(i)]);
      else if (part === 'pauseStates' && sl.resolvedStates.includes(state)) errors.push(['is a resolved state too', 'serviceLevels', part, String(i)]);
    });
  }
  for (const mark of ['warning', 'breach'] as const) {
    (sl[mark] ?? []).forEach((action, i) => errors.push(...actionErrors(bundle, entity, action, ['serviceLevels', mark, String(i)])));
  }
  return errors;
}

/** One action: a name of the catalog, params fitting it, roles of the bundle, fields of the form and values they can hold. */
function actionErrors(bundle: Bundle, entity: EntityDef, action: ServiceLevelAction, at: string[]): Problem[] {
  const entry = Object.hasOwn(SERVICE_LEVEL_ACTIONS, action.type) ? SERVICE_LEVEL_ACTIONS[action.type] : undefined;
  if (!entry) return [[`is not a service level action (known: ${Object.keys(SERVICE_LEVEL_ACTIONS).join(', ')})`, ...at, 'type']];
  const params = action.params ?? {};
  const fits = check(entry.params);
  if (!fits(params)) return [[`do not fit ${action.type}: ${ajv.errorsText(fits.errors, { dataVar: 'params' })}`, ...at, 'params']];
  const errors: Problem[] = [];
  for (const name of entry.roleParams ?? []) {
    if (typeof params[name] === 'string' && !Object.hasOwn(bundle.roles, params[name])) errors.push(['is not a role', ...at, 'params', name]);
  }
  const fields = entity.form.schema.properties;
  for (const name of entry.fieldParams ?? []) {
    const field = String(params[name]);
    if (!Object.hasOwn(fields, field)) errors.push(['is not a field of the form', ...at, 'params', name]);
    else if (action.type === 'setField' && params.value !== null && !check(fields[field]!)(params.value))
      errors.push([`is not a value the field “${field}” can hold`, ...at, 'params', 'value']);
  }
  return errors;
}
