/** Texts of the form renderers and of validation errors, in every language of the interface. */
export default {
  en: {
    forms: { required: 'required', choose: 'Choose…', search: 'Search…', searchIn: 'Search {field}', noMatches: 'No matching records', referenceUnavailable: 'A record you cannot see' },
    formErrors: { required: 'This field is required.', minLength: 'Enter at least {limit} characters.', maxLength: 'Enter at most {limit} characters.', minimum: 'Must be at least {limit}.', maximum: 'Must be at most {limit}.', pattern: 'This does not have the expected form.', format: 'Enter a valid {format}.', type: 'Enter a valid value.', enum: 'Choose one of the options.', const: 'This value is not allowed.' },
  },
  de: {
    forms: { required: 'Pflichtfeld', choose: 'Auswählen…', search: 'Suchen…', searchIn: '{field} durchsuchen', noMatches: 'Keine passenden Datensätze', referenceUnavailable: 'Ein Datensatz, den Sie nicht sehen können' },
    formErrors: { required: 'Dieses Feld ist erforderlich.', minLength: 'Geben Sie mindestens {limit} Zeichen ein.', maxLength: 'Geben Sie höchstens {limit} Zeichen ein.', minimum: 'Muss mindestens {limit} sein.', maximum: 'Darf höchstens {limit} sein.', pattern: 'Das Format stimmt nicht.', format: 'Geben Sie eine gültige Angabe ein ({format}).', type: 'Geben Sie einen gültigen Wert ein.', enum: 'Wählen Sie eine der Optionen.', const: 'Dieser Wert ist nicht erlaubt.' },
  },
  fr: {
    forms: { required: 'obligatoire', choose: 'Choisir…', search: 'Rechercher…', searchIn: 'Rechercher dans {field}', noMatches: 'Aucune fiche correspondante', referenceUnavailable: 'Une fiche que vous ne pouvez pas voir' },
    formErrors: { required: 'Ce champ est obligatoire.', minLength: 'Saisissez au moins {limit} caractères.', maxLength: 'Saisissez au plus {limit} caractères.', minimum: 'Doit être au moins {limit}.', maximum: 'Doit être au plus {limit}.', pattern: "Le format n'est pas celui attendu.", format: 'Saisissez une valeur valide ({format}).', type: 'Saisissez une valeur valide.', enum: 'Choisissez une des options.', const: "Cette valeur n'est pas autorisée." },
  },
  es: {
    forms: { required: 'obligatorio', choose: 'Elegir…', search: 'Buscar…', searchIn: 'Buscar en {field}', noMatches: 'Ningún registro coincide', referenceUnavailable: 'Un registro que no puede ver' },
    formErrors: { required: 'Este campo es obligatorio.', minLength: 'Introduzca al menos {limit} caracteres.', maxLength: 'Introduzca como máximo {limit} caracteres.', minimum: 'Debe ser al menos {limit}.', maximum: 'Debe ser como máximo {limit}.', pattern: 'El formato no es el esperado.', format: 'Introduzca un valor válido ({format}).', type: 'Introduzca un valor válido.', enum: 'Elija una de las opciones.', const: 'Este valor no está permitido.' },
  },
};
