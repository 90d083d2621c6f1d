import { inputRenderer } from '../controls/input-renderer.ts';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'currency',
  labels: { en: 'Currency', de: 'Währung', fr: 'Montant', es: 'Importe' },
  icon: '¤',
  schema: { type: 'number', minimum: 0 },
  settings: ['required', 'description', 'default', 'minimum', 'maximum'],
  renderer: inputRenderer({ type: 'number', affix: 'currency' }),
});
