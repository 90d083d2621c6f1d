/** Texts of the company's limits on attached files (company settings). */
export default {
  en: {
    fileLimits: {
      title: 'Attached files',
      intro: 'What people in {tenant} may attach to records and put in file fields. Files already attached stay.',
      maxMegabytes: 'Largest file',
      maxMegabytesHelp: 'In megabytes, from 1 to {max}.',
      types: 'Kinds of file accepted',
      typesHelp: 'A file is recognised by its content, not by its name. Web pages, SVG drawings and programs are never accepted.',
      typesRequired: 'Choose at least one kind.',
      sizeInvalid: 'Enter a whole number from 1 to {max}.',
      save: 'Save file settings',
      saved: 'File settings saved.',
    },
  },
  de: {
    fileLimits: {
      title: 'Angehängte Dateien',
      intro: 'Was Personen bei {tenant} an Datensätze anhängen und in Dateifelder legen dürfen. Bereits angehängte Dateien bleiben.',
      maxMegabytes: 'Größte Datei',
      maxMegabytesHelp: 'In Megabyte, von 1 bis {max}.',
      types: 'Erlaubte Dateiarten',
      typesHelp: 'Eine Datei wird an ihrem Inhalt erkannt, nicht an ihrem Namen. Webseiten, SVG-Zeichnungen und Programme werden nie angenommen.',
      typesRequired: 'Wählen Sie mindestens eine Art.',
      sizeInvalid: 'Geben Sie eine ganze Zahl von 1 bis {max} ein.',
      save: 'Dateieinstellungen speichern',
      saved: 'Dateieinstellungen gespeichert.',
    },
  },
  fr: {
    fileLimits: {
      title: 'Fichiers joints',
      intro: 'Ce que les personnes de {tenant} peuvent joindre aux enregistrements et mettre dans les champs fichier. Les fichiers déjà joints restent.',
      maxMegabytes: 'Taille maximale d’un fichier',
      maxMegabytesHelp: 'En mégaoctets, de 1 à {max}.',
      types: 'Types de fichier acceptés',
      typesHelp: 'Un fichier est reconnu à son contenu, pas à son nom. Les pages web, les dessins SVG et les programmes ne sont jamais acceptés.',
      typesRequired: 'Choisissez au moins un type.',
      sizeInvalid: 'Saisissez un nombre entier de 1 à {max}.',
      save: 'Enregistrer les paramètres des fichiers',
      saved: 'Paramètres des fichiers enregistrés.',
    },
  },
  es: {
    fileLimits: {
      title: 'Archivos adjuntos',
      intro: 'Lo que las personas de {tenant} pueden adjuntar a los registros y poner en campos de archivo. Los archivos ya adjuntos se quedan.',
      maxMegabytes: 'Archivo más grande',
      maxMegabytesHelp: 'En megabytes, de 1 a {max}.',
      types: 'Tipos de archivo aceptados',
      typesHelp: 'Un archivo se reconoce por su contenido, no por su nombre. Las páginas web, los dibujos SVG y los programas nunca se aceptan.',
      typesRequired: 'Elija al menos un tipo.',
      sizeInvalid: 'Introduzca un número entero de 1 a {max}.',
      save: 'Guardar ajustes de archivos',
      saved: 'Ajustes de archivos guardados.',
    },
  },
};
