import { and, rankWith, schemaMatches, uiTypeIs, type JsonFormsRendererRegistryEntry } from '@jsonforms/core';
import type { Component } from 'vue';
import type { Locale } from '../../../browser-safe/bundle.ts';

/** What the designer's property panel may edit on a field of this type. */
export type FieldSetting = 'required' | 'description' | 'default' | 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'pattern' | 'options' | 'reference';

/**
 * One field type: how it is stored (its default JSON Schema), how the designer offers it, and the
 * renderer members fill it in with. Adding a type is one file exporting this, plus one line in fields/index.ts.
 */
export interface FieldType {
  /** Stored in the schema as `x-field`. */
  key: string;
  /** The palette's name for it, per locale. */
  labels: Record<Locale, string>;
  /** A short glyph shown in the palette. */
  icon: string;
  /** The JSON Schema of a new field of this type (the designer adds `x-field` and `title`). */
  schema: Record<string, unknown>;
  /** UI schema options of its Control, e.g. `{ multi: true }`. */
  options?: Record<string, unknown>;
  settings: readonly FieldSetting[];
  renderer: Component;
}

/** Checks the entry and returns it; the JSON Forms tester follows from the key. */
export function defineField(type: FieldType): FieldType {
  return type;
}

/** JSON Forms registry entries: a Control whose field carries this type's `x-field`. */
export function rendererEntry(type: FieldType): JsonFormsRendererRegistryEntry {
  return {
    tester: rankWith(
      10,
      and(
        uiTypeIs('Control'),
        schemaMatches((s) => (s as Record<string, unknown>)['x-field'] === type.key),
      ),
    ),
    renderer: type.renderer,
  };
}
