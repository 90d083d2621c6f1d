/** Words both front ends share: frame, buttons, states. */
export default {
  en: {
    // The shipped roles; shown while a role keeps its shipped English label.
    roleNames: { owner: 'Owner', member: 'Member', administrator: 'Administrator', manager: 'Manager', sales_rep: 'Sales representative', service_rep: 'Customer service representative' },
    app: { name: 'crm-studio', workspace: 'Workspace', studio: 'Studio', skip: 'Skip to content' },
    header: { signedInAs: 'Signed in as {name} ({role}) in {tenant}', signedInAsShort: 'Signed in as {name} ({role})', logout: 'Log out', language: 'Language', company: 'Company' },
    common: { save: 'Save', cancel: 'Cancel', delete: 'Delete', close: 'Close', loading: 'Loading…', retry: 'Try again', back: 'Back', saving: 'Saving…', yes: 'Yes', no: 'No', remove: 'Remove' },
    errors: { generic: 'Something went wrong. Try again.', offline: 'The server could not be reached. Check your connection and try again.', fixFields: 'Please correct the highlighted fields.', sessionEnded: 'Your session has ended. Please log in again.' },
  },
  de: {
    // The shipped roles; shown while a role keeps its shipped English label.
    roleNames: { owner: 'Inhaber', member: 'Mitglied', administrator: 'Administrator', manager: 'Manager', sales_rep: 'Vertriebsmitarbeiter', service_rep: 'Kundenservice-Mitarbeiter' },
    app: { name: 'crm-studio', workspace: 'Arbeitsbereich', studio: 'Studio', skip: 'Zum Inhalt springen' },
    header: { signedInAs: 'Angemeldet als {name} ({role}) bei {tenant}', signedInAsShort: 'Angemeldet als {name} ({role})', logout: 'Abmelden', language: 'Sprache', company: 'Firma' },
    common: { save: 'Speichern', cancel: 'Abbrechen', delete: 'Löschen', close: 'Schließen', loading: 'Wird geladen…', retry: 'Erneut versuchen', back: 'Zurück', saving: 'Wird gespeichert…', yes: 'Ja', no: 'Nein', remove: 'Entfernen' },
    errors: { generic: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.', offline: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.', fixFields: 'Bitte korrigieren Sie die markierten Felder.', sessionEnded: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.' },
  },
  fr: {
    // The shipped roles; shown while a role keeps its shipped English label.
    roleNames: { owner: 'Propriétaire', member: 'Membre', administrator: 'Administrateur', manager: 'Responsable', sales_rep: 'Commercial', service_rep: 'Conseiller service client' },
    app: { name: 'crm-studio', workspace: 'Espace de travail', studio: 'Studio', skip: 'Aller au contenu' },
    header: { signedInAs: 'Connecté en tant que {name} ({role}) chez {tenant}', signedInAsShort: 'Connecté en tant que {name} ({role})', logout: 'Se déconnecter', language: 'Langue', company: 'Entreprise' },
    common: { save: 'Enregistrer', cancel: 'Annuler', delete: 'Supprimer', close: 'Fermer', loading: 'Chargement…', retry: 'Réessayer', back: 'Retour', saving: 'Enregistrement…', yes: 'Oui', no: 'Non', remove: 'Retirer' },
    errors: { generic: "Une erreur s'est produite. Réessayez.", offline: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.', fixFields: 'Veuillez corriger les champs signalés.', sessionEnded: 'Votre session a expiré. Veuillez vous reconnecter.' },
  },
  es: {
    // The shipped roles; shown while a role keeps its shipped English label.
    roleNames: { owner: 'Propietario', member: 'Miembro', administrator: 'Administrador', manager: 'Gerente', sales_rep: 'Representante de ventas', service_rep: 'Agente de atención al cliente' },
    app: { name: 'crm-studio', workspace: 'Espacio de trabajo', studio: 'Estudio', skip: 'Ir al contenido' },
    header: { signedInAs: 'Sesión de {name} ({role}) en {tenant}', signedInAsShort: 'Sesión de {name} ({role})', logout: 'Cerrar sesión', language: 'Idioma', company: 'Empresa' },
    common: { save: 'Guardar', cancel: 'Cancelar', delete: 'Eliminar', close: 'Cerrar', loading: 'Cargando…', retry: 'Reintentar', back: 'Volver', saving: 'Guardando…', yes: 'Sí', no: 'No', remove: 'Quitar' },
    errors: { generic: 'Algo salió mal. Inténtelo de nuevo.', offline: 'No se puede conectar con el servidor. Compruebe su conexión e inténtelo de nuevo.', fixFields: 'Corrija los campos marcados.', sessionEnded: 'Su sesión ha terminado. Inicie sesión de nuevo.' },
  },
};
