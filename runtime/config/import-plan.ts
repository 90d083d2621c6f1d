import type { Client, Transaction } from '@libsql/client';
import { fieldErrors, bodySchema } from '../http/validate.ts';
import { Problem, type FieldError } from '../http/problem.ts';
import type { Bundle } from '../browser-safe/bundle.ts';
import { diffBundles, type Change } from '../browser-safe/diff.ts';
import { FormatError, upgradeFormat } from './format-version.ts';
import type { Impact, Mappings } from '../browser-safe/impact.ts';
import { impactOf, mappingErrors } from './impact.ts';
import { backtrackingPatternErrors, foreignIdErrors, heldRoleErrors } from './import-checks.ts';
import { mergeBundles, sortKeys, type ExportMeta, type Removal, type Strategy } from '../browser-safe/transfer.ts';
import { parseStrictJson, StrictJsonError } from './strict-json.ts';
import { bundleErrors } from './validate.ts';

/** What an import is given: an export as it is, plus where records in removed states and stages go. */
export interface ImportDocument {
  meta?: ExportMeta;
  bundle: unknown;
  mappings?: Mappings;
}

/** The tenant an import goes into, at the configuration version it was planned against. */
export interface ImportTarget {
  tenantId: string;
  configVersion: number;
  bundle: Bundle;
}

/** Everything a dry run reports, and everything an apply needs. */
export interface ImportPlan {
  target: ImportTarget;
  result: Bundle;
  strategy: Strategy;
  mappings: Mappings;
  meta?: ExportMeta;
  changes: Change[];
  impact: Impact;
  problems: FieldError[];
  removedByReplace: Removal[];
  fromVersion: number;
}

const mapSchema = { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string', maxLength: 64 } } };
const checkDocument = bodySchema<ImportDocument>({
  type: 'object',
  properties: {
    meta: {
      type: 'object',
      properties: {
        sourceTenant: { type: 'string', maxLength: 100 },
        sourceVersion: { type: 'integer', minimum: 0 },
        exportedAt: { type: 'string', maxLength: 40 },
      },
      additionalProperties: false,
    },
    bundle: {},
    mappings: { type: 'object', properties: { states: mapSchema, stages: mapSchema }, additionalProperties: false },
  },
  required: ['bundle'],
  additionalProperties: false,
});

/** Checks the outer shape of an import (400 naming each bad path); the bundle itself is checked by planImport. */
export function importDocument(value: unknown): ImportDocument {
  if (!checkDocument(value)) throw new Problem(400, 'The body must be {meta?, bundle, mappings?}, as an export is.', fieldErrors(checkDocument.errors));
  return value;
}

/** An import document from its text, parsed strictly: duplicate keys, deep nesting and prototype keys are a 400 naming the path. */
export function importDocumentFromText(text: string): ImportDocument {
  if (!text.trim()) throw new Problem(400, 'The document is empty: expected an export, {meta?, bundle, mappings?}.', [{ path: '', message: 'is empty' }]);
  let value: unknown;
  try {
    value = parseStrictJson(text);
  } catch (e) {
    if (e instanceof StrictJsonError)
      throw new Problem(400, `The document is not acceptable JSON: ${e.path || 'the document'} ${e.message}.`, [{ path: e.path, message: e.message }]);
    throw e;
  }
  return importDocument(value);
}

/** The incoming bundle in the current format and valid on its own, or a 422 naming each problem under /bundle. */
function incomingBundle(raw: unknown): Bundle {
  let upgraded: unknown;
  try {
    upgraded = upgradeFormat(raw, '/bundle');
  } catch (e) {
    if (e instanceof FormatError) throw new Problem(422, `The bundle cannot be read: ${e.message}.`, [{ path: e.path, message: e.message }]);
    throw e;
  }
  const errors = bundleErrors(upgraded, '/bundle');
  if (errors.length) throw new Problem(422, 'The bundle is not valid.', errors);
  const patterns = backtrackingPatternErrors(upgraded as Bundle, '/bundle');
  if (patterns.length) throw new Problem(422, 'The bundle has form patterns that can freeze a browser.', patterns);
  return upgraded as Bundle;
}

/**
 * Validates an import and works out what it would do to `target` (reads only, writes nothing): the
 * resulting configuration, the diff, the impact on records and the mappings still missing.
 */
export async function planImport(db: Client | Transaction, given: ImportTarget, doc: ImportDocument, strategy: Strategy, now: number): Promise<ImportPlan> {
  // Both sides in canonical key order, so the diff shows what differs, never the order keys were written in.
  const target = { ...given, bundle: sortKeys(given.bundle) as Bundle };
  const incoming = sortKeys(incomingBundle(doc.bundle)) as Bundle;
  const ids = await foreignIdErrors(db, incoming, '/bundle');
  if (ids.length) throw new Problem(422, 'The bundle names people or rows by database id; bundles may only use stable keys.', ids);
  const { result, removed } = mergeBundles(target.bundle, incoming, strategy);
  // What the target keeps must still fit what arrives (a kept role naming a field the bundle removed).
  const merged = bundleErrors(result, '/bundle');
  if (merged.length) throw new Problem(422, `The ${strategy === 'merge' ? 'merged' : 'resulting'} configuration is not valid.`, merged);
  const changes = diffBundles(target.bundle, result);
  const mappings = doc.mappings ?? {};
  const impact = await impactOf(db, target.tenantId, target.bundle, result, { validate: true, timers: { mappings, now } });
  const problems = mappingErrors(impact, mappings, result);
  problems.push(...(await heldRoleErrors(db, target.tenantId, removedRoles(changes))));
  for (const [entity, n] of Object.entries(impact.removedEntities)) {
    problems.push({ path: `/bundle/entities/${entity}`, message: `${n} records of "${entity}" exist; an entity with records cannot be removed` });
  }
  return { target, result, strategy, mappings, meta: doc.meta, changes, impact, problems, removedByReplace: removed, fromVersion: target.configVersion };
}

/** Keys of the roles a list of changes removes. */
export const removedRoles = (changes: Change[]) => changes.filter((c) => c.part === 'roles' && c.change === 'removed').map((c) => c.key);

/** What a dry run answers: the plan without the resulting bundle and the target. */
export function planReport(plan: ImportPlan) {
  const { changes, impact, problems, removedByReplace, fromVersion, strategy } = plan;
  return { strategy, changes, impact, problems, removedByReplace, fromVersion };
}
