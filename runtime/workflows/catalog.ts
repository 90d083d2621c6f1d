/**
 * The named guards and actions workflows may use, each with a JSON Schema for its params. Configuration names them;
 * only this file implements them. The studio renders parameter forms from these schemas; the verifier checks params against them.
 */

/** What a guard sees: the record's data and people, and who is acting (nobody for timers). */
export interface GuardInput {
  data: Record<string, unknown>;
  ownerId: string;
  createdBy: string;
  /** Who fires the event and every role they hold (none for automation). */
  actor: { userId: string | null; roles: readonly string[] };
}

export interface CatalogEntry {
  label: string;
  description: string;
  params: Record<string, unknown>;
  /** Param names that hold form fields (a string or a list), so the verifier can check they exist. */
  fieldParams?: string[];
  /** Param names that hold role keys. */
  roleParams?: string[];
}

interface GuardEntry extends CatalogEntry {
  test: (input: GuardInput, params: Record<string, unknown>) => boolean;
}

const field = { type: 'string', title: 'Field', minLength: 1, maxLength: 64 };
const roles = { type: 'array', title: 'Roles', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 64 } };
/** Whether a field holds an answer: empty strings and lists are none; `false` and `0` are. */
export const isFilled = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const schema = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });

export const GUARDS: Record<string, GuardEntry> = {
  hasRole: {
    label: 'Person has one of the roles',
    description:
      'Passes when the person firing the event holds one of these roles (name the owner role too if owners should pass). Timers have no person and never pass.',
    params: schema({ roles }, ['roles']),
    roleParams: ['roles'],
    test: ({ actor }, p) => actor.roles.some((r) => (p.roles as string[]).includes(r)),
  },
  isOwner: {
    label: 'Person owns the record',
    description: 'Passes when the person firing the event is the record’s owner.',
    params: schema({}),
    test: ({ actor, ownerId }) => actor.userId === ownerId,
  },
  fieldEquals: {
    label: 'Field equals',
    description: 'Passes when the field holds exactly this value.',
    params: schema({ field, value: { title: 'Value' } }, ['field', 'value']),
    fieldParams: ['field'],
    test: ({ data }, p) => sameValue(data[p.field as string], p.value),
  },
  fieldIn: {
    label: 'Field is one of',
    description: 'Passes when the field holds one of these values.',
    params: schema({ field, values: { type: 'array', title: 'Values', minItems: 1, maxItems: 50, items: {} } }, ['field', 'values']),
    fieldParams: ['field'],
    test: ({ data }, p) => (p.values as unknown[]).some((v) => sameValue(data[p.field as string], v)),
  },
  fieldsPresent: {
    label: 'Fields are filled in',
    description: 'Passes when every one of these fields has a value.',
    params: schema({ fields: { type: 'array', title: 'Fields', minItems: 1, maxItems: 50, uniqueItems: true, items: field } }, ['fields']),
    fieldParams: ['fields'],
    test: ({ data }, p) => (p.fields as string[]).every((f) => isFilled(data[f])),
  },
};

const duration = {
  type: 'string',
  title: 'Due after',
  description: 'An ISO-8601 duration: P1D is one day, PT4H four hours, PT0S at once.',
  pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$',
};

export const ACTIONS: Record<string, CatalogEntry> = {
  assign: {
    label: 'Assign the record',
    description: 'Gives the record to the next active holder of a role, in turn (round robin), or back to the person who created it.',
    params: {
      oneOf: [
        schema({ role: { type: 'string', title: 'Role', minLength: 1, maxLength: 64 } }, ['role']),
        schema({ to: { type: 'string', title: 'To', enum: ['creator'] } }, ['to']),
      ],
    },
    roleParams: ['role'],
  },
  setField: {
    label: 'Set a field',
    description: 'Writes a value into a field of the record.',
    params: schema({ field, value: { title: 'Value' } }, ['field', 'value']),
    fieldParams: ['field'],
  },
  createFollowUp: {
    label: 'Create a follow-up task',
    description: 'Adds a task to the record’s timeline, assigned to the record’s owner, due after the given time.',
    params: schema({ title: { type: 'string', title: 'Title', minLength: 1, maxLength: 200 }, due: duration }, ['title', 'due']),
  },
  notify: {
    label: 'Notify',
    description: 'Sends an in-app notification to the holders of a role, or to the record’s owner or creator. People who cannot see the record never see it.',
    params: {
      oneOf: [
        schema(
          { message: { type: 'string', title: 'Message', minLength: 1, maxLength: 500 }, role: { type: 'string', title: 'Role', minLength: 1, maxLength: 64 } },
          ['message', 'role'],
        ),
        schema(
          { message: { type: 'string', title: 'Message', minLength: 1, maxLength: 500 }, to: { type: 'string', title: 'To', enum: ['owner', 'creator'] } },
          ['message', 'to'],
        ),
      ],
    },
    roleParams: ['role'],
  },
  sendEmail: {
    label: 'Send an email',
    description:
      'Sends one of the record type’s email templates, filled with the record’s values in its owner’s language, to the record’s address (or the one in the field named), from the company’s first shared mailbox that can send. It goes out once the step is saved, retried when the server fails, and shows on the record’s timeline.',
    params: schema({ template: { type: 'string', title: 'Template', minLength: 1, maxLength: 64 }, field }, ['template']),
    fieldParams: ['field'],
  },
  convertLead: {
    label: 'Convert the lead',
    description: 'Creates an opportunity from a lead, with its contact and account when they do not exist yet, all linked to the lead.',
    params: schema({}),
  },
};

/** The catalog as the studio reads it (no implementations). */
export function catalogView() {
  const view = (entries: Record<string, CatalogEntry>) =>
    Object.entries(entries).map(([name, e]) => ({ name, label: e.label, description: e.description, params: e.params }));
  return { guards: view(GUARDS), actions: view(ACTIONS) };
}
