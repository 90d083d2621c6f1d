import { onBeforeUnmount, onMounted } from 'vue';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave } from 'vue-router';
import { useDraftStore } from '../designer/draft-store.ts';

/** Loads the draft when a page opens, saves it on Ctrl+S / Cmd+S, and asks before leaving with unsaved edits. */
export function useDraftGuard(): void {
  const { t } = useI18n();
  const draft = useDraftStore();
  function onKey(e: KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      // Inputs that apply on change (numbers, keys, patterns) hand over what was typed before saving.
      document.activeElement?.dispatchEvent(new Event('change', { bubbles: true }));
      void draft.save();
    }
  }
  function onUnload(e: BeforeUnloadEvent) {
    if (draft.dirty) e.preventDefault();
  }
  onMounted(() => {
    // Always the current draft: edits left behind were either saved or knowingly dropped.
    void draft.load();
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onUnload);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('beforeunload', onUnload);
  });
  onBeforeRouteLeave(() => !draft.dirty || window.confirm(t('designer.leaveConfirm')));
}
