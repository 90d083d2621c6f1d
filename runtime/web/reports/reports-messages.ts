/** Texts of the reports page of the member workspace. */
export default {
  en: {
    reports: {
      nav: 'Reports', title: 'Reports', pipeline: 'Pipeline', download: 'Download CSV', loadFailed: 'The report could not be loaded.',
      noAccessTitle: 'Your role has no access to reports', noAccessHint: 'Ask an owner of your company to give your role the “View reports” privilege.',
      noPipeline: 'No kind of record in your configuration has a pipeline, so there is nothing to report on.',
      emptyTitle: 'No {entities} yet', emptyHint: 'Figures appear once deals exist.',
      scope: 'Counts only the {entities} you are allowed to see.', noAmount: 'Your role cannot see amounts, so only counts are shown.',
      figures: {
        title: 'Key figures', openAmount: 'Open amount', openCount: '{count} open', weighted: 'Weighted open amount', weightedHint: 'amount × stage probability',
        winRate: 'Win rate', winOf: '{won} won, {lost} lost', noneClosed: 'No deals closed yet', total: 'All deals',
      },
      stages: {
        title: 'Amount per stage', caption: 'Deals, amount and weighted amount per stage',
        chart: 'Bar chart of the amount and the weighted amount per stage. {summary}', point: '{label}: {amount}, weighted {weighted}',
      },
      months: {
        title: 'Open amount by expected close month', caption: 'Open deals, amount and weighted amount per close month',
        chart: 'Bar chart of the open amount per close month, with the weighted amount as a line. {summary}',
        none: 'No open deals right now.', noDate: 'No close date', noField: 'Your role cannot see the close date, so deals cannot be placed in months.',
      },
      time: {
        chart: 'Bar chart of the average time a deal spent in each open stage. {summary}', average: 'Average time', title: 'Average time in each stage', caption: 'Average time a deal spent in each stage',
        hint: 'Counts only stays that have ended: a deal still in a stage is not included yet.', notYet: 'No deal has left this stage yet', underMinute: 'less than a minute',
      },
      conversion: {
        chart: 'Bar chart of the share of deals that moved on from each stage. {summary}', share: 'Moved on', title: 'Conversion to later stages', caption: 'Share of deals that moved on from each stage',
        hint: 'Of the deals that entered a stage, how many later reached a further stage. Falling to lost does not count as moving on.', none: '–',
      },
      col: {
        stage: 'Stage', probability: 'Probability', count: 'Deals', amount: 'Amount', weighted: 'Weighted amount', month: 'Close month', total: 'Total',
        average: 'Average time', basedOn: 'Stays counted', entered: 'Entered', advanced: 'Moved on', rate: 'Conversion',
      },
    },
  },
  de: {
    reports: {
      nav: 'Berichte', title: 'Berichte', pipeline: 'Pipeline', download: 'CSV herunterladen', loadFailed: 'Der Bericht konnte nicht geladen werden.',
      noAccessTitle: 'Ihre Rolle hat keinen Zugriff auf Berichte', noAccessHint: 'Bitten Sie einen Inhaber Ihrer Firma, Ihrer Rolle das Recht „Berichte ansehen“ zu geben.',
      noPipeline: 'Keine Art von Datensatz in Ihrer Konfiguration hat eine Pipeline, daher gibt es nichts auszuwerten.',
      emptyTitle: 'Noch keine {entities}', emptyHint: 'Zahlen erscheinen, sobald es Geschäfte gibt.',
      scope: 'Gezählt werden nur die {entities}, die Sie sehen dürfen.', noAmount: 'Ihre Rolle darf keine Beträge sehen, daher werden nur Anzahlen gezeigt.',
      figures: {
        title: 'Kennzahlen', openAmount: 'Offener Betrag', openCount: '{count} offen', weighted: 'Gewichteter offener Betrag', weightedHint: 'Betrag × Wahrscheinlichkeit der Phase',
        winRate: 'Abschlussquote', winOf: '{won} gewonnen, {lost} verloren', noneClosed: 'Noch keine Geschäfte abgeschlossen', total: 'Alle Geschäfte',
      },
      stages: {
        title: 'Betrag je Phase', caption: 'Geschäfte, Betrag und gewichteter Betrag je Phase',
        chart: 'Balkendiagramm des Betrags und des gewichteten Betrags je Phase. {summary}', point: '{label}: {amount}, gewichtet {weighted}',
      },
      months: {
        title: 'Offener Betrag nach erwartetem Abschlussmonat', caption: 'Offene Geschäfte, Betrag und gewichteter Betrag je Abschlussmonat',
        chart: 'Balkendiagramm des offenen Betrags je Abschlussmonat, der gewichtete Betrag als Linie. {summary}',
        none: 'Zurzeit keine offenen Geschäfte.', noDate: 'Ohne Abschlussdatum', noField: 'Ihre Rolle darf das Abschlussdatum nicht sehen, daher lassen sich Geschäfte keinen Monaten zuordnen.',
      },
      time: {
        chart: 'Balkendiagramm der durchschnittlichen Dauer je offener Phase. {summary}', average: 'Durchschnittliche Dauer', title: 'Durchschnittliche Zeit je Phase', caption: 'Durchschnittliche Verweildauer eines Geschäfts in jeder Phase',
        hint: 'Gezählt werden nur beendete Aufenthalte: Ein Geschäft, das noch in einer Phase ist, zählt noch nicht.', notYet: 'Noch kein Geschäft hat diese Phase verlassen', underMinute: 'weniger als eine Minute',
      },
      conversion: {
        chart: 'Balkendiagramm des Anteils der Verkaufschancen, die von jeder Phase aus weiterkamen. {summary}', share: 'Weitergekommen', title: 'Umwandlung in spätere Phasen', caption: 'Anteil der Geschäfte, die aus jeder Phase weiterkamen',
        hint: 'Von den Geschäften, die in eine Phase kamen: wie viele später eine weitere Phase erreichten. Verloren zählt nicht als Weiterkommen.', none: '–',
      },
      col: {
        stage: 'Phase', probability: 'Wahrscheinlichkeit', count: 'Geschäfte', amount: 'Betrag', weighted: 'Gewichteter Betrag', month: 'Abschlussmonat', total: 'Summe',
        average: 'Durchschnittliche Zeit', basedOn: 'Gezählte Aufenthalte', entered: 'Hineingekommen', advanced: 'Weitergekommen', rate: 'Umwandlung',
      },
    },
  },
  fr: {
    reports: {
      nav: 'Rapports', title: 'Rapports', pipeline: 'Pipeline', download: 'Télécharger le CSV', loadFailed: 'Le rapport n’a pas pu être chargé.',
      noAccessTitle: 'Votre rôle n’a pas accès aux rapports', noAccessHint: 'Demandez à un propriétaire de votre entreprise de donner à votre rôle le droit « Voir les rapports ».',
      noPipeline: 'Aucun type de fiche de votre configuration n’a de pipeline : il n’y a rien à analyser.',
      emptyTitle: 'Pas encore de {entities}', emptyHint: 'Les chiffres apparaissent dès qu’il existe des affaires.',
      scope: 'Seules les {entities} que vous pouvez voir sont comptées.', noAmount: 'Votre rôle ne peut pas voir les montants : seuls les nombres sont affichés.',
      figures: {
        title: 'Chiffres clés', openAmount: 'Montant en cours', openCount: '{count} en cours', weighted: 'Montant en cours pondéré', weightedHint: 'montant × probabilité de l’étape',
        winRate: 'Taux de réussite', winOf: '{won} gagnées, {lost} perdues', noneClosed: 'Aucune affaire conclue pour l’instant', total: 'Toutes les affaires',
      },
      stages: {
        title: 'Montant par étape', caption: 'Affaires, montant et montant pondéré par étape',
        chart: 'Graphique en barres du montant et du montant pondéré par étape. {summary}', point: '{label} : {amount}, pondéré {weighted}',
      },
      months: {
        title: 'Montant en cours par mois de clôture prévu', caption: 'Affaires en cours, montant et montant pondéré par mois de clôture',
        chart: 'Graphique en barres du montant en cours par mois de clôture, avec le montant pondéré en ligne. {summary}',
        none: 'Aucune affaire en cours pour l’instant.', noDate: 'Sans date de clôture', noField: 'Votre rôle ne peut pas voir la date de clôture : les affaires ne peuvent pas être réparties par mois.',
      },
      time: {
        chart: 'Graphique en barres du temps moyen passé dans chaque étape ouverte. {summary}', average: 'Durée moyenne', title: 'Temps moyen par étape', caption: 'Temps moyen passé par une affaire dans chaque étape',
        hint: 'Seuls les passages terminés comptent : une affaire encore dans une étape n’est pas encore incluse.', notYet: 'Aucune affaire n’a encore quitté cette étape', underMinute: 'moins d’une minute',
      },
      conversion: {
        chart: 'Graphique en barres de la part des affaires qui ont avancé depuis chaque étape. {summary}', share: 'Ont avancé', title: 'Conversion vers les étapes suivantes', caption: 'Part des affaires qui ont avancé depuis chaque étape',
        hint: 'Parmi les affaires entrées dans une étape, combien ont atteint ensuite une étape plus avancée. Passer en perdue ne compte pas comme avancer.', none: '–',
      },
      col: {
        stage: 'Étape', probability: 'Probabilité', count: 'Affaires', amount: 'Montant', weighted: 'Montant pondéré', month: 'Mois de clôture', total: 'Total',
        average: 'Temps moyen', basedOn: 'Passages comptés', entered: 'Entrées', advanced: 'Avancées', rate: 'Conversion',
      },
    },
  },
  es: {
    reports: {
      nav: 'Informes', title: 'Informes', pipeline: 'Embudo', download: 'Descargar CSV', loadFailed: 'No se pudo cargar el informe.',
      noAccessTitle: 'Su rol no tiene acceso a los informes', noAccessHint: 'Pida a un propietario de su empresa que dé a su rol el permiso «Ver informes».',
      noPipeline: 'Ningún tipo de registro de su configuración tiene embudo, así que no hay nada que analizar.',
      emptyTitle: 'Todavía no hay {entities}', emptyHint: 'Las cifras aparecen en cuanto existan negocios.',
      scope: 'Solo cuentan las {entities} que usted puede ver.', noAmount: 'Su rol no puede ver importes, así que solo se muestran cantidades.',
      figures: {
        title: 'Cifras clave', openAmount: 'Importe abierto', openCount: '{count} abiertos', weighted: 'Importe abierto ponderado', weightedHint: 'importe × probabilidad de la etapa',
        winRate: 'Tasa de éxito', winOf: '{won} ganados, {lost} perdidos', noneClosed: 'Todavía no hay negocios cerrados', total: 'Todos los negocios',
      },
      stages: {
        title: 'Importe por etapa', caption: 'Negocios, importe e importe ponderado por etapa',
        chart: 'Gráfico de barras del importe y del importe ponderado por etapa. {summary}', point: '{label}: {amount}, ponderado {weighted}',
      },
      months: {
        title: 'Importe abierto por mes de cierre previsto', caption: 'Negocios abiertos, importe e importe ponderado por mes de cierre',
        chart: 'Gráfico de barras del importe abierto por mes de cierre, con el importe ponderado como línea. {summary}',
        none: 'Ahora mismo no hay negocios abiertos.', noDate: 'Sin fecha de cierre', noField: 'Su rol no puede ver la fecha de cierre, así que los negocios no se pueden repartir por meses.',
      },
      time: {
        chart: 'Gráfico de barras de los tiempo promedio en cada etapa abierta. {summary}', average: 'Tiempo promedio', title: 'Tiempo medio en cada etapa', caption: 'Tiempo medio que un negocio pasó en cada etapa',
        hint: 'Solo cuentan las estancias terminadas: un negocio que sigue en una etapa aún no se incluye.', notYet: 'Ningún negocio ha salido aún de esta etapa', underMinute: 'menos de un minuto',
      },
      conversion: {
        chart: 'Gráfico de barras de la proporción de oportunidades que avanzaron desde cada etapa. {summary}', share: 'Avanzaron', title: 'Conversión a etapas posteriores', caption: 'Proporción de negocios que avanzaron desde cada etapa',
        hint: 'De los negocios que entraron en una etapa, cuántos llegaron después a una etapa posterior. Pasar a perdido no cuenta como avanzar.', none: '–',
      },
      col: {
        stage: 'Etapa', probability: 'Probabilidad', count: 'Negocios', amount: 'Importe', weighted: 'Importe ponderado', month: 'Mes de cierre', total: 'Total',
        average: 'Tiempo medio', basedOn: 'Estancias contadas', entered: 'Entraron', advanced: 'Avanzaron', rate: 'Conversión',
      },
    },
  },
};
