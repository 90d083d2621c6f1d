/**
 * The runtime catalog's texts in every interface language, by catalog name (`<name>.label|description`) and by
 * parameter name (`param.<name>.title|description`). The English repeats the server's; names missing here show the server's text.
 */
export default {
  en: {
    hasRole: {
      label: 'Person has one of the roles',
      description:
        'Passes when the person firing the event holds one of these roles (name the owner role too if owners should pass). Timers have no person and never pass.',
    },
    isOwner: { label: 'Person owns the record', description: 'Passes when the person firing the event is the record’s owner.' },
    fieldEquals: { label: 'Field equals', description: 'Passes when the field holds exactly this value.' },
    fieldIn: { label: 'Field is one of', description: 'Passes when the field holds one of these values.' },
    fieldsPresent: { label: 'Fields are filled in', description: 'Passes when every one of these fields has a value.' },
    assign: {
      label: 'Assign the record',
      description: 'Gives the record to the next active holder of a role, in turn (round robin), or back to the person who created it.',
    },
    setField: { label: 'Set a field', description: 'Writes a value into a field of the record.' },
    createFollowUp: {
      label: 'Create a follow-up task',
      description: 'Adds a task to the record’s timeline, assigned to the record’s owner, due after the given time.',
    },
    notify: {
      label: 'Notify',
      description: 'Sends an in-app notification to the holders of a role, or to the record’s owner or creator. People who cannot see the record never see it.',
    },
    sendEmail: {
      label: 'Send an email',
      description:
        'Sends one of the record type’s email templates, filled with the record’s values in its owner’s language, to the record’s address (or the one in the field named), from the company’s first shared mailbox that can send. It goes out once the step is saved, retried when the server fails, and shows on the record’s timeline.',
    },
    convertLead: {
      label: 'Convert the lead',
      description: 'Creates an opportunity from a lead, with its contact and account when they do not exist yet, all linked to the lead.',
    },
    param: {
      roles: { title: 'Roles' },
      role: { title: 'Role' },
      field: { title: 'Field' },
      fields: { title: 'Fields' },
      value: { title: 'Value' },
      values: { title: 'Values' },
      to: { title: 'To' },
      title: { title: 'Title' },
      message: { title: 'Message' },
      template: { title: 'Template' },
      due: { title: 'Due after', description: 'An ISO-8601 duration: P1D is one day, PT4H four hours, PT0S at once.' },
    },
  },
  de: {
    hasRole: {
      label: 'Person hat eine der Rollen',
      description:
        'Erfüllt, wenn die Person, die das Ereignis auslöst, eine dieser Rollen hat (nennen Sie auch die Rolle „Inhaber“, wenn Inhaber durchkommen sollen). Zeitgesteuerte Übergänge haben keine Person und sind nie erfüllt.',
    },
    isOwner: {
      label: 'Person ist für den Datensatz verantwortlich',
      description: 'Erfüllt, wenn die Person, die das Ereignis auslöst, für den Datensatz verantwortlich ist.',
    },
    fieldEquals: { label: 'Feld ist gleich', description: 'Erfüllt, wenn das Feld genau diesen Wert enthält.' },
    fieldIn: { label: 'Feld hat einen der Werte', description: 'Erfüllt, wenn das Feld einen dieser Werte enthält.' },
    fieldsPresent: { label: 'Felder sind ausgefüllt', description: 'Erfüllt, wenn jedes dieser Felder einen Wert hat.' },
    assign: {
      label: 'Datensatz zuweisen',
      description: 'Gibt den Datensatz reihum (Round Robin) an die nächste aktive Person mit einer Rolle oder zurück an die Person, die ihn angelegt hat.',
    },
    setField: { label: 'Feld setzen', description: 'Schreibt einen Wert in ein Feld des Datensatzes.' },
    createFollowUp: {
      label: 'Wiedervorlage anlegen',
      description: 'Fügt dem Verlauf des Datensatzes eine Aufgabe hinzu, zugewiesen an die verantwortliche Person und fällig nach der angegebenen Zeit.',
    },
    notify: {
      label: 'Benachrichtigen',
      description:
        'Sendet eine Benachrichtigung in der App an die Personen mit einer Rolle oder an die verantwortliche Person oder die Person, die den Datensatz angelegt hat. Wer den Datensatz nicht sehen darf, erhält sie nie.',
    },
    sendEmail: {
      label: 'E-Mail senden',
      description:
        'Sendet eine der E-Mail-Vorlagen des Datensatztyps, gefüllt mit den Werten des Datensatzes in der Sprache seines Inhabers, an die Adresse des Datensatzes (oder die im genannten Feld), aus dem ersten gemeinsamen Postfach des Unternehmens, das senden kann. Sie geht hinaus, sobald der Schritt gespeichert ist, wird erneut versucht, wenn der Server scheitert, und steht im Verlauf des Datensatzes.',
    },
    convertLead: {
      label: 'Lead umwandeln',
      description: 'Erstellt aus einem Lead eine Verkaufschance, dazu Kontakt und Kunde, falls es sie noch nicht gibt, alle mit dem Lead verknüpft.',
    },
    param: {
      roles: { title: 'Rollen' },
      role: { title: 'Rolle' },
      field: { title: 'Feld' },
      fields: { title: 'Felder' },
      value: { title: 'Wert' },
      values: { title: 'Werte' },
      to: { title: 'An' },
      title: { title: 'Titel' },
      message: { title: 'Nachricht' },
      template: { title: 'Vorlage' },
      due: { title: 'Fällig nach', description: 'Eine Dauer nach ISO 8601: P1D ist ein Tag, PT4H sind vier Stunden, PT0S sofort.' },
    },
  },
  fr: {
    hasRole: {
      label: 'La personne a l’un des rôles',
      description:
        'Remplie quand la personne qui déclenche l’événement a l’un de ces rôles (indiquez aussi le rôle « Propriétaire » si les propriétaires doivent passer). Les transitions déclenchées par un délai n’ont pas de personne et ne sont jamais remplies.',
    },
    isOwner: {
      label: 'La personne est responsable de la fiche',
      description: 'Remplie quand la personne qui déclenche l’événement est responsable de la fiche.',
    },
    fieldEquals: { label: 'Le champ est égal à', description: 'Remplie quand le champ contient exactement cette valeur.' },
    fieldIn: { label: 'Le champ vaut l’une des valeurs', description: 'Remplie quand le champ contient l’une de ces valeurs.' },
    fieldsPresent: { label: 'Les champs sont remplis', description: 'Remplie quand chacun de ces champs a une valeur.' },
    assign: {
      label: 'Attribuer la fiche',
      description: 'Confie la fiche à tour de rôle (round robin) à la prochaine personne active ayant un rôle, ou la rend à la personne qui l’a créée.',
    },
    setField: { label: 'Définir un champ', description: 'Écrit une valeur dans un champ de la fiche.' },
    createFollowUp: {
      label: 'Créer une tâche de relance',
      description: 'Ajoute une tâche à l’historique de la fiche, attribuée à son responsable, à échéance après le délai indiqué.',
    },
    notify: {
      label: 'Notifier',
      description:
        'Envoie une notification dans l’application aux personnes ayant un rôle, ou au responsable ou au créateur de la fiche. Les personnes qui ne peuvent pas voir la fiche ne la reçoivent jamais.',
    },
    sendEmail: {
      label: 'Envoyer un e-mail',
      description:
        'Envoie l’un des modèles d’e-mail du type de fiche, rempli avec les valeurs de la fiche dans la langue de son propriétaire, à l’adresse de la fiche (ou à celle du champ indiqué), depuis la première boîte mail partagée de l’entreprise qui peut envoyer. Il part une fois l’étape enregistrée, est renvoyé si le serveur échoue et figure dans l’historique de la fiche.',
    },
    convertLead: {
      label: 'Convertir la piste',
      description: 'Crée une opportunité à partir d’une piste, avec son contact et son compte s’ils n’existent pas encore, tous liés à la piste.',
    },
    param: {
      roles: { title: 'Rôles' },
      role: { title: 'Rôle' },
      field: { title: 'Champ' },
      fields: { title: 'Champs' },
      value: { title: 'Valeur' },
      values: { title: 'Valeurs' },
      to: { title: 'Destinataire' },
      title: { title: 'Titre' },
      message: { title: 'Message' },
      template: { title: 'Modèle' },
      due: { title: 'Échéance après', description: 'Une durée ISO 8601 : P1D vaut un jour, PT4H quatre heures, PT0S immédiatement.' },
    },
  },
  es: {
    hasRole: {
      label: 'La persona tiene uno de los roles',
      description:
        'Se cumple cuando la persona que dispara el evento tiene uno de estos roles (indique también el rol «Propietario» si los propietarios deben pasar). Las transiciones por tiempo no tienen persona y nunca se cumplen.',
    },
    isOwner: {
      label: 'La persona es responsable del registro',
      description: 'Se cumple cuando la persona que dispara el evento es la responsable del registro.',
    },
    fieldEquals: { label: 'El campo es igual a', description: 'Se cumple cuando el campo contiene exactamente este valor.' },
    fieldIn: { label: 'El campo es uno de', description: 'Se cumple cuando el campo contiene uno de estos valores.' },
    fieldsPresent: { label: 'Los campos están rellenados', description: 'Se cumple cuando todos estos campos tienen un valor.' },
    assign: {
      label: 'Asignar el registro',
      description: 'Entrega el registro por turnos (round robin) a la siguiente persona activa con un rol, o de vuelta a la persona que lo creó.',
    },
    setField: { label: 'Establecer un campo', description: 'Escribe un valor en un campo del registro.' },
    createFollowUp: {
      label: 'Crear una tarea de seguimiento',
      description: 'Añade una tarea al historial del registro, asignada a su responsable, con vencimiento tras el tiempo indicado.',
    },
    notify: {
      label: 'Notificar',
      description:
        'Envía una notificación en la aplicación a quienes tienen un rol, o al responsable o al creador del registro. Quien no puede ver el registro nunca la recibe.',
    },
    sendEmail: {
      label: 'Enviar un correo',
      description:
        'Envía una de las plantillas de correo del tipo de registro, rellenada con los valores del registro en el idioma de su propietario, a la dirección del registro (o a la del campo indicado), desde el primer buzón compartido de la empresa que puede enviar. Sale en cuanto se guarda el paso, se reintenta si el servidor falla y aparece en el historial del registro.',
    },
    convertLead: {
      label: 'Convertir el cliente potencial',
      description:
        'Crea una oportunidad a partir de un cliente potencial, con su contacto y su cuenta si aún no existen, todos vinculados al cliente potencial.',
    },
    param: {
      roles: { title: 'Roles' },
      role: { title: 'Rol' },
      field: { title: 'Campo' },
      fields: { title: 'Campos' },
      value: { title: 'Valor' },
      values: { title: 'Valores' },
      to: { title: 'Destinatario' },
      title: { title: 'Título' },
      message: { title: 'Mensaje' },
      template: { title: 'Plantilla' },
      due: { title: 'Vence tras', description: 'Una duración ISO 8601: P1D es un día, PT4H cuatro horas, PT0S al instante.' },
    },
  },
};
