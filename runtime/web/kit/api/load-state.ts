import { ref } from 'vue';

/** A store's loading flag and load error, kept in step with the load `run` is given. */
export function loadState() {
  const loading = ref(false);
  const error = ref<unknown>(null);
  async function run(load: () => Promise<void>): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      await load();
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }
  return { loading, error, run };
}
