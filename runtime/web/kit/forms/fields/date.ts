import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'date',
  labels: { en: 'Date', de: 'Datum', fr: 'Date', es: 'Fecha' },
  icon: '▦',
  schema: { type: 'string', format: 'date' },
  settings: ['required', 'description'],
  renderer: inputRenderer({ type: 'date' }),
});
