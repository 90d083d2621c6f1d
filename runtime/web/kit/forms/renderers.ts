import type { JsonFormsRendererRegistryEntry } from '@jsonforms/core';
import { vanillaRenderers } from '@jsonforms/vue-vanilla';
import { rendererEntry } from './field-type.ts';
import { FIELD_TYPES } from './fields/index.ts';

/** The one renderer set: the workspace's forms and the studio's preview look exactly the same. */
export const renderers: readonly JsonFormsRendererRegistryEntry[] = Object.freeze([...vanillaRenderers, ...FIELD_TYPES.map(rendererEntry)]);
