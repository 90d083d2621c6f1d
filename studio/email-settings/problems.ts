/** Where a server error about mail settings points: `/bundle/entities/case/email/templates/received/i18n/de/subject`. */
import type { Locale } from '../../runtime/browser-safe/bundle.ts';
import { FILING_PARTS, TEMPLATE_TEXTS, type FilingPart, type TemplateText } from './model.ts';

/** The setting a server error names inside one entity's mail settings, with its message. */
export interface EmailProblem {
  path: string;
  message: string;
  entity: string;
  /** The filing list it names, or the templates, or nothing more (the settings as a whole). */
  part?: FilingPart | 'templates';
  /** The place in a filing list. */
  index?: number;
  template?: string;
  /** The translation it names; absent for the template's own texts. */
  locale?: Locale;
  text?: TemplateText;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
const isFilingPart = (s: string | undefined): s is FilingPart => (FILING_PARTS as readonly string[]).includes(s ?? '');
const isText = (s: string | undefined): s is TemplateText => (TEMPLATE_TEXTS as readonly string[]).includes(s ?? '');

/** What error `e` names in an entity's mail settings, or null when it is about something else (a leading `/bundle`, as publishing reports, is skipped). */
export function emailProblem(e: { path: string; message: string }): EmailProblem | null {
  const parts = e.path.split('/').slice(1).map(unescape);
  if (parts[0] === 'bundle') parts.shift();
  const [entities, entity, email, part, second, third, locale, text] = parts;
  if (entities !== 'entities' || !entity || email !== 'email') return null;
  const base = { path: e.path, message: e.message, entity };
  if (isFilingPart(part)) return { ...base, part, ...(second !== undefined ? { index: Number(second) } : {}) };
  if (part !== 'templates') return base;
  if (!second) return { ...base, part };
  if (isText(third)) return { ...base, part, template: second, text: third };
  if (third === 'i18n' && locale && isText(text)) return { ...base, part, template: second, locale: locale as Locale, text };
  return { ...base, part, template: second };
}

/** The mail-settings problems among `errors`, and the rest. */
export function splitProblems(errors: readonly { path: string; message: string }[]): { email: EmailProblem[]; other: { path: string; message: string }[] } {
  const email: EmailProblem[] = [];
  const other: { path: string; message: string }[] = [];
  for (const e of errors) {
    const p = emailProblem(e);
    if (p) email.push(p);
    else other.push(e);
  }
  return { email, other };
}

/** Server messages as sentences at their field: "is not an email field" → "Is not an email field." */
export const atField = (problems: readonly { message: string }[]): string =>
  problems.map(({ message: m }) => m.charAt(0).toLocaleUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.')).join(' ');
