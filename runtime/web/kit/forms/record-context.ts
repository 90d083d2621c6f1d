import type { InjectionKey, Ref } from 'vue';

/** The record a form shows: controls that act on it (a file field uploads onto it) find it here; no id while it is new. */
export interface RecordContext {
  entity: string;
  recordId: string | null;
}

export const RECORD_CONTEXT: InjectionKey<Ref<RecordContext>> = Symbol('record');
