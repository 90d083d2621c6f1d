/** Types of the configuration bundle (schemas/bundle.schema.json is the authority; these mirror it). */

export const BUNDLE_FORMAT = 'crm-studio/config';
export const BUNDLE_FORMAT_VERSION = 1;

export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const SCOPES = ['none', 'own', 'team', 'teamAndBelow', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export const ACTIONS = ['create', 'read', 'update', 'delete', 'assign'] as const;
export type Action = (typeof ACTIONS)[number];

export const TASKS = [
  'configure.forms',
  'configure.workflows',
  'configure.pipelines',
  'manage.users',
  'email.sync',
  'config.export',
  'config.import',
  'reports.view',
  'audit.view',
] as const;
export type Task = (typeof TASKS)[number];

export type FieldRule = 'hidden' | 'readonly';

/** A role's privileges on one entity: a scope per action, plus field rules. */
export type EntityPrivileges = Record<Action, Scope> & { fields?: Record<string, FieldRule> };

export interface RoleDef {
  label: string;
  description?: string;
  /** Entities missing here get scope `none` for every action. */
  entities: Record<string, EntityPrivileges>;
  tasks: Task[];
  /** Translations of `label` and `description` per locale. */
  i18n?: Partial<Record<Locale, { label?: string; description?: string }>>;
}

/** Field types of the designer's registry (`x-field`); each allows the JSON Schema keywords form.schema.json lists for it. */
export const X_FIELDS = [
  'text',
  'textarea',
  'number',
  'currency',
  'percent',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
  'select',
  'multiselect',
  'checkbox',
  'reference',
  'references',
  'file',
] as const;
export type XField = (typeof X_FIELDS)[number];

/** A choice of a select field; string choices are keys, labelled through i18n as `<field>.<value>`. */
export type OptionValue = string | number;

/** One field of a form's JSON Schema; which keywords apply follows from `type` (see form.schema.json). */
export interface FieldSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  'x-field': XField;
  /** For reference fields: the entity key the value points to (`references`: each of its values). */
  'x-ref'?: string;
  /** For reference fields: what deleting the record it points at does to this one (absent: it keeps pointing there). */
  'x-onDelete'?: 'refuse' | 'clear';
  /** A calculated field's expression (runtime/browser-safe/calculated.ts computes it on every write). */
  'x-formula'?: string;
  /** A roll-up over the records that refer to this one. */
  'x-rollup'?: Rollup;
  title?: string;
  description?: string;
  /** `attachment`: a file field, whose value is the id of a file uploaded for the record (runtime/attachments). */
  format?: 'email' | 'uri' | 'date' | 'date-time' | 'attachment';
  enum?: OptionValue[];
  items?: { type: 'string' | 'number'; enum?: OptionValue[]; maxLength?: number };
  uniqueItems?: boolean;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  /** Set in a person's view of the form for fields their role may read but not change. */
  readOnly?: boolean;
}

/** An aggregate over the records of `entity` whose field `via` points at this one, those `where` holds for. */
export interface Rollup {
  entity: string;
  via: string;
  op: 'count' | 'sum' | 'min' | 'max' | 'avg';
  field?: string;
  where?: string;
}

/** JSON Schema of one entity's form: an object whose properties are the fields. */
export interface FormSchema {
  type: 'object';
  properties: Record<string, FieldSchema>;
  required?: string[];
}

export type RuleEffect = 'SHOW' | 'HIDE' | 'ENABLE' | 'DISABLE';

/** A JSON Forms rule: the element shows, hides, enables or disables while another field's value fits `schema`. */
export interface Rule {
  effect: RuleEffect;
  condition: { scope: string; schema: Record<string, unknown> };
}

export type UiType = 'VerticalLayout' | 'HorizontalLayout' | 'Group' | 'Categorization' | 'Category' | 'Control' | 'Label';

/** A JSON Forms UI schema element. */
export interface UiElement {
  type: UiType;
  scope?: string;
  label?: string | boolean;
  text?: string;
  i18n?: string;
  options?: Record<string, unknown>;
  rule?: Rule;
  elements?: UiElement[];
}

/** The pictures a record type may take (the `icon` enum of schemas/entity.schema.json). */
export const RECORD_ICONS = [
  'briefcase',
  'building',
  'person',
  'flag',
  'lifebuoy',
  'folder',
  'box',
  'wrench',
  'calendar',
  'document',
  'star',
  'cart',
  'truck',
  'chart',
  'tag',
  'heart',
] as const;
export type RecordIcon = (typeof RECORD_ICONS)[number];

export interface EntityDef {
  label: string;
  pluralLabel: string;
  form: { schema: FormSchema; uischema: UiElement };
  /** Translations per locale; keys follow JSON Forms i18n (`<field>.label`, `<field>.description`, `<field>.<option>`) plus `entity.label`, `entity.pluralLabel`. */
  i18n: Partial<Record<Locale, Record<string, string>>>;
  /** Field shown as the record's title in lists and pickers. */
  titleField: string;
  /** The picture beside its name in the navigation. */
  icon?: RecordIcon;
  workflow?: string;
  /** The pipeline new records start in. */
  pipeline?: string;
  /** Further pipelines its records may follow; see `entityPipelines`. */
  pipelines?: string[];
  /** How mail is filed on its records, and the templates mail about them is written from. */
  email?: EntityEmail;
  /** Service level targets of its records (cases), counted in the company's business hours. */
  serviceLevels?: ServiceLevels;
}

/** The two promises a service level makes: a first response, and a resolution. */
export const SERVICE_CLOCKS = ['firstResponse', 'resolution'] as const;
export type ServiceClock = (typeof SERVICE_CLOCKS)[number];

/** An action a service level runs at 80 % (warning) or 100 % (breach) of a target: a name from runtime/service-levels/actions.ts, with params. */
export interface ServiceLevelAction {
  type: string;
  params?: Record<string, unknown>;
}

/**
 * Per value of the priority field, targets in minutes of business time; clocks pause in `pauseStates` and resolution
 * stops in `resolvedStates` (leaving one reopens it). Targets apply to records opened after the version is published.
 */
export interface ServiceLevels {
  priorityField: string;
  targets: Record<string, Partial<Record<ServiceClock, number>>>;
  pauseStates?: string[];
  resolvedStates: string[];
  warning?: ServiceLevelAction[];
  breach?: ServiceLevelAction[];
}

/** A mail template; `{{field}}` stands for the record's value of that field. */
export interface EmailTemplate {
  label: string;
  subject: string;
  text: string;
  i18n?: Partial<Record<Locale, { label?: string; subject?: string; text?: string }>>;
}

export interface EntityEmail {
  /** Fields holding an address: a message from or to it is filed on the record. */
  addressFields?: string[];
  /** Reference fields whose records get what is filed on this one (a contact's account). */
  alsoFileOn?: string[];
  /** Reference fields through which what is filed on their records is filed on this one (a deal through its contact). */
  filedThrough?: string[];
  templates?: Record<string, EmailTemplate>;
}

/** Every pipeline records of an entity may be in: its default first, then the others it names. */
export const entityPipelines = (def: Pick<EntityDef, 'pipeline' | 'pipelines'>): string[] =>
  def.pipeline === undefined ? [] : [...new Set([def.pipeline, ...(def.pipelines ?? [])])];

export interface StageDef {
  key: string;
  label: string;
  probability: number;
  kind: 'open' | 'won' | 'lost';
  requiredFields: string[];
  rolesAllowed?: string[];
  color: string;
}

export interface PipelineDef {
  label: string;
  stages: StageDef[];
  /** Translations per locale: `label` for the pipeline, `stage.<key>` for each stage. */
  i18n?: Partial<Record<Locale, Record<string, string>>>;
}

/** XState v5 machine JSON (the accepted subset is in schemas/workflow.schema.json). */
export interface WorkflowDef {
  id: string;
  initial: string;
  states: Record<string, unknown>;
  /** Translations per locale: `state.<path>`, `stateDescription.<path>`, `event.<EVENT>`, `eventDescription.<EVENT>`, `description`, `text.<English text>`. */
  i18n?: Partial<Record<Locale, Record<string, string>>>;
  [key: string]: unknown;
}

/** A text in some of the four languages; a missing one falls back (see `textIn` in public-forms.ts). */
export type LocalizedText = Partial<Record<Locale, string>>;

/** A form of a record type that web visitors fill in at a public URL (`/f/<company>/<key>`) or in an iframe. */
export interface PublicFormDef {
  entity: string;
  /** Fields of the entity's form, in the order the page shows them; every field the entity requires is among them. */
  fields: string[];
  /** Labels shown to visitors per field and language, in place of the form's own. */
  labels?: Record<string, LocalizedText>;
  title: LocalizedText;
  intro?: LocalizedText;
  thankYou: LocalizedText;
  /** Origins (`https://example.com`, `https://*.example.com`) whose pages may embed the form; none: no site may. */
  allowedSites: string[];
  /** The visitor's browser proves some work (a SHA-256 search) before the form is accepted. */
  proofOfWork?: boolean;
  /**
   * Feedback about a record: this reference field of the entity is set from the signed link the form was opened with
   * (a case's customer rating it); the form opens only through such a link, and takes one answer per record.
   */
  about?: string;
  active: boolean;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  entities: Record<string, EntityDef>;
  workflows: Record<string, WorkflowDef>;
  pipelines: Record<string, PipelineDef>;
  roles: Record<string, RoleDef>;
  /** Public forms by key; absent in bundles from before they existed. */
  publicForms?: Record<string, PublicFormDef>;
}
