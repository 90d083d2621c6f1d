import { emailConfigErrors } from '../email/config-errors.ts';
import { serviceLevelConfigErrors } from '../service-levels/config-errors.ts';
import { publicFormConfigErrors } from '../public-forms/config-errors.ts';
import { calculationErrors } from '../browser-safe/calculated.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldError } from '../http/problem.ts';
import { createAjv, fieldErrors } from '../http/validate.ts';
import { formValidator } from '../forms/validators.ts';
import { entityPipelines, type Bundle } from '../browser-safe/bundle.ts';
import { MEMBER_ROLE, OWNER_ROLE } from '../access/policy.ts';
import { validationSchema } from '../forms/validation-schema.ts';
import { verifyWorkflow } from '../workflows/verify.ts';
import { ROOT } from '../root.ts';

const SCHEMAS_DIR = join(ROOT, 'schemas');
/** The configuration formats of schemas/, by file name (`bundle.schema.json`). */
export const FORMAT_SCHEMAS: Record<string, Record<string, unknown>> = Object.fromEntries(
  readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(SCHEMAS_DIR, f), 'utf8'))]),
);
const ajv = createAjv();
for (const schema of Object.values(FORMAT_SCHEMAS)) ajv.addSchema(schema);
const checkBundle = ajv.getSchema('https://crm-studio.dev/schemas/bundle.schema.json')!;
const checkWorkflow = ajv.getSchema('https://crm-studio.dev/schemas/workflow.schema.json')!;

/** Problems of one workflow definition against its schema, as JSON Pointers inside it (empty when it fits). */
export const workflowSchemaErrors = (value: unknown): FieldError[] => (checkWorkflow(value) ? [] : fieldErrors(checkWorkflow.errors, ''));

const pointer = (...parts: string[]) => parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** References between parts of a structurally valid bundle that do not resolve; with `verify`, every workflow's problems too. */
function referenceErrors(bundle: Bundle, prefix: string, verify: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const err = (message: string, ...parts: string[]) => errors.push({ path: prefix + pointer(...parts), message });
  for (const [key, entity] of Object.entries(bundle.entities)) {
    const fields = entity.form.schema.properties;
    if (!Object.hasOwn(fields, entity.titleField)) err('is not a field of the form', 'entities', key, 'titleField');
    for (const [i, name] of (entity.form.schema.required ?? []).entries()) {
      if (!Object.hasOwn(fields, name)) err('is not a field of the form', 'entities', key, 'form', 'schema', 'required', String(i));
    }
    for (const [name, field] of Object.entries(fields)) {
      if (field['x-ref'] !== undefined && !Object.hasOwn(bundle.entities, field['x-ref'])) {
        err('is not an entity', 'entities', key, 'form', 'schema', 'properties', name, 'x-ref');
      }
    }
    try {
      formValidator(validationSchema(entity.form));
    } catch (e) {
      err(`is not a usable JSON Schema: ${(e as Error).message}`, 'entities', key, 'form', 'schema');
    }
    if (entity.workflow !== undefined && !Object.hasOwn(bundle.workflows, entity.workflow)) err('is not a workflow', 'entities', key, 'workflow');
    for (const [message, ...path] of emailConfigErrors(bundle, entity)) err(message, 'entities', key, ...path);
    for (const [message, ...path] of serviceLevelConfigErrors(bundle, entity, verify)) err(message, 'entities', key, ...path);
    for (const [message, ...path] of calculationErrors(bundle, entity)) err(message, 'entities', key, ...path);
    (entity.pipelines ?? []).forEach((p, i) => {
      if (!Object.hasOwn(bundle.pipelines, p)) err('is not a pipeline', 'entities', key, 'pipelines', String(i));
    });
    for (const name of entityPipelines(entity)) {
      const pipeline = Object.hasOwn(bundle.pipelines, name) ? bundle.pipelines[name] : undefined;
      if (!pipeline && name === entity.pipeline) err('is not a pipeline', 'entities', key, 'pipeline');
      pipeline?.stages.forEach((stage, i) =>
        stage.requiredFields.forEach((f, j) => {
          if (!Object.hasOwn(fields, f)) err(`is not a field of ${key}`, 'pipelines', name, 'stages', String(i), 'requiredFields', String(j));
        }),
      );
    }
  }
  for (const [key, pipeline] of Object.entries(bundle.pipelines)) {
    const seen = new Set<string>();
    pipeline.stages.forEach((stage, i) => {
      if (seen.has(stage.key)) err('is used by another stage of this pipeline', 'pipelines', key, 'stages', String(i), 'key');
      seen.add(stage.key);
      stage.rolesAllowed?.forEach((r, j) => {
        if (!Object.hasOwn(bundle.roles, r)) err('is not a role', 'pipelines', key, 'stages', String(i), 'rolesAllowed', String(j));
      });
    });
  }
  for (const [key, workflow] of verify ? Object.entries(bundle.workflows) : []) {
    const users = Object.keys(bundle.entities).filter((e) => bundle.entities[e]!.workflow === key);
    const seen = new Set<string>();
    for (const entity of users.length ? users : [undefined]) {
      for (const p of verifyWorkflow(workflow, { bundle, entity })) {
        if (!seen.has(p.path + p.message)) errors.push({ path: prefix + pointer('workflows', key) + p.path, message: p.message });
        seen.add(p.path + p.message);
      }
    }
  }
  for (const [message, ...path] of publicFormConfigErrors(bundle)) err(message, ...path);
  for (const builtIn of [OWNER_ROLE, MEMBER_ROLE]) if (!Object.hasOwn(bundle.roles, builtIn)) err('is a built-in role and cannot be removed', 'roles', builtIn);
  for (const [key, role] of Object.entries(bundle.roles)) {
    for (const [entity, privileges] of Object.entries(role.entities)) {
      const form = Object.hasOwn(bundle.entities, entity) ? bundle.entities[entity]!.form.schema.properties : undefined;
      if (!form) {
        err('is not an entity', 'roles', key, 'entities', entity);
        continue;
      }
      for (const field of Object.keys(privileges.fields ?? {})) {
        if (!Object.hasOwn(form, field)) err('is not a field of the form', 'roles', key, 'entities', entity, 'fields', field);
      }
    }
  }
  return errors;
}

/**
 * Every problem of a candidate bundle: schema first, then references between its parts, then (unless `verify` is
 * false) what the workflow verifier finds. Drafts are saved without the verifier, so half-built workflows can be kept;
 * publishing and importing verify. Paths are JSON Pointers under `prefix`.
 */
export function bundleErrors(value: unknown, prefix = '', { verify = true } = {}): FieldError[] {
  if (!checkBundle(value)) return fieldErrors(checkBundle.errors, prefix);
  return referenceErrors(value as Bundle, prefix, verify);
}
