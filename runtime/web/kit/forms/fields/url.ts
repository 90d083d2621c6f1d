import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'url',
  labels: { en: 'Web address', de: 'Webadresse', fr: 'Adresse web', es: 'Dirección web' },
  icon: '⌁',
  schema: { type: 'string', format: 'uri', maxLength: 2000 },
  settings: ['required', 'description'],
  renderer: inputRenderer({ type: 'url', autocomplete: 'url' }),
});
