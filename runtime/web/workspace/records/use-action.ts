import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { problemText } from './problem-text.ts';

/**
 * One action at a time on a page or panel: which one runs (`busy`), and why the last one failed in the person's words
 * (`problem`; `describe` may name a refusal more precisely than its status does). `act` says whether it went through.
 */
export function useAction<Kind extends string = string>(describe?: (error: unknown) => string | undefined) {
  const { t } = useI18n();
  const busy = ref<Kind | null>(null);
  const problem = ref('');
  async function act(kind: Kind, work: () => Promise<void>): Promise<boolean> {
    busy.value = kind;
    problem.value = '';
    try {
      await work();
      return true;
    } catch (e) {
      problem.value = describe?.(e) ?? problemText(e, t);
      return false;
    } finally {
      busy.value = null;
    }
  }
  return { busy, problem, act };
}
