import { useI18n } from 'vue-i18n';
import { useConfigStore } from '../../runtime/web/kit/config/store.ts';
import { formatDateTime } from '../../runtime/web/kit/i18n/format.ts';
import type { AuditEntry } from './store.ts';

/** Puts audit events in words: what happened, and each changed value as "Field: before → after". */
export function useAuditText() {
  const { t, te, locale } = useI18n();
  const config = useConfigStore();
  const key = (action: string) => action.replaceAll('.', '_');

  /** A record the event concerns: its title while the reader may read it, else "a lead". */
  const recordName = (e: AuditEntry) => e.target.title || t('audit.aRecord', { entity: e.target.entity ? config.entityNoun(e.target.entity) : '' });
  const actorName = (e: AuditEntry) => e.actor?.name ?? t('audit.nobody');

  function sentence(e: AuditEntry): string {
    const changes = (e.changes ?? {}) as Record<string, unknown>;
    const words = {
      actor: actorName(e),
      target: recordName(e),
      person: e.target.name ?? '—',
      id: e.target.id ?? '',
      email: String(changes.email ?? '—'),
      name: String(changes.name ?? ''),
      method: String(changes.method ?? ''),
      path: String(changes.path ?? ''),
      action: e.action,
    };
    const id = `audit.events.${key(e.action)}`;
    return t(te(id) ? id : 'audit.events.other', words);
  }

  const shown = (value: unknown) =>
    value === undefined || value === null || value === ''
      ? t('audit.unchanged')
      : typeof value === 'boolean'
        ? t(value ? 'audit.yes' : 'audit.no')
        : Array.isArray(value)
          ? value.map(String).join(', ')
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
  /** A changed setting or property by its name in words ("Role"), the key itself when there is none. */
  const label = (e: AuditEntry, field: string) =>
    e.target.entity ? config.fieldLabel(e.target.entity, field) : te(`audit.fields.${field}`) ? t(`audit.fields.${field}`) : field;

  /** A configuration change ("Forms: lead changed") from the list a draft save or publish records. */
  const partChange = (c: { part?: unknown; key?: unknown; change?: unknown }) =>
    t(`audit.config.${String(c.change)}`, {
      part: te(`audit.parts.${String(c.part)}`) ? t(`audit.parts.${String(c.part)}`) : String(c.part),
      key: String(c.key),
    });

  /** The fields a record event changed, as lines "Field: before → after"; other events' details in words as far as known. */
  function details(e: AuditEntry): string[] {
    // A file's event names the file in its sentence already.
    if (!e.changes || e.action.startsWith('attachment.')) return [];
    return Object.entries(e.changes).flatMap(([field, value]) => {
      if (value !== null && typeof value === 'object' && ('before' in value || 'after' in value)) {
        const { before, after } = value as { before?: unknown; after?: unknown };
        const option = (v: unknown) => (e.target.entity && typeof v === 'string' ? config.optionLabel(e.target.entity, field, v) : v);
        return [t('audit.change', { field: label(e, field), before: shown(option(before)), after: shown(option(after)) })];
      }
      if (e.action === 'access.refused') return field === 'reason' ? [String(value)] : [];
      if (e.action === 'record.shared' || e.action === 'record.unshared') {
        if (field === 'access') return [t(`audit.shareAccess.${String(value)}`)];
        return field === 'until' && value ? [t('audit.shareUntil', { date: formatDateTime(String(value), locale.value) })] : [];
      }
      if (field === 'changes' && Array.isArray(value)) return value.map((c) => partChange(c as Record<string, unknown>));
      if (field === 'mappings') return [];
      return [`${label(e, field)}: ${shown(value)}`];
    });
  }
  return { sentence, details, recordName, actorName, key };
}
