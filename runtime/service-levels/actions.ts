/**
 * The named actions a service level may run at 80 % (warning) or 100 % (breach) of a target, each with a JSON Schema for
 * its params. Configuration names them; runtime/service-levels/marks.ts alone implements them.
 */

export interface ServiceLevelActionEntry {
  params: Record<string, unknown>;
  /** Param names holding role keys, which must be roles of the bundle. */
  roleParams?: string[];
  /** Param names holding fields of the form. */
  fieldParams?: string[];
}

const schema = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });
const role = { type: 'string', minLength: 1, maxLength: 64 };

export const SERVICE_LEVEL_ACTIONS: Record<string, ServiceLevelActionEntry> = {
  /** An in-app notification to the record's owner, the managers of the owner's team, or every holder of a role. */
  notify: {
    params: { oneOf: [schema({ to: { enum: ['owner', 'teamManagers'] } }, ['to']), schema({ role }, ['role'])] },
    roleParams: ['role'],
  },
  /** The record goes to the next active holder of a role, in turn (round robin, as the workflows' `assign`). */
  assign: { params: schema({ role }, ['role']), roleParams: ['role'] },
  /** A field of the record gets a value. */
  setField: { params: schema({ field: { type: 'string', minLength: 1, maxLength: 64 }, value: {} }, ['field', 'value']), fieldParams: ['field'] },
  /** The priority field moves one value up its list of choices (low → normal → high → urgent); at the top it stays. */
  raisePriority: { params: schema({}) },
};

/** Whether `name` is an action of the catalog. */
export const isServiceLevelAction = (name: string) => Object.hasOwn(SERVICE_LEVEL_ACTIONS, name);
