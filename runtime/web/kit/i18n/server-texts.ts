import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/client.ts';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

// The server speaks English (JSON Schema checks, password rules, problem details); these say it in the person's language.
// Each page's message module holds the texts it needs under `<prefix>.<name>`; a text it lacks shows the server's words.
const FIELD_RULES: [RegExp, string][] = [
  [/is required|fewer than 1 character|must match pattern "\\S"/, 'required'],
  [/format "email"/, 'email'],
  [/at least (\d+) characters/, 'passwordShort'],
  [/at most (\d+) characters|more than (\d+) characters/, 'tooLong'],
  [/most common passwords/, 'passwordCommon'],
  [/must not be your email/, 'passwordEmail'],
  [/already has an account/, 'emailTaken'],
  [/already a member/, 'alreadyMember'],
  [/is not a role/, 'notRole'],
  [/ISO 4217/, 'currency'],
  [/IANA time zone/, 'timezone'],
  [/must be one of/, 'notAllowed'],
  [/is the name of another team/, 'teamNameTaken'],
  [/is this team or one below it/, 'teamCycle'],
  [/is not a team of this company/, 'notTeam'],
  [/a share never gives more than a role/, 'shareRole'],
  [/is the person it is assigned to/, 'shareOwner'],
  [/must lie in the future/, 'future'],
];
const PROBLEM_RULES: [RegExp, string][] = [
  // Before 'other tenants', which its text also says.
  [/company they joined first/, 'resetElsewhere'],
  [/last active owner/, 'lastOwner'],
  [/other tenants/, 'otherTenants'],
  [/privileges you do not hold|holds more than yours/, 'aboveYou'],
  [/your own role or team/, 'ownRole'],
  [/no longer open|not valid any more/, 'gone'],
  [/role of this invitation no longer exists/, 'roleGone'],
  [/can no longer grant this role/, 'inviterGone'],
  [/already a member/, 'alreadyMember'],
  [/move them first/, 'teamNotEmpty'],
  [/Only owners (place teams|change which teams)/, 'widenOwn'],
  [/or who may assign it, shares/, 'shareNotYours'],
];

function translated(rules: [RegExp, string][], message: string, prefix: string, t: Translate, te: Exists): string | undefined {
  for (const [pattern, name] of rules) {
    const match = pattern.exec(message);
    if (match && te(`${prefix}.${name}`)) return t(`${prefix}.${name}`, { n: match[1] ?? match[2] ?? '' });
  }
  return undefined;
}

/** The field errors of an API error at the given JSON Pointers (`/email`), in the person's language. */
function fieldErrorTexts(error: unknown, paths: readonly string[], prefix: string, t: Translate, te: Exists): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const { path, message } of error.errors) if (paths.includes(path)) out[path] ??= translated(FIELD_RULES, message, prefix, t, te) ?? message;
  return out;
}

/**
 * What went wrong as a whole: "correct the highlighted fields" when `shown` holds field errors the form displays,
 * else a known problem in the person's language, else the server's own detail.
 */
function problemText(error: unknown, prefix: string, t: Translate, te: Exists, shown: Record<string, string> = {}): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  if (error.status === 0) return t('errors.offline');
  if (Object.keys(shown).length) return t('errors.fixFields');
  return translated(PROBLEM_RULES, error.detail, prefix, t, te) ?? (error.detail || error.title || t('errors.generic'));
}

/** Both of the above bound to the current component's translations and a page's message prefix (`users.errors`, `signup.errors`). */
export function useProblemTexts(prefix: string) {
  const { t, te } = useI18n();
  return {
    fields: (error: unknown, paths: readonly string[]) => fieldErrorTexts(error, paths, prefix, t, te),
    problem: (error: unknown, shown?: Record<string, string>) => problemText(error, prefix, t, te, shown),
  };
}
