/** Texts of a record's related lists. */
export default {
  en: {
    related: {
      title: 'Related records',
      none: 'No {entities} yet.',
      more: 'Show more',
      new: 'New {entity} for this {of}',
      failed: 'The related records could not be loaded.',
    },
  },
  de: {
    related: {
      title: 'Verknüpfte Datensätze',
      none: 'Noch keine {entities}.',
      more: 'Mehr anzeigen',
      new: 'Neu: {entity} (zu diesem Datensatz vom Typ {of})',
      failed: 'Die verknüpften Datensätze konnten nicht geladen werden.',
    },
  },
  fr: {
    related: {
      title: 'Enregistrements liés',
      none: 'Aucun enregistrement de type {entities} pour l’instant.',
      more: 'Afficher plus',
      new: 'Nouveau : {entity} (lié à cet enregistrement de type {of})',
      failed: 'Les enregistrements liés n’ont pas pu être chargés.',
    },
  },
  es: {
    related: {
      title: 'Registros relacionados',
      none: 'Aún no hay {entities}.',
      more: 'Mostrar más',
      new: 'Nuevo: {entity} (vinculado a este registro de tipo {of})',
      failed: 'No se pudieron cargar los registros relacionados.',
    },
  },
};
