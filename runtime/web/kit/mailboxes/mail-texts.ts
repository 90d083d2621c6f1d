import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client.ts';
import { useProblemTexts } from '../i18n/server-texts.ts';

// The server says mail servers' problems in English; these say them in the person's language (else the server's words).
const FIELD_RULES: [RegExp, string][] = [
  [/was refused/, 'refused'],
  [/untrusted certificate/, 'untrusted'],
  [/refused the connection/, 'portClosed'],
  [/could not be found/, 'notFound'],
  [/is not offered/, 'noStarttls'],
  [/did not answer/, 'noAnswer'],
  [/could not be reached/, 'unreachable'],
  [/private or local address/, 'private'],
  [/must be TLS or STARTTLS/, 'needsTls'],
  [/does not exist/, 'noFolder'],
  [/is not a record you may read/, 'noRecord'],
];
// Each names the parts of the detail it passes on, in the order of its groups.
const PROBLEM_RULES: [RegExp, string, string[]][] = [
  [/^(IMAP|SMTP): the server refused the user name or password/, 'refused', ['server']],
  [/^(IMAP|SMTP): the server’s certificate could not be trusted/, 'untrusted', ['server']],
  [/^(IMAP|SMTP): nothing answers at this host and port/, 'portClosed', ['server']],
  [/^(IMAP|SMTP): the server could not be found/, 'notFound', ['server']],
  [/^The server (\S+) could not be found/, 'hostNotFound', ['host']],
  [/^(IMAP|SMTP): the server does not offer STARTTLS/, 'noStarttls', ['server']],
  [/^(IMAP|SMTP): the server did not answer in time/, 'noAnswer', ['server']],
  [/^(IMAP|SMTP): the connection failed/, 'unreachable', ['server']],
  [/^(\S+) is a private or local address/, 'private', ['host']],
  [/^Mail servers must be reached with TLS or STARTTLS/, 'needsTls', []],
  [/^(IMAP|SMTP): there is no folder "(.*)" in this mailbox/, 'noFolder', ['server', 'folder']],
  [/^Enter the mailbox’s password/, 'passwordRequired', []],
  [/^Your role may not connect shared mailboxes/, 'notShared', []],
];
/** Something just done, as a text key and its values: said again in another language when the language changes. */
export interface Notice {
  key: string;
  values: Record<string, string>;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * Words for what the server said of mailboxes and their servers: field errors keyed by the field they belong to
 * (`/folders/2` at `/folders`), a problem's detail, a sync's or a sending's last error; and moments as "3 minutes ago".
 */
export function useMailTexts() {
  const { t, locale } = useI18n();
  const generic = useProblemTexts('mailbox.errors');

  /** A mail server's problem in words (a sync's last error, a refused connection), else undefined. */
  function detail(text: string): string | undefined {
    for (const [pattern, key, names] of PROBLEM_RULES) {
      const match = pattern.exec(text);
      if (match) return t(`mailbox.problems.${key}`, Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])));
    }
    return undefined;
  }

  /** Each field's error, at the field it names; `folder(i)` names the i-th folder asked for. */
  function fields(error: unknown, folder: (i: number) => string = () => ''): Record<string, string> {
    if (!(error instanceof ApiError)) return {};
    const plain = generic.fields(
      error,
      error.errors.map((e) => e.path),
    );
    const out: Record<string, string> = {};
    for (const { path, message } of error.errors) {
      const index = /^\/folders\/(\d+)$/.exec(path)?.[1];
      const at = index === undefined ? path : '/folders';
      const rule = FIELD_RULES.find(([pattern]) => pattern.test(message));
      out[at] ??= rule ? t(`mailbox.errors.${rule[1]}`, { folder: index === undefined ? '' : folder(Number(index)) }) : (plain[path] ?? message);
    }
    return out;
  }

  /** What went wrong as a whole: the problem's detail in words; "correct the fields" only for a body of the wrong shape. */
  function problem(error: unknown, shown: Record<string, string> = {}): string {
    if (error instanceof ApiError && error.status !== 0) {
      const said = detail(error.detail);
      if (said) return said;
      if (error.status !== 400) return generic.problem(error);
    }
    return generic.problem(error, shown);
  }

  /** A past moment relative to `now`: "just now", "3 minutes ago", "yesterday". */
  function ago(iso: string, now: number): string {
    const seconds = Math.round((Date.parse(iso) - now) / 1000);
    const unit = UNITS.find(([, size]) => Math.abs(seconds) >= size);
    if (!unit) return t('mailbox.card.justNow');
    return new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' }).format(Math.round(seconds / unit[1]), unit[0]);
  }

  return { detail, fields, problem, ago };
}
