import FileControl from '../controls/FileControl.vue';
import { defineField } from '../field-type.ts';

export default defineField({
  key: 'file',
  labels: { en: 'File', de: 'Datei', fr: 'Fichier', es: 'Archivo' },
  icon: '⎘',
  // The value is the id of a file uploaded for the record; the server checks it on every save.
  schema: { type: 'string', format: 'attachment' },
  settings: ['required', 'description'],
  renderer: FileControl,
});
