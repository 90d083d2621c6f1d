/** Types the form designer works on: a minimal view of one entity of the bundle (schemas/entity.schema.json is the authority). */
import type { FormSchema, Locale, UiElement } from '../../runtime/browser-safe/bundle.ts';

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
