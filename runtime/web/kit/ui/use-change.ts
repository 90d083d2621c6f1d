import { ref } from 'vue';
import { useProblemTexts } from '../i18n/server-texts.ts';

/**
 * One change at a time from a row or a card: `busy` while it runs, then `notice` (what was done) or the problem in the
 * person's language — `errors` at the given fields, `banner` for the whole. `refused` runs after a problem, with the
 * field errors shown (a row puts its inputs back when none of them is to blame).
 */
export function useChange(prefix: string, paths: readonly string[], refused?: (errors: Record<string, string>) => void) {
  const problems = useProblemTexts(prefix);
  const busy = ref(false);
  const banner = ref('');
  const errors = ref<Record<string, string>>({});
  const notice = ref('');

  async function run(change: () => Promise<void>, done: string): Promise<void> {
    busy.value = true;
    banner.value = '';
    errors.value = {};
    notice.value = '';
    try {
      await change();
      notice.value = done;
    } catch (e) {
      errors.value = problems.fields(e, paths);
      banner.value = problems.problem(e, errors.value);
      refused?.(errors.value);
    } finally {
      busy.value = false;
    }
  }
  return { busy, banner, errors, notice, run };
}
