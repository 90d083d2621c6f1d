/** Texts of the person's own lists: follow-up tasks and notifications. */
export default {
  en: {
    inbox: {
      nav: { tasks: 'My tasks', notifications: 'Notifications', unread: '{n} unread' },
      tasks: {
        title: 'My tasks', show: 'Show', open: 'Open', done: 'Done', overdue: 'Overdue', due: 'Due {when}', snoozedUntil: 'snoozed until {when}', completedAt: 'Completed {when}',
        complete: 'Mark as done', snoozeFor: 'Snooze for', snooze: 'Snooze', days: '{n} day | {n} days',
        empty: { open: 'No open tasks', done: 'No completed tasks yet' }, emptyHint: 'Follow-ups that workflows create for your records show up here, soonest due first.',
      },
      notifications: {
        title: 'Notifications', readAll: 'Mark all as read', markRead: 'Mark as read', new: 'New',
        empty: 'No notifications', emptyHint: 'Workflows notify you here, for example when a case you can see is escalated.',
      },
    },
  },
  de: {
    inbox: {
      nav: { tasks: 'Meine Aufgaben', notifications: 'Benachrichtigungen', unread: '{n} ungelesen' },
      tasks: {
        title: 'Meine Aufgaben', show: 'Anzeigen', open: 'Offen', done: 'Erledigt', overdue: 'Überfällig', due: 'Fällig {when}', snoozedUntil: 'zurückgestellt bis {when}', completedAt: 'Erledigt {when}',
        complete: 'Als erledigt markieren', snoozeFor: 'Zurückstellen um', snooze: 'Zurückstellen', days: '{n} Tag | {n} Tage',
        empty: { open: 'Keine offenen Aufgaben', done: 'Noch keine erledigten Aufgaben' }, emptyHint: 'Wiedervorlagen, die Abläufe für Ihre Datensätze anlegen, erscheinen hier, die nächstfälligen zuerst.',
      },
      notifications: {
        title: 'Benachrichtigungen', readAll: 'Alle als gelesen markieren', markRead: 'Als gelesen markieren', new: 'Neu',
        empty: 'Keine Benachrichtigungen', emptyHint: 'Abläufe benachrichtigen Sie hier, zum Beispiel wenn ein Fall, den Sie sehen, eskaliert wird.',
      },
    },
  },
  fr: {
    inbox: {
      nav: { tasks: 'Mes tâches', notifications: 'Notifications', unread: '{n} non lues' },
      tasks: {
        title: 'Mes tâches', show: 'Afficher', open: 'À faire', done: 'Terminées', overdue: 'En retard', due: 'Échéance {when}', snoozedUntil: 'reportée au {when}', completedAt: 'Terminée {when}',
        complete: 'Marquer comme terminée', snoozeFor: 'Reporter de', snooze: 'Reporter', days: '{n} jour | {n} jours',
        empty: { open: 'Aucune tâche à faire', done: 'Aucune tâche terminée pour l’instant' }, emptyHint: 'Les relances que les processus créent pour vos fiches apparaissent ici, les plus urgentes d’abord.',
      },
      notifications: {
        title: 'Notifications', readAll: 'Tout marquer comme lu', markRead: 'Marquer comme lue', new: 'Nouveau',
        empty: 'Aucune notification', emptyHint: 'Les processus vous préviennent ici, par exemple quand un dossier que vous voyez est escaladé.',
      },
    },
  },
  es: {
    inbox: {
      nav: { tasks: 'Mis tareas', notifications: 'Notificaciones', unread: '{n} sin leer' },
      tasks: {
        title: 'Mis tareas', show: 'Mostrar', open: 'Pendientes', done: 'Hechas', overdue: 'Vencida', due: 'Vence {when}', snoozedUntil: 'pospuesta hasta {when}', completedAt: 'Completada {when}',
        complete: 'Marcar como hecha', snoozeFor: 'Posponer', snooze: 'Posponer', days: '{n} día | {n} días',
        empty: { open: 'No hay tareas pendientes', done: 'Aún no hay tareas hechas' }, emptyHint: 'Los seguimientos que los procesos crean para sus registros aparecen aquí, los más urgentes primero.',
      },
      notifications: {
        title: 'Notificaciones', readAll: 'Marcar todas como leídas', markRead: 'Marcar como leída', new: 'Nueva',
        empty: 'No hay notificaciones', emptyHint: 'Los procesos le avisan aquí, por ejemplo cuando se escala un caso que usted puede ver.',
      },
    },
  },
};
