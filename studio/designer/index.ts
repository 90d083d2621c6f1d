/** The form designer's model: pure edits of an entity's form and translations, each returning a new entity. */
export * from './types.ts';
export { fieldKeyFrom, isFieldKey, isOptionValue, optionValueFrom } from './keys.ts';
export { controlPaths, elementAt, fieldOfScope, isWithin } from './ui-tree.ts';
export { withUischema } from './entity.ts';
export { addField, removeField, type FieldType, type RemovedField } from './fields.ts';
export { renameKey } from './rename-key.ts';
export { FIELD_LIMITS, updateField, type FieldLimit, type FieldPatch } from './update-field.ts';
export { optionValues, type FieldOption } from './options.ts';
export { addRow, moveDown, moveElement, moveUp, type LayoutResult } from './layout.ts';
export { addGroup, addTab, addTabs, removeContainer, type ContainerResult } from './containers.ts';
export { describeRule, operatorsFor, RULE_EFFECTS, ruleFields, ruleValues, setRule, type RuleOperator, type RuleSpec } from './rules.ts';
export { missingTranslations, setTranslation, translationRows, type TranslationKind, type TranslationRow } from './translations.ts';
export { patternProblem } from './pattern.ts';
export { formChanges, newlyRequired, type ChangeAspect, type FieldChange } from './changes.ts';
