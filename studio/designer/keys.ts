/** Stable keys generated from labels: field keys (camelCase) and option values (snake_case). */

// Mirrors the fieldKey pattern of schemas/form.schema.json (names every object inherits, combinators, i18n prefixes).
const RESERVED_FIELD_KEYS = new Set([
  'constructor',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
  'and',
  'or',
  'entity',
  'group',
]);
const FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const OPTION_VALUE = /^[a-z0-9][a-z0-9_]{0,63}$/;
// `<field>.label` and `<field>.description` are the field's own i18n keys, so no option may take those names.
const RESERVED_OPTION_VALUES = new Set(['label', 'description']);
const MAX_KEY = 64;

// Letters that NFKD does not decompose into an ASCII base letter.
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'Ae',
  œ: 'oe',
  Œ: 'Oe',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'Th',
  ð: 'd',
  ı: 'i',
};
const FOLDED = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');

/** True when `key` may name a field (pattern and reserved words of form.schema.json). */
export function isFieldKey(key: string): boolean {
  return FIELD_KEY.test(key) && !RESERVED_FIELD_KEYS.has(key);
}

/** True when `value` may be a string option of a select field and labelled as `<field>.<value>`. */
export function isOptionValue(value: string): boolean {
  return OPTION_VALUE.test(value) && !RESERVED_OPTION_VALUES.has(value);
}

/** The ASCII words of a label: diacritics stripped, split at anything that is not a letter or digit. */
function words(label: string): string[] {
  const ascii = label
    .replace(FOLDED, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  return ascii
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The first of `base`, `base<sep>2`, `base<sep>3`, … that is allowed and not taken, kept within 64 characters. */
function unique(base: string, sep: string, ok: (key: string) => boolean, taken: ReadonlySet<string>): string {
  const first = base.slice(0, MAX_KEY);
  if (ok(first) && !taken.has(first)) return first;
  for (let n = 2; ; n++) {
    const suffix = `${sep}${n}`;
    const key = base.slice(0, MAX_KEY - suffix.length) + suffix;
    if (ok(key) && !taken.has(key)) return key;
  }
}

/** A camelCase field key for `label`, unique among `taken`: "Straße Nr." → "strasseNr"; falls back to "field". */
export function fieldKeyFrom(label: string, taken: ReadonlySet<string>): string {
  const parts = words(label);
  let base = parts.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  if (base === '') base = 'field';
  else if (!/^[a-z]/.test(base)) base = 'field' + base[0]!.toUpperCase() + base.slice(1);
  return unique(base, '', isFieldKey, taken);
}

/** A snake_case option value for `label`, unique among `taken`: "Cold call" → "cold_call"; falls back to "option". */
export function optionValueFrom(label: string, taken: ReadonlySet<string>): string {
  const base = words(label).join('_') || 'option';
  return unique(base, '_', isOptionValue, taken);
}

/** A readable label for a generated option value: "option_1" → "Option 1". */
export function labelFromValue(value: string | number): string {
  const text = String(value).replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
