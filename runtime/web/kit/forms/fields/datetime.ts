import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'datetime',
  labels: { en: 'Date and time', de: 'Datum und Uhrzeit', fr: 'Date et heure', es: 'Fecha y hora' },
  icon: '◷',
  schema: { type: 'string', format: 'date-time' },
  settings: ['required', 'description'],
  renderer: inputRenderer({ type: 'datetime-local' }),
});
