import TextareaControl from '../controls/TextareaControl.vue';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'textarea',
  labels: { en: 'Long text', de: 'Langer Text', fr: 'Texte long', es: 'Texto largo' },
  icon: '¶',
  schema: { type: 'string', maxLength: 10000 },
  options: { multi: true },
  settings: ['required', 'description', 'default', 'minLength', 'maxLength'],
  renderer: TextareaControl,
});
