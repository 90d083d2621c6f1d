/**
 * A background job of a runtime process (timers, imports, mail, service levels — each claims its work under a lease in
 * the database): `work` every `intervalMs`, never two runs at once, failures logged under `name`. `work` is told when
 * the job is stopping, so a long backlog ends between two batches; `stop` waits for the run in progress.
 */
export function runEvery(name: string, intervalMs: number, work: (stopping: () => boolean) => Promise<unknown>): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= work(() => stopped)
      .catch((e: unknown) => console.error(`${name}:`, e))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
