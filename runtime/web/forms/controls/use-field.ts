import { computed, type ComputedRef } from 'vue';

interface JsonFormsControl<C> {
  control: ComputedRef<C>;
  handleChange(path: string, value: unknown): void;
}

/** The state every field control shares, over a JSON Forms control composition: its input's id, whether it is required, how to change it. */
export function useField<C extends { id: string; path: string; required?: boolean }>({ control, handleChange }: JsonFormsControl<C>) {
  return {
    control,
    inputId: computed(() => `${control.value.id}-input`),
    // JSON Forms renders a control only while its rules show it, and the server requires such a field only then.
    required: computed(() => control.value.required ?? false),
    /** An emptied input removes the field, so "required" means "has a value". */
    change: (value: unknown) => handleChange(control.value.path, value === '' || value === null ? undefined : value),
  };
}
