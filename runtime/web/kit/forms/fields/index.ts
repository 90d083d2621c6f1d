import type { FieldType } from '../field-type.ts';
import text from './text.ts';
import textarea from './textarea.ts';
import number from './number.ts';
import currency from './currency.ts';
import percent from './percent.ts';
import date from './date.ts';
import datetime from './datetime.ts';
import email from './email.ts';
import phone from './phone.ts';
import url from './url.ts';
import select from './select.ts';
import multiselect from './multiselect.ts';
import checkbox from './checkbox.ts';
import reference from './reference.ts';
import references from './references.ts';
import file from './file.ts';

/** Every field type, in palette order: one line per type. */
export const FIELD_TYPES: readonly FieldType[] = [
  text,
  textarea,
  number,
  currency,
  percent,
  date,
  datetime,
  email,
  phone,
  url,
  select,
  multiselect,
  checkbox,
  reference,
  references,
  file,
];

export const fieldType = (key: string | undefined) => FIELD_TYPES.find((t) => t.key === key);
