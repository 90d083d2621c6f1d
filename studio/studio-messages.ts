/** The studio frame's texts; each page area adds its own message module in main.ts. */
export default {
  en: {
    studio: {
      areas: { access: 'People and access' },
      nav: {
        forms: 'Forms',
        formsHint: 'Design the forms your team fills in: fields, layout, rules and translations.',
        workflows: 'Workflows',
        workflowsHint: 'Automate how cases and leads move: states, events, conditions, follow-ups and assignment.',
        pipelines: 'Pipelines',
        pipelinesHint: 'Shape how deals move: stages, probabilities, required fields and who may move deals where.',
        users: 'Users and roles',
        usersHint: 'Invite people, give them a role, deactivate or remove them.',
        tokens: 'API tokens',
        tokensHint: 'Let scripts and the command line in: create tokens, see when they were last used, revoke them.',
        settings: 'Company settings',
        settingsHint: 'Name, default language, currency and timezone.',
      },
      home: {
        intro: 'Configure how your team works. Changes take effect when you publish them.',
        pageDenied: 'Your role does not allow that page; here is what you can configure.',
      },
      denied: {
        title: 'The studio is for configuring the CRM',
        text: 'Your role has no configuration privileges. Ask an owner if you need to change forms, users or settings.',
        back: 'Back to my records',
      },
    },
  },
  de: {
    studio: {
      areas: { access: 'Personen und Zugriff' },
      nav: {
        forms: 'Formulare',
        formsHint: 'Gestalten Sie die Formulare Ihres Teams: Felder, Layout, Regeln und Übersetzungen.',
        workflows: 'Workflows',
        workflowsHint: 'Automatisieren Sie, wie Fälle und Leads laufen: Status, Ereignisse, Bedingungen, Nachverfolgung und Zuweisung.',
        pipelines: 'Pipelines',
        pipelinesHint: 'Legen Sie fest, wie Geschäfte laufen: Phasen, Wahrscheinlichkeiten, Pflichtfelder und wer verschieben darf.',
        users: 'Benutzer und Rollen',
        usersHint: 'Personen einladen, Rollen vergeben, deaktivieren oder entfernen.',
        tokens: 'API-Tokens',
        tokensHint: 'Skripte und Kommandozeile zulassen: Tokens erstellen, letzte Nutzung sehen, widerrufen.',
        settings: 'Firmeneinstellungen',
        settingsHint: 'Name, Standardsprache, Währung und Zeitzone.',
      },
      home: {
        intro: 'Legen Sie fest, wie Ihr Team arbeitet. Änderungen gelten, sobald Sie sie veröffentlichen.',
        pageDenied: 'Ihre Rolle erlaubt diese Seite nicht; hier sehen Sie, was Sie konfigurieren können.',
      },
      denied: {
        title: 'Im Studio wird das CRM konfiguriert',
        text: 'Ihre Rolle hat keine Konfigurationsrechte. Wenden Sie sich an einen Inhaber, wenn Formulare, Benutzer oder Einstellungen geändert werden sollen.',
        back: 'Zurück zu meinen Datensätzen',
      },
    },
  },
  fr: {
    studio: {
      areas: { access: 'Personnes et accès' },
      nav: {
        forms: 'Formulaires',
        formsHint: 'Concevez les formulaires de votre équipe : champs, mise en page, règles et traductions.',
        workflows: 'Workflows',
        workflowsHint: 'Automatisez le parcours des dossiers et des pistes : états, événements, conditions, relances et attribution.',
        pipelines: 'Pipelines',
        pipelinesHint: 'Définissez le parcours des affaires : étapes, probabilités, champs obligatoires et qui peut déplacer quoi.',
        users: 'Utilisateurs et rôles',
        usersHint: 'Invitez des personnes, attribuez un rôle, désactivez ou retirez.',
        tokens: 'Jetons d’API',
        tokensHint: 'Ouvrez l’accès aux scripts et à la ligne de commande : créez des jetons, voyez leur dernière utilisation, révoquez-les.',
        settings: "Paramètres de l'entreprise",
        settingsHint: 'Nom, langue par défaut, devise et fuseau horaire.',
      },
      home: {
        intro: 'Configurez la façon dont votre équipe travaille. Les changements prennent effet à la publication.',
        pageDenied: "Votre rôle n'autorise pas cette page ; voici ce que vous pouvez configurer.",
      },
      denied: {
        title: 'Le studio sert à configurer le CRM',
        text: "Votre rôle n'a aucun droit de configuration. Demandez à un propriétaire si des formulaires, utilisateurs ou paramètres doivent changer.",
        back: 'Retour à mes fiches',
      },
    },
  },
  es: {
    studio: {
      areas: { access: 'Personas y acceso' },
      nav: {
        forms: 'Formularios',
        formsHint: 'Diseñe los formularios de su equipo: campos, diseño, reglas y traducciones.',
        workflows: 'Flujos de trabajo',
        workflowsHint: 'Automatice cómo avanzan casos y clientes potenciales: estados, eventos, condiciones, seguimientos y asignación.',
        pipelines: 'Embudos',
        pipelinesHint: 'Defina cómo avanzan los negocios: etapas, probabilidades, campos obligatorios y quién puede moverlos.',
        users: 'Usuarios y roles',
        usersHint: 'Invite personas, asigne roles, desactive o elimine.',
        tokens: 'Tokens de API',
        tokensHint: 'Dé acceso a scripts y a la línea de comandos: cree tokens, vea su último uso y revóquelos.',
        settings: 'Ajustes de la empresa',
        settingsHint: 'Nombre, idioma predeterminado, moneda y zona horaria.',
      },
      home: {
        intro: 'Configure cómo trabaja su equipo. Los cambios se aplican al publicarlos.',
        pageDenied: 'Su rol no permite esa página; esto es lo que puede configurar.',
      },
      denied: {
        title: 'El estudio sirve para configurar el CRM',
        text: 'Su rol no tiene privilegios de configuración. Pida a un propietario que cambie formularios, usuarios o ajustes.',
        back: 'Volver a mis registros',
      },
    },
  },
};
