type Translate = (key: string, values?: Record<string, unknown>) => string;

// The server's field messages (English, from JSON Schema checks and the password rules) and what to say instead.
const RULES: [RegExp, string][] = [
  [/is required|fewer than 1 character|must match pattern "\\S"/, 'signup.errors.required'],
  [/format "email"/, 'signup.errors.email'],
  [/at least (\d+) characters/, 'signup.errors.passwordShort'],
  [/at most (\d+) characters|more than (\d+) characters/, 'signup.errors.tooLong'],
  [/most common passwords/, 'signup.errors.passwordCommon'],
  [/must not be your email/, 'signup.errors.passwordEmail'],
  [/already has an account/, 'signup.errors.emailTaken'],
];

/** A server's message about one field of the sign-up form, in the person's language (as sent when not known). */
export function fieldMessage(message: string, t: Translate): string {
  for (const [pattern, key] of RULES) {
    const match = pattern.exec(message);
    if (match) return t(key, { n: match[1] ?? match[2] ?? '' });
  }
  return message;
}
