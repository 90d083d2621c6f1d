import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'text',
  labels: { en: 'Text', de: 'Text', fr: 'Texte', es: 'Texto' },
  icon: 'Aa',
  schema: { type: 'string', maxLength: 200 },
  settings: ['required', 'description', 'default', 'minLength', 'maxLength', 'pattern'],
  renderer: inputRenderer({ type: 'text' }),
});
