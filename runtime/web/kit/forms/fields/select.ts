import SelectControl from '../controls/SelectControl.vue';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'select',
  labels: { en: 'Single select', de: 'Einfachauswahl', fr: 'Choix unique', es: 'Selección única' },
  icon: '▾',
  schema: { type: 'string', enum: ['option_1', 'option_2'] },
  settings: ['required', 'description', 'default', 'options'],
  renderer: SelectControl,
});
