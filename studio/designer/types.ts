/** Types the form designer works on: a minimal view of one entity of the bundle (schemas/entity.schema.json is the authority). */

export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export type XField =
  | 'text'
  | 'textarea'
  | 'number'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'url'
  | 'select'
  | 'multiselect'
  | 'checkbox'
  | 'reference';

export type OptionValue = string | number;

/** One field of the form's JSON Schema; which keywords apply follows from `type` (see form.schema.json). */
export interface FieldSchema {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array';
  'x-field': XField;
  'x-ref'?: string;
  title?: string;
  description?: string;
  format?: 'email' | 'uri' | 'date' | 'date-time';
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
  readOnly?: boolean;
}

export interface FormSchema {
  type: 'object';
  properties: Record<string, FieldSchema>;
  required?: string[];
}

export type RuleEffect = 'SHOW' | 'HIDE' | 'ENABLE' | 'DISABLE';

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

/** One entity's configuration; keys the designer does not know (workflow, pipeline, …) pass through untouched. */
export interface EntityConfig {
  label: string;
  pluralLabel?: string;
  titleField?: string;
  form: { schema: FormSchema; uischema: UiElement };
  i18n: Record<Locale, Record<string, string>>;
  [rest: string]: unknown;
}

/** Addresses a UI element by the indexes through `elements` from the root (the root is `[]`). */
export type Path = readonly number[];

/** Where to insert: into the container at `parentPath`, before the element now at `index`. */
export interface Target {
  parentPath: Path;
  index: number;
}

export type DesignerErrorCode =
  | 'unknown-field'
  | 'invalid-key'
  | 'key-taken'
  | 'published-key'
  | 'title-field'
  | 'last-field'
  | 'too-many'
  | 'invalid-path'
  | 'invalid-move'
  | 'not-container'
  | 'invalid-value'
  | 'not-applicable'
  | 'unsafe-pattern'
  | 'invalid-rule'
  | 'self-rule'
  | 'unknown-i18n-key'
  | 'already-tabs'
  | 'not-tabs';

/** A refused edit; `code` is stable for the UI to pick a message, `message` is for logs and tests. */
export class DesignerError extends Error {
  readonly code: DesignerErrorCode;
  constructor(code: DesignerErrorCode, message: string) {
    super(message);
    this.name = 'DesignerError';
    this.code = code;
  }
}
