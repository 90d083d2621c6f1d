import { defineStore } from 'pinia';
import { api, query } from '../../kit/api/client.ts';
import type { ComplianceReport, ServiceLevelView, SlaStatus } from '../../../browser-safe/service-levels.ts';

export type { ClockView, ComplianceReport, ComplianceRow, ServiceLevelView, SlaStatus } from '../../../browser-safe/service-levels.ts';

/** A list row's service level: its status, and whether a clock stands still (the case waits on the customer). */
export interface RowLevel {
  status: SlaStatus | null;
  paused: boolean;
}

const one = (entity: string, id: string) => `/service-levels/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

/** Service levels as the server counts them: a record's clocks, a page of records' statuses, the compliance report. */
export const useServiceLevelsStore = defineStore('serviceLevels', () => {
  /** A record's clocks, as the reader may see them. */
  async function ofRecord(entity: string, id: string): Promise<ServiceLevelView> {
    return (await api<ServiceLevelView>('GET', one(entity, id))).data;
  }

  /** The statuses of these records (200 at a time); records without a service level are left out. */
  async function ofRows(entity: string, ids: string[]): Promise<Map<string, RowLevel>> {
    const found = new Map<string, RowLevel>();
    for (let i = 0; i < ids.length; i += 200) {
      const path = `/service-levels/${encodeURIComponent(entity)}${query({ ids: ids.slice(i, i + 200).join(',') })}`;
      const { data } = await api<{ items: ({ id: string } & RowLevel)[] }>('GET', path);
      for (const item of data.items) found.set(item.id, { status: item.status, paused: item.paused });
    }
    return found;
  }

  /** How many first responses and resolutions came within target, per month and team, over the last `months` months. */
  async function compliance(entity: string, months = 12): Promise<ComplianceReport> {
    return (await api<ComplianceReport>('GET', `/reports/service-levels${query({ entity, months })}`)).data;
  }

  return { ofRecord, ofRows, compliance };
});
