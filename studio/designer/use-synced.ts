import { ref, watch, type Ref } from 'vue';

/**
 * A text an input edits, kept in step with the model: it follows model changes (undo, another input),
 * but not a change the person's own typing caused (so a trailing space being typed is not trimmed away).
 */
export function useSynced(get: () => string): Ref<string> {
  const text = ref(get());
  watch(get, (value) => {
    if (value !== text.value.trim()) text.value = value;
  });
  return text;
}
