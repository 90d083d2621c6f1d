import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'number',
  labels: { en: 'Number', de: 'Zahl', fr: 'Nombre', es: 'Número' },
  icon: '#',
  schema: { type: 'number' },
  settings: ['required', 'description', 'default', 'minimum', 'maximum'],
  renderer: inputRenderer({ type: 'number' }),
});
