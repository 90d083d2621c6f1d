import MultiSelectControl from '../controls/MultiSelectControl.vue';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'multiselect',
  labels: { en: 'Multi-select', de: 'Mehrfachauswahl', fr: 'Choix multiple', es: 'Selección múltiple' },
  icon: '☰',
  schema: { type: 'array', items: { type: 'string', enum: ['option_1', 'option_2'] }, uniqueItems: true },
  settings: ['required', 'description', 'options'],
  renderer: MultiSelectControl,
});
