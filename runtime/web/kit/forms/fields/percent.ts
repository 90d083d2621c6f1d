import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'percent',
  labels: { en: 'Percent', de: 'Prozent', fr: 'Pourcentage', es: 'Porcentaje' },
  icon: '%',
  schema: { type: 'number', minimum: 0, maximum: 100 },
  settings: ['required', 'description', 'default', 'minimum', 'maximum'],
  renderer: inputRenderer({ type: 'number', affix: 'percent' }),
});
