import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api, query } from '../../kit/api/client.ts';
import type { PipelineReport } from '../../../browser-safe/reports.ts';
import { onSessionChange } from '../../kit/session/session-change.ts';

// The report's shape is the one the server builds, from the modules both share.
export type { Conversion, MonthFigures, PipelineReport, StageFigures, Sums, TimeInStage } from '../../../browser-safe/reports.ts';

const params = (entity: string, pipeline: string) => query({ entity, pipeline });

/** The pipeline report of one entity and pipeline; the server decides whether the caller may see it and which records count. */
export const useReportsStore = defineStore('reports', () => {
  const report = shallowRef<PipelineReport | null>(null);
  const loading = ref(false);
  const error = ref<unknown>(null);
  // Bumped by each load: an answer to an older one (another pipeline, another person) is dropped.
  let ticket = 0;
  const begin = onSessionChange(() => {
    ticket++;
    report.value = null;
    error.value = null;
    // The dropped load's `finally` no longer owns `loading`: without this the page would wait on it forever.
    loading.value = false;
  });

  /** Loads the report; on failure keeps `error` for the page to show with a retry. */
  async function load(entity: string, pipeline: string): Promise<void> {
    const mine = ++ticket;
    const current = begin();
    if (report.value && (report.value.entity !== entity || report.value.pipeline !== pipeline)) report.value = null;
    loading.value = true;
    error.value = null;
    try {
      const { data } = await api<PipelineReport>('GET', `/reports/pipeline${params(entity, pipeline)}`);
      if (mine === ticket && current()) report.value = data;
    } catch (e) {
      if (mine === ticket && current()) error.value = e;
    } finally {
      if (mine === ticket) loading.value = false;
    }
  }

  /** Where the CSV of the same report downloads from (same origin: the session cookie goes along). */
  const csvHref = (entity: string, pipeline: string) => `/api/reports/pipeline.csv${params(entity, pipeline)}`;

  return { report, loading, error, load, csvHref };
});
