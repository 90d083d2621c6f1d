/** Texts of a record's "who can see this" panel. */
export default {
  en: {
    access: {
      title: 'Who can see this?',
      person: 'Person',
      choose: 'Choose a person',
      verbs: { read: 'see', update: 'change', delete: 'delete', assign: 'assign' },
      yes: {
        all: '{name} may {verb} it: their role reaches every {entity}.',
        owner: '{name} may {verb} it: it is assigned to them.',
        creator: '{name} may {verb} it: they created it.',
        team: '{name} may {verb} it: it belongs to their team, {team}.',
      },
      no: {
        outside: '{name} may not {verb} it: their role reaches only their own or their team’s, and this is neither.',
        noScope: '{name} may not {verb} it: their role grants this for no {entity}.',
        inactive: '{name} may not {verb} it: they are deactivated.',
      },
      hidden: 'Hidden from them: {fields}.',
      readonly: 'Read-only for them: {fields}.',
      failed: 'This could not be worked out.',
      viewAs: { label: 'View as', me: 'Myself', banner: 'You see {entities} as {name} sees them.', stop: 'Back to my view' },
    },
  },
  de: {
    access: {
      title: 'Wer kann das sehen?',
      person: 'Person',
      choose: 'Person wählen',
      verbs: { read: 'sehen', update: 'ändern', delete: 'löschen', assign: 'zuweisen' },
      yes: {
        all: '{name} darf es {verb}: Die Rolle reicht an jeden Datensatz vom Typ {entity}.',
        owner: '{name} darf es {verb}: Es ist dieser Person zugewiesen.',
        creator: '{name} darf es {verb}: Diese Person hat es angelegt.',
        team: '{name} darf es {verb}: Es gehört zum eigenen Team, {team}.',
      },
      no: {
        outside: '{name} darf es nicht {verb}: Die Rolle reicht nur an Eigenes oder das des Teams, und das ist keins von beiden.',
        noScope: '{name} darf es nicht {verb}: Die Rolle erlaubt das für keinen Datensatz vom Typ {entity}.',
        inactive: '{name} darf es nicht {verb}: Die Person ist deaktiviert.',
      },
      hidden: 'Für diese Person verborgen: {fields}.',
      readonly: 'Für diese Person nur lesbar: {fields}.',
      failed: 'Das ließ sich nicht ermitteln.',
      viewAs: { label: 'Ansehen als', me: 'Ich selbst', banner: 'Sie sehen {entities} so, wie {name} sie sieht.', stop: 'Zurück zu meiner Ansicht' },
    },
  },
  fr: {
    access: {
      title: 'Qui peut voir ceci ?',
      person: 'Personne',
      choose: 'Choisir une personne',
      verbs: { read: 'voir', update: 'modifier', delete: 'supprimer', assign: 'attribuer' },
      yes: {
        all: '{name} peut le {verb} : son rôle s’étend à tout enregistrement de type {entity}.',
        owner: '{name} peut le {verb} : il lui est attribué.',
        creator: '{name} peut le {verb} : cette personne l’a créé.',
        team: '{name} peut le {verb} : il appartient à son équipe, {team}.',
      },
      no: {
        outside: '{name} ne peut pas le {verb} : son rôle ne s’étend qu’aux siens ou à ceux de son équipe, et ce n’est ni l’un ni l’autre.',
        noScope: '{name} ne peut pas le {verb} : son rôle ne le permet pour aucun enregistrement de type {entity}.',
        inactive: '{name} ne peut pas le {verb} : cette personne est désactivée.',
      },
      hidden: 'Masqué pour cette personne : {fields}.',
      readonly: 'En lecture seule pour cette personne : {fields}.',
      failed: 'Cela n’a pas pu être déterminé.',
      viewAs: { label: 'Voir en tant que', me: 'Moi-même', banner: 'Vous voyez les {entities} comme {name} les voit.', stop: 'Revenir à ma vue' },
    },
  },
  es: {
    access: {
      title: '¿Quién puede ver esto?',
      person: 'Persona',
      choose: 'Elija una persona',
      verbs: { read: 'ver', update: 'cambiar', delete: 'eliminar', assign: 'asignar' },
      yes: {
        all: '{name} puede {verb}lo: su rol alcanza todo registro de tipo {entity}.',
        owner: '{name} puede {verb}lo: está asignado a esa persona.',
        creator: '{name} puede {verb}lo: esa persona lo creó.',
        team: '{name} puede {verb}lo: pertenece a su equipo, {team}.',
      },
      no: {
        outside: '{name} no puede {verb}lo: su rol solo alcanza lo suyo o lo de su equipo, y esto no es ninguna de las dos cosas.',
        noScope: '{name} no puede {verb}lo: su rol no lo permite para ningún registro de tipo {entity}.',
        inactive: '{name} no puede {verb}lo: esa persona está desactivada.',
      },
      hidden: 'Oculto para esa persona: {fields}.',
      readonly: 'Solo lectura para esa persona: {fields}.',
      failed: 'No se pudo determinar.',
      viewAs: { label: 'Ver como', me: 'Yo', banner: 'Ve los {entities} como los ve {name}.', stop: 'Volver a mi vista' },
    },
  },
};
