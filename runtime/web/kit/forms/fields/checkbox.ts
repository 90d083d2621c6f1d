import CheckboxControl from '../controls/CheckboxControl.vue';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'checkbox',
  labels: { en: 'Checkbox', de: 'Kontrollkästchen', fr: 'Case à cocher', es: 'Casilla' },
  icon: '☑',
  schema: { type: 'boolean' },
  settings: ['description', 'default'],
  renderer: CheckboxControl,
});
