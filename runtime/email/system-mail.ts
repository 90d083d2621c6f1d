import type { Client } from '@libsql/client';
import { LOCALES, type Locale } from '../browser-safe/bundle.ts';

/** The runtime's own mail (invitations, password reset links): SMTP_URL and MAIL_FROM, set by whoever runs it. */
export interface SystemMail {
  /** `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  url: string;
  from: string;
}

/** The settings from the environment; without SMTP_URL the runtime sends nothing and links are passed on by hand. */
export function systemMailFromEnv(env: NodeJS.ProcessEnv): SystemMail | undefined {
  if (!env.SMTP_URL) return undefined;
  return { url: env.SMTP_URL, from: env.MAIL_FROM ?? 'crm-studio <no-reply@localhost>' };
}

type Letter = 'invitation' | 'reset';
const TEXTS: Record<Locale, Record<Letter, { subject: string; text: string }>> = {
  en: {
    invitation: {
      subject: '{inviter} invites you to {company}',
      text: 'Hello {name},\n\n{inviter} invites you to work in {company}. Follow this link to join (it works once, until {until}):\n\n{link}\n\nIf you did not expect this, ignore this message.',
    },
    reset: {
      subject: 'Choose a new password for {company}',
      text: 'Hello {name},\n\n{inviter} made a link for you to choose a new password. It works once, until {until}:\n\n{link}\n\nIf you did not ask for this, tell {inviter}.',
    },
  },
  de: {
    invitation: {
      subject: '{inviter} lädt Sie zu {company} ein',
      text: 'Hallo {name},\n\n{inviter} lädt Sie ein, in {company} mitzuarbeiten. Mit diesem Link treten Sie bei (er gilt einmal, bis {until}):\n\n{link}\n\nWenn Sie das nicht erwartet haben, ignorieren Sie diese Nachricht.',
    },
    reset: {
      subject: 'Neues Passwort für {company} wählen',
      text: 'Hallo {name},\n\n{inviter} hat Ihnen einen Link erstellt, mit dem Sie ein neues Passwort wählen. Er gilt einmal, bis {until}:\n\n{link}\n\nWenn Sie das nicht wollten, sagen Sie es {inviter}.',
    },
  },
  fr: {
    invitation: {
      subject: '{inviter} vous invite dans {company}',
      text: 'Bonjour {name},\n\n{inviter} vous invite à travailler dans {company}. Suivez ce lien pour rejoindre l’entreprise (il fonctionne une fois, jusqu’au {until}) :\n\n{link}\n\nSi vous ne vous y attendiez pas, ignorez ce message.',
    },
    reset: {
      subject: 'Choisissez un nouveau mot de passe pour {company}',
      text: 'Bonjour {name},\n\n{inviter} a créé pour vous un lien pour choisir un nouveau mot de passe. Il fonctionne une fois, jusqu’au {until} :\n\n{link}\n\nSi vous ne l’avez pas demandé, dites-le à {inviter}.',
    },
  },
  es: {
    invitation: {
      subject: '{inviter} le invita a {company}',
      text: 'Hola, {name}:\n\n{inviter} le invita a trabajar en {company}. Siga este enlace para unirse (funciona una vez, hasta el {until}):\n\n{link}\n\nSi no lo esperaba, ignore este mensaje.',
    },
    reset: {
      subject: 'Elija una nueva contraseña para {company}',
      text: 'Hola, {name}:\n\n{inviter} ha creado un enlace para que elija una nueva contraseña. Funciona una vez, hasta el {until}:\n\n{link}\n\nSi no lo pidió, dígaselo a {inviter}.',
    },
  },
};

/**
 * Sends a link by the runtime's own mail in `locale` (the sender's language), once its request has committed.
 * Returns whether the server took it; a failure is logged, never fatal: the link is shown to pass on by hand as well.
 */
async function sendLink(
  mail: SystemMail | undefined,
  letter: Letter,
  locale: unknown,
  to: string,
  words: { name: string; inviter: string; company: string; link: string; until: Date },
): Promise<boolean> {
  if (!mail) return false;
  const lang: Locale = LOCALES.includes(locale as Locale) ? (locale as Locale) : 'en';
  const until = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(words.until) + ' UTC';
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => (k === 'until' ? until : String(words[k as keyof typeof words])));
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(mail.url);
  try {
    await transport.sendMail({ from: mail.from, to, subject: fill(TEXTS[lang][letter].subject), text: fill(TEXTS[lang][letter].text) });
    return true;
  } catch (e) {
    console.error(`mail: the ${letter} link to ${to} could not be sent:`, (e as Error).message);
    return false;
  } finally {
    transport.close();
  }
}

/** Mails `link` to `to` in the language of the person who made it, naming them and their company; see `sendLink`. */
export async function mailLink(
  mail: SystemMail | undefined,
  db: Client,
  letter: Letter,
  by: { tenantId: string; userId: string },
  to: { name: string; email: string },
  link: string,
  until: Date,
): Promise<boolean> {
  if (!mail) return false;
  const row = (
    await db.execute({ sql: 'SELECT u.locale, u.name, t.name AS company FROM users u, tenants t WHERE u.id = ? AND t.id = ?', args: [by.userId, by.tenantId] })
  ).rows[0];
  const words = { name: to.name, inviter: String(row?.name ?? ''), company: String(row?.company ?? ''), link, until };
  return sendLink(mail, letter, row?.locale, to.email, words);
}
