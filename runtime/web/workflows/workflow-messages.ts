/** Texts of workflows in the workspace: a record's status and events, and the timeline entries they write. */
export default {
  en: {
    workflow: {
      title: 'Status', now: 'Now:', final: 'this is where it ends', actions: 'What can happen next', noEvents: 'There is nothing you can do at this step; someone else takes it on from here.',
      saveFirst: 'Save your changes first to move it on.', leadsTo: 'Moves it to {state}', firing: 'Working…', fired: 'Done: {event}.',
      notNow: '“{event}” is not possible any more: the record changed in the meantime. The buttons show what is possible now.',
      timeline: {
        automatic: 'Moved automatically from {from} to {to}', transition: '{name}: {event} — from {from} to {to}', moved: '{name} moved it from {from} to {to}', task: 'Follow-up task “{title}” for {owner}, due {due}',
        taskDone: '{name} completed the task “{title}”', converted: 'Converted: created {records}', convertedFrom: 'Created by converting a lead', remapped: '{name} published a configuration without {from}, which moved it to {to}', open: 'Open',
      },
    },
  },
  de: {
    workflow: {
      title: 'Status', now: 'Jetzt:', final: 'hier endet der Ablauf', actions: 'Was als Nächstes geschehen kann', noEvents: 'In diesem Schritt können Sie nichts tun; jemand anders übernimmt.',
      saveFirst: 'Speichern Sie zuerst Ihre Änderungen, um weiterzumachen.', leadsTo: 'Führt zu {state}', firing: 'Wird ausgeführt…', fired: 'Erledigt: {event}.',
      notNow: '„{event}“ ist nicht mehr möglich: Der Datensatz hat sich inzwischen geändert. Die Schaltflächen zeigen, was jetzt möglich ist.',
      timeline: {
        automatic: 'Automatisch von {from} nach {to} gewechselt', transition: '{name}: {event} — von {from} nach {to}', moved: '{name} hat es von {from} nach {to} verschoben', task: 'Wiedervorlage „{title}“ für {owner}, fällig {due}',
        taskDone: '{name} hat die Aufgabe „{title}“ erledigt', converted: 'Umgewandelt: angelegt wurden {records}', convertedFrom: 'Durch Umwandeln eines Leads angelegt', remapped: '{name} hat eine Konfiguration ohne {from} veröffentlicht; dadurch kam es nach {to}', open: 'Öffnen',
      },
    },
  },
  fr: {
    workflow: {
      title: 'Statut', now: 'Actuellement :', final: 'le parcours s’arrête ici', actions: 'Ce qui peut se passer ensuite', noEvents: 'Vous ne pouvez rien faire à cette étape ; quelqu’un d’autre prend le relais.',
      saveFirst: 'Enregistrez d’abord vos modifications pour continuer.', leadsTo: 'Passe à {state}', firing: 'En cours…', fired: 'Fait : {event}.',
      notNow: '« {event} » n’est plus possible : la fiche a changé entre-temps. Les boutons montrent ce qui est possible maintenant.',
      timeline: {
        automatic: 'Passé automatiquement de {from} à {to}', transition: '{name} : {event} — de {from} à {to}', moved: '{name} l’a déplacé de {from} à {to}', task: 'Tâche de relance « {title} » pour {owner}, échéance {due}',
        taskDone: '{name} a terminé la tâche « {title} »', converted: 'Converti : création de {records}', convertedFrom: 'Créé en convertissant une piste', remapped: '{name} a publié une configuration sans {from}, ce qui l’a déplacé vers {to}', open: 'Ouvrir',
      },
    },
  },
  es: {
    workflow: {
      title: 'Estado', now: 'Ahora:', final: 'aquí termina el proceso', actions: 'Lo que puede pasar después', noEvents: 'No puede hacer nada en este paso; otra persona se encarga a partir de aquí.',
      saveFirst: 'Guarde primero sus cambios para continuar.', leadsTo: 'Lo lleva a {state}', firing: 'Procesando…', fired: 'Hecho: {event}.',
      notNow: '«{event}» ya no es posible: el registro cambió mientras tanto. Los botones muestran lo que es posible ahora.',
      timeline: {
        automatic: 'Pasó automáticamente de {from} a {to}', transition: '{name}: {event} — de {from} a {to}', moved: '{name} lo movió de {from} a {to}', task: 'Tarea de seguimiento «{title}» para {owner}, vence {due}',
        taskDone: '{name} completó la tarea «{title}»', converted: 'Convertido: se crearon {records}', convertedFrom: 'Creado al convertir un cliente potencial', remapped: '{name} publicó una configuración sin {from}, lo que lo movió a {to}', open: 'Abrir',
      },
    },
  },
};
