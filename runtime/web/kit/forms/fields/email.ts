import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'email',
  labels: { en: 'Email', de: 'E-Mail', fr: 'E-mail', es: 'Correo electrónico' },
  icon: '@',
  schema: { type: 'string', format: 'email', maxLength: 254 },
  settings: ['required', 'description'],
  renderer: inputRenderer({ type: 'email', autocomplete: 'email' }),
});
