/**
 * A record as it travels, rendered by SQLite: `{id, entity, data, owner: {id, name}, createdBy: {id, name},
 * pipeline?, stage?, state?, version, configVersion, createdAt, updatedAt}`. Lists and reads select this one
 * column instead of a dozen, so no row is converted, parsed and re-serialised in JavaScript.
 */

import { formActorName } from '../public-forms/store.ts';

export const RECORD_JOINS = 'LEFT JOIN users ou ON ou.id = r.owner_id LEFT JOIN users cu ON cu.id = r.created_by';

// A record a public form made was created by the form (`form:<key>`), no person: it is named as the form.
const CREATOR_NAME = formActorName('r.tenant_id', 'r.created_by');

const iso = (column: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;

/** The JSON of a record of table alias `r` (joined with RECORD_JOINS), without the fields in `hidden`. */
export function recordJsonSql(hidden: ReadonlySet<string>): string {
  // Field keys are checked against ^[a-z][a-zA-Z0-9_]*$ when a bundle enters, so they are safe inside a path literal.
  const data = hidden.size ? `json_remove(r.data, ${[...hidden].map((f) => `'$.${f}'`).join(', ')})` : 'json(r.data)';
  const base = `json_object('id', r.id, 'entity', r.entity, 'data', ${data},
    'owner', json_object('id', r.owner_id, 'name', coalesce(ou.name, '')), 'createdBy', json_object('id', r.created_by, 'name', coalesce(cu.name, ${CREATOR_NAME}, '')),
    'version', r.version, 'configVersion', r.config_version, 'createdAt', ${iso('r.created_at')}, 'updatedAt', ${iso('r.updated_at')})`;
  // A merge patch drops the keys whose value is null, so a record without a pipeline or workflow has none of them.
  return `json_patch(${base}, json_object('pipeline', r.pipeline, 'stage', r.stage, 'state', r.state))`;
}
