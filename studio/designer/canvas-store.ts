import { defineStore } from 'pinia';
import { nextTick, ref } from 'vue';

/** What is being dragged onto or across the canvas: a field type from the palette, or an element of the layout. */
export type DragItem = { kind: 'type'; type: string } | { kind: 'element'; path: number[] };

/** A message about the last edit: why it was refused, or what it took along. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

/** The designer's working state around the draft: which form, what is selected and dragged, what to announce. */
export const useCanvasStore = defineStore('designer-canvas', () => {
  const entityKey = ref('');
  const selected = ref<number[] | null>(null);
  const dragging = ref<DragItem | null>(null);
  const announcement = ref('');
  const notice = ref<Notice | null>(null);

  /** Says `text` in the page's live region; cleared first so the same text twice is announced twice. */
  function announce(text: string) {
    announcement.value = '';
    void nextTick(() => (announcement.value = text));
  }

  function select(path: number[] | null) {
    selected.value = path && [...path];
  }

  /** Moves keyboard focus to the card of the element at `path` (after the canvas has re-rendered). */
  async function focusCard(path: number[]) {
    await nextTick();
    document.querySelector<HTMLElement>(`[data-path="${path.join('.')}"] > .el-head .el-select`)?.focus();
  }

  /** Moves focus to an input of the property panel, e.g. the label of a field just added. */
  async function focusProperty(id: string) {
    await nextTick();
    const input = document.getElementById(id) as HTMLInputElement | null;
    input?.focus();
    input?.select();
  }

  return { entityKey, selected, dragging, announcement, notice, announce, select, focusCard, focusProperty };
});
