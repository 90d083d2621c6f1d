import ReferenceControl from '../controls/ReferenceControl.vue';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'reference',
  labels: { en: 'Reference to a record', de: 'Verweis auf einen Datensatz', fr: 'Référence à une fiche', es: 'Referencia a un registro' },
  icon: '↗',
  schema: { type: 'string', maxLength: 64, 'x-ref': 'account' },
  settings: ['required', 'description', 'reference'],
  renderer: ReferenceControl,
});
