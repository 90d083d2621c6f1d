import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'phone',
  labels: { en: 'Phone', de: 'Telefon', fr: 'Téléphone', es: 'Teléfono' },
  icon: '☎',
  schema: { type: 'string', maxLength: 40, pattern: '^[0-9+()./ -]*$' },
  settings: ['required', 'description'],
  renderer: inputRenderer({ type: 'tel', autocomplete: 'tel' }),
});
