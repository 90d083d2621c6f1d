import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { catalogView } from '../../../runtime/workflows/catalog.ts';
import { localCatalog, localEntry, lookupOf, paramTitle, type Lookup } from '../../../studio/workflows/catalog-texts.ts';
import type { CatalogEntry } from '../../../studio/workflows/editor-store.ts';
import { paramProperties } from '../../../studio/workflows/params.ts';
import messages from '../../../studio/workflows/workflow-messages.ts';

/** vue-i18n as the studio sets it up, in `locale`, over the designer's texts (plus `extra` in English only). */
function lookupIn(locale: 'en' | 'de' | 'fr' | 'es', extra: Record<string, unknown> = {}): Lookup {
  const en = { ...messages.en, workflows: { ...messages.en.workflows, catalog: { ...messages.en.workflows.catalog, ...extra } } };
  const { global } = createI18n({ legacy: false, locale, fallbackLocale: 'en', messages: { ...messages, en }, missingWarn: false, fallbackWarn: false });
  return lookupOf(global.t, global.te);
}
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });
// An entry the runtime gained after these messages were written.
const later: CatalogEntry = {
  name: 'fieldChanged',
  label: 'Field changed',
  description: 'Passes when the field changed.',
  params: obj({ field: { type: 'string', title: 'Field' }, since: { type: 'string', title: 'Since', description: 'A moment.' } }),
};
const titles = (e: CatalogEntry | undefined) => Object.fromEntries(Object.entries(paramProperties(e?.params ?? {})).map(([k, v]) => [k, v.title]));

describe('the catalog in the interface language', () => {
  const server = catalogView();
  const de = localCatalog({ guards: [...server.guards, later], actions: server.actions }, lookupIn('de'));
  const guard = (name: string) => de.guards.find((e) => e.name === name);
  const action = (name: string) => de.actions.find((e) => e.name === name);

  it('labels and describes known entries from the messages', () => {
    expect(guard('hasRole')).toMatchObject({ label: 'Person hat eine der Rollen', description: expect.stringContaining('Rollen') });
    expect(action('notify')?.label).toBe('Benachrichtigen');
  });

  it('titles parameters in every oneOf branch, and explains them where the server does', () => {
    expect(titles(action('notify'))).toEqual({ message: 'Nachricht', role: 'Rolle', to: 'An' });
    expect(paramProperties(action('createFollowUp')!.params).due).toMatchObject({ title: 'Fällig nach', description: expect.stringContaining('Dauer') });
    expect(paramProperties(action('createFollowUp')!.params).title).not.toHaveProperty('description');
  });

  it('keeps the rest of each schema and the server catalog as it was', () => {
    expect(paramProperties(action('createFollowUp')!.params).due).toMatchObject({ type: 'string', pattern: expect.any(String) });
    expect(catalogView()).toEqual(server);
  });

  it('falls back to the server’s English for names the messages lack', () => {
    expect(guard('fieldChanged')).toMatchObject({ label: 'Field changed', description: 'Passes when the field changed.' });
    expect(titles(guard('fieldChanged'))).toEqual({ field: 'Feld', since: 'Since' });
    expect(paramProperties(guard('fieldChanged')!.params).since).toMatchObject({ description: 'A moment.' });
  });

  it('falls back to English messages before the server’s text', () => {
    const entry = localEntry(later, lookupIn('fr', { fieldChanged: { label: 'Field has changed' } }));
    expect(entry.label).toBe('Field has changed');
    expect(entry.description).toBe('Passes when the field changed.');
  });

  it('names a parameter in problems by its title: the messages’, else the server’s, else its name', () => {
    const catalog = { guards: [later], actions: [] };
    expect(paramTitle('field', catalog, lookupIn('es'))).toBe('Campo');
    expect(paramTitle('since', catalog, lookupIn('es'))).toBe('Since');
    expect(paramTitle('until', catalog, lookupIn('es'))).toBe('until');
    expect(paramTitle('until', null, () => undefined)).toBe('until');
  });
});
