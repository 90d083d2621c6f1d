/** Texts of invitations (the banner above every page, the invitation link's page) and of the password reset link's page. */
const errors = {
  en: { required: 'Please fill this in.', passwordShort: 'Use at least {n} characters.', tooLong: 'Use at most {n} characters.', passwordCommon: 'This password is too common. Choose another.', passwordEmail: 'Do not use your email address as password.' },
  de: { required: 'Bitte ausfüllen.', passwordShort: 'Verwenden Sie mindestens {n} Zeichen.', tooLong: 'Verwenden Sie höchstens {n} Zeichen.', passwordCommon: 'Dieses Passwort ist zu verbreitet. Wählen Sie ein anderes.', passwordEmail: 'Verwenden Sie nicht Ihre E-Mail-Adresse als Passwort.' },
  fr: { required: 'Veuillez remplir ce champ.', passwordShort: 'Utilisez au moins {n} caractères.', tooLong: 'Utilisez au plus {n} caractères.', passwordCommon: 'Ce mot de passe est trop courant. Choisissez-en un autre.', passwordEmail: 'N’utilisez pas votre adresse e-mail comme mot de passe.' },
  es: { required: 'Rellene este campo.', passwordShort: 'Use al menos {n} caracteres.', tooLong: 'Use como máximo {n} caracteres.', passwordCommon: 'Esta contraseña es demasiado común. Elija otra.', passwordEmail: 'No use su dirección de correo como contraseña.' },
};

export default {
  en: {
    invitations: {
      region: 'Invitations', invited: '{tenant} invited you to join as {role}.', by: 'Invited by {name}.', accept: 'Accept', decline: 'Decline',
      joined: 'You joined {tenant}. You can switch between your companies at the top of the page.', open: 'Open {tenant}', stay: 'Stay here',
      declined: 'You declined the invitation from {tenant}.',
      errors: { gone: 'This invitation is no longer open: it was revoked or it expired.', roleGone: 'The role of this invitation no longer exists in that company. Ask them to invite you again.', inviterGone: 'Whoever invited you can no longer grant this role. Ask that company to invite you again.', alreadyMember: 'You are already a member of that company.' },
    },
    invite: {
      decline: 'Decline the invitation', declined: 'You declined the invitation. Nothing was changed for you.',
      title: 'Join {tenant}', intro: '{name} invited you to join {tenant} as {role}.', for: 'This invitation is for {email}.',
      account: 'Do you already have a crm-studio account with this email?', new: 'No, I am new here: create my account', existing: 'Yes: sign in as {email}',
      name: 'Your name', newPassword: 'Choose a password', password: 'Your password', passwordHelp: 'At least 8 characters; avoid common passwords.',
      submit: 'Join {tenant}', busy: 'Joining…',
      hasAccount: 'This email already has an account. Sign in with its password to accept.', wrongPassword: 'This is not the password of the account with this email.',
      invalidTitle: 'This invitation link does not work any more',
      invalid: 'It was already used or revoked, or it expired after 7 days. Ask the person who invited you for a new invitation.', toLogin: 'Go to the login page',
      errors: { ...errors.en, roleGone: 'The role of this invitation no longer exists in that company. Ask them to invite you again.', inviterGone: 'Whoever invited you can no longer grant this role. Ask that company to invite you again.', alreadyMember: 'You are already a member of that company.' },
    },
    reset: {
      title: 'Choose a new password', for: 'For the account {email}. Afterwards you are signed out everywhere and log in with the new password.', password: 'New password',
      codeHelp: 'Your two-step sign-in stays on: enter the 6-digit code from your authenticator app.', submit: 'Save new password', busy: 'Saving…',
      done: 'Your password was changed. Log in with it now.',
      invalid: 'This link does not work any more: it was already used, or it expired after a day. Ask an owner of your company for a new one.',
      errors: errors.en,
    },
  },
  de: {
    invitations: {
      region: 'Einladungen', invited: '{tenant} hat Sie eingeladen, als {role} beizutreten.', by: 'Eingeladen von {name}.', accept: 'Annehmen', decline: 'Ablehnen',
      joined: 'Sie sind {tenant} beigetreten. Oben auf der Seite wechseln Sie zwischen Ihren Firmen.', open: '{tenant} öffnen', stay: 'Hier bleiben',
      declined: 'Sie haben die Einladung von {tenant} abgelehnt.',
      errors: { gone: 'Diese Einladung ist nicht mehr offen: Sie wurde zurückgezogen oder ist abgelaufen.', roleGone: 'Die Rolle dieser Einladung gibt es in der Firma nicht mehr. Bitten Sie um eine neue Einladung.', inviterGone: 'Wer Sie eingeladen hat, kann diese Rolle nicht mehr vergeben. Bitten Sie die Firma um eine neue Einladung.', alreadyMember: 'Sie sind bereits Mitglied dieser Firma.' },
    },
    invite: {
      decline: 'Einladung ablehnen', declined: 'Sie haben die Einladung abgelehnt. Für Sie hat sich nichts geändert.',
      title: '{tenant} beitreten', intro: '{name} hat Sie eingeladen, {tenant} als {role} beizutreten.', for: 'Diese Einladung gilt für {email}.',
      account: 'Haben Sie mit dieser E-Mail schon ein crm-studio-Konto?', new: 'Nein, ich bin neu hier: Konto anlegen', existing: 'Ja: als {email} anmelden',
      name: 'Ihr Name', newPassword: 'Passwort wählen', password: 'Ihr Passwort', passwordHelp: 'Mindestens 8 Zeichen; vermeiden Sie gängige Passwörter.',
      submit: '{tenant} beitreten', busy: 'Wird beigetreten…',
      hasAccount: 'Zu dieser E-Mail gibt es schon ein Konto. Melden Sie sich mit dessen Passwort an, um anzunehmen.', wrongPassword: 'Das ist nicht das Passwort des Kontos zu dieser E-Mail.',
      invalidTitle: 'Dieser Einladungslink funktioniert nicht mehr',
      invalid: 'Er wurde schon verwendet oder zurückgezogen, oder er ist nach 7 Tagen abgelaufen. Bitten Sie die einladende Person um eine neue Einladung.', toLogin: 'Zur Anmeldung',
      errors: { ...errors.de, roleGone: 'Die Rolle dieser Einladung gibt es in der Firma nicht mehr. Bitten Sie um eine neue Einladung.', inviterGone: 'Wer Sie eingeladen hat, kann diese Rolle nicht mehr vergeben. Bitten Sie die Firma um eine neue Einladung.', alreadyMember: 'Sie sind bereits Mitglied dieser Firma.' },
    },
    reset: {
      title: 'Neues Passwort wählen', for: 'Für das Konto {email}. Danach sind Sie überall abgemeldet und melden sich mit dem neuen Passwort an.', password: 'Neues Passwort',
      codeHelp: 'Ihre Zwei-Faktor-Anmeldung bleibt eingeschaltet: Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.', submit: 'Neues Passwort speichern', busy: 'Wird gespeichert…',
      done: 'Ihr Passwort wurde geändert. Melden Sie sich jetzt damit an.',
      invalid: 'Dieser Link funktioniert nicht mehr: Er wurde schon verwendet oder ist nach einem Tag abgelaufen. Bitten Sie einen Inhaber Ihrer Firma um einen neuen.',
      errors: errors.de,
    },
  },
  fr: {
    invitations: {
      region: 'Invitations', invited: '{tenant} vous invite à rejoindre l’entreprise comme {role}.', by: 'Invitation de {name}.', accept: 'Accepter', decline: 'Refuser',
      joined: 'Vous avez rejoint {tenant}. Vous passez d’une entreprise à l’autre en haut de la page.', open: 'Ouvrir {tenant}', stay: 'Rester ici',
      declined: 'Vous avez refusé l’invitation de {tenant}.',
      errors: { gone: 'Cette invitation n’est plus ouverte : elle a été révoquée ou a expiré.', roleGone: 'Le rôle de cette invitation n’existe plus dans cette entreprise. Demandez une nouvelle invitation.', inviterGone: 'La personne qui vous a invité ne peut plus accorder ce rôle. Demandez une nouvelle invitation à cette entreprise.', alreadyMember: 'Vous êtes déjà membre de cette entreprise.' },
    },
    invite: {
      decline: 'Refuser l’invitation', declined: 'Vous avez refusé l’invitation. Rien n’a changé pour vous.',
      title: 'Rejoindre {tenant}', intro: '{name} vous invite à rejoindre {tenant} comme {role}.', for: 'Cette invitation est destinée à {email}.',
      account: 'Avez-vous déjà un compte crm-studio avec cet e-mail ?', new: 'Non, je suis nouveau ici : créer mon compte', existing: 'Oui : me connecter en tant que {email}',
      name: 'Votre nom', newPassword: 'Choisissez un mot de passe', password: 'Votre mot de passe', passwordHelp: 'Au moins 8 caractères ; évitez les mots de passe courants.',
      submit: 'Rejoindre {tenant}', busy: 'En cours…',
      hasAccount: 'Cet e-mail a déjà un compte. Connectez-vous avec son mot de passe pour accepter.', wrongPassword: 'Ce n’est pas le mot de passe du compte de cet e-mail.',
      invalidTitle: 'Ce lien d’invitation ne fonctionne plus',
      invalid: 'Il a déjà été utilisé ou révoqué, ou il a expiré après 7 jours. Demandez une nouvelle invitation à la personne qui vous a invité.', toLogin: 'Aller à la page de connexion',
      errors: { ...errors.fr, roleGone: 'Le rôle de cette invitation n’existe plus dans cette entreprise. Demandez une nouvelle invitation.', inviterGone: 'La personne qui vous a invité ne peut plus accorder ce rôle. Demandez une nouvelle invitation à cette entreprise.', alreadyMember: 'Vous êtes déjà membre de cette entreprise.' },
    },
    reset: {
      title: 'Choisir un nouveau mot de passe', for: 'Pour le compte {email}. Vous serez ensuite déconnecté partout et vous connecterez avec le nouveau mot de passe.', password: 'Nouveau mot de passe',
      codeHelp: 'Votre connexion à deux facteurs reste activée : saisissez le code à 6 chiffres de votre application d’authentification.', submit: 'Enregistrer le mot de passe', busy: 'Enregistrement…',
      done: 'Votre mot de passe a été changé. Connectez-vous maintenant avec lui.',
      invalid: 'Ce lien ne fonctionne plus : il a déjà été utilisé ou a expiré après un jour. Demandez-en un nouveau à un propriétaire de votre entreprise.',
      errors: errors.fr,
    },
  },
  es: {
    invitations: {
      region: 'Invitaciones', invited: '{tenant} le invitó a unirse como {role}.', by: 'Invitación de {name}.', accept: 'Aceptar', decline: 'Rechazar',
      joined: 'Se unió a {tenant}. Puede cambiar entre sus empresas en la parte superior de la página.', open: 'Abrir {tenant}', stay: 'Quedarme aquí',
      declined: 'Rechazó la invitación de {tenant}.',
      errors: { gone: 'Esta invitación ya no está abierta: se revocó o caducó.', roleGone: 'El rol de esta invitación ya no existe en esa empresa. Pida una nueva invitación.', inviterGone: 'Quien le invitó ya no puede conceder este rol. Pida a esa empresa una nueva invitación.', alreadyMember: 'Ya es miembro de esa empresa.' },
    },
    invite: {
      decline: 'Rechazar la invitación', declined: 'Rechazó la invitación. No cambió nada para usted.',
      title: 'Unirse a {tenant}', intro: '{name} le invitó a unirse a {tenant} como {role}.', for: 'Esta invitación es para {email}.',
      account: '¿Ya tiene una cuenta de crm-studio con este correo?', new: 'No, soy nuevo: crear mi cuenta', existing: 'Sí: iniciar sesión como {email}',
      name: 'Su nombre', newPassword: 'Elija una contraseña', password: 'Su contraseña', passwordHelp: 'Al menos 8 caracteres; evite contraseñas comunes.',
      submit: 'Unirse a {tenant}', busy: 'Uniéndose…',
      hasAccount: 'Este correo ya tiene una cuenta. Inicie sesión con su contraseña para aceptar.', wrongPassword: 'Esta no es la contraseña de la cuenta de este correo.',
      invalidTitle: 'Este enlace de invitación ya no funciona',
      invalid: 'Ya se usó o se revocó, o caducó a los 7 días. Pida una nueva invitación a quien le invitó.', toLogin: 'Ir a la página de inicio de sesión',
      errors: { ...errors.es, roleGone: 'El rol de esta invitación ya no existe en esa empresa. Pida una nueva invitación.', inviterGone: 'Quien le invitó ya no puede conceder este rol. Pida a esa empresa una nueva invitación.', alreadyMember: 'Ya es miembro de esa empresa.' },
    },
    reset: {
      title: 'Elegir una contraseña nueva', for: 'Para la cuenta {email}. Después se cerrarán todas sus sesiones y entrará con la contraseña nueva.', password: 'Contraseña nueva',
      codeHelp: 'Su inicio de sesión en dos pasos sigue activado: escriba el código de 6 dígitos de su aplicación de autenticación.', submit: 'Guardar contraseña nueva', busy: 'Guardando…',
      done: 'Su contraseña se cambió. Inicie sesión con ella ahora.',
      invalid: 'Este enlace ya no funciona: ya se usó o caducó al cabo de un día. Pida uno nuevo a un propietario de su empresa.',
      errors: errors.es,
    },
  },
};
