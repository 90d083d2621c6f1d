/** Texts of a record's related lists. */
export default {
  en: {
    related: {
      title: 'Related records',
      none: 'No {entities} yet.',
      more: 'Show more',
      new: 'New {entity} for this {of}',
      failed: 'The related records could not be loaded.',
      sortLabel: 'Order of {entities}',
      sorts: { recent: 'Changed lately first', oldest: 'Changed longest ago first', created: 'Newest first', title: 'By name' },
    },
  },
  de: {
    related: {
      title: 'Verknüpfte Datensätze',
      none: 'Noch keine {entities}.',
      more: 'Mehr anzeigen',
      new: 'Neu: {entity} (zu diesem Datensatz vom Typ {of})',
      failed: 'Die verknüpften Datensätze konnten nicht geladen werden.',
      sortLabel: 'Reihenfolge: {entities}',
      sorts: { recent: 'Zuletzt geändert zuerst', oldest: 'Am längsten unverändert zuerst', created: 'Neueste zuerst', title: 'Nach Name' },
    },
  },
  fr: {
    related: {
      title: 'Enregistrements liés',
      none: 'Aucun enregistrement de type {entities} pour l’instant.',
      more: 'Afficher plus',
      new: 'Nouveau : {entity} (lié à cet enregistrement de type {of})',
      failed: 'Les enregistrements liés n’ont pas pu être chargés.',
      sortLabel: 'Ordre : {entities}',
      sorts: { recent: 'Modifiés récemment d’abord', oldest: 'Modifiés il y a longtemps d’abord', created: 'Les plus récents d’abord', title: 'Par nom' },
    },
  },
  es: {
    related: {
      title: 'Registros relacionados',
      none: 'Aún no hay {entities}.',
      more: 'Mostrar más',
      new: 'Nuevo: {entity} (vinculado a este registro de tipo {of})',
      failed: 'No se pudieron cargar los registros relacionados.',
      sortLabel: 'Orden: {entities}',
      sorts: {
        recent: 'Modificados recientemente primero',
        oldest: 'Modificados hace más tiempo primero',
        created: 'Los más nuevos primero',
        title: 'Por nombre',
      },
    },
  },
};
