import type { ComputedRef } from 'vue';

interface JsonFormsControl<C> {
  control: ComputedRef<C>;
  handleChange(path: string, value: unknown): void;
}

/** What every single-input control shares, over a JSON Forms control composition: the control, and how to change its value. */
export function useField<C extends { path: string }>({ control, handleChange }: JsonFormsControl<C>) {
  return {
    control,
    /** An emptied input removes the field, so "required" means "has a value". */
    change: (value: unknown) => handleChange(control.value.path, value === '' || value === null ? undefined : value),
  };
}
