import { describe, expect, it } from 'vitest';
import { removeState, setStateKey } from '../../../studio/workflows/state-edits.ts';
import { pruneTranslations, setTranslation, translatableTexts } from '../../../studio/workflows/translations.ts';
import { support } from './support.ts';

// Working holds a state of its own, so a nested state's translation has something to name.
const translated = {
  ...support,
  states: { ...support.states, working: { ...support.states.working, initial: 'deep', states: { deep: { meta: { label: 'Deep' } } } } },
  i18n: {
    de: {
      'state.waiting': 'Wartet',
      'stateDescription.waiting': 'Auf den Kunden',
      'state.working.deep': 'Tief',
      'event.REPLIED': 'Geantwortet',
      'eventDescription.REPLIED': 'Der Kunde hat geantwortet',
      'text.Call': 'Anrufen',
      description: 'Fälle',
    },
  },
};

describe('workflow translations in the designer', () => {
  it('lists every text a person reads: states, events, texts of actions', () => {
    expect(translatableTexts(support).map((t) => t.id)).toEqual([
      'state.new',
      'state.working',
      'state.waiting',
      'state.escalated',
      'state.done',
      'event.START',
      'event.ESCALATE',
      'event.WAIT',
      'event.RESOLVE',
      'event.REPLIED',
      'text.Call',
      'text.Escalated',
    ]);
  });

  it('keeps what still names something, of every kind the schema allows, and drops what names nothing any more', () => {
    expect(pruneTranslations(translated)).toBe(translated);
    const without = pruneTranslations(removeState(translated, 'waiting'));
    // The waiting state, its description, its event REPLIED and the action text Call went with it.
    expect(without.i18n!.de).toEqual({ 'state.working.deep': 'Tief', description: 'Fälle' });
  });

  it('carries a state’s translations to its new key; an empty text removes one', () => {
    const moved = setStateKey(translated, 'waiting', 'on_hold', new Set());
    expect(moved.i18n!.de!['state.on_hold']).toBe('Wartet');
    expect(moved.i18n!.de!['stateDescription.on_hold']).toBe('Auf den Kunden');
    expect(setStateKey(translated, 'working', 'busy', new Set()).i18n!.de!['state.busy.deep']).toBe('Tief');
    expect(setTranslation(translated, 'de', 'text.Call', ' ').i18n!.de!['text.Call']).toBeUndefined();
  });
});
