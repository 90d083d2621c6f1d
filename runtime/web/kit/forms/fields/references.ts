import ReferencesControl from '../controls/ReferencesControl.vue';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'references',
  labels: { en: 'Links to several records', de: 'Verweise auf mehrere Datensätze', fr: 'Liens vers plusieurs fiches', es: 'Vínculos a varios registros' },
  icon: '⇉',
  schema: { type: 'array', items: { type: 'string', maxLength: 64 }, uniqueItems: true, maxItems: 50, 'x-ref': 'contact' },
  settings: ['required', 'description', 'reference'],
  renderer: ReferencesControl,
});
