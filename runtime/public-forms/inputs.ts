import type { FieldSchema, Locale } from '../browser-safe/bundle.ts';
import { isRating } from '../browser-safe/public-forms.ts';
import { html, type Html } from './html.ts';
import type { Say } from './locale.ts';
import { fieldHelp, fieldLabel, optionLabel, type FormTarget } from './target.ts';
import type { FieldProblem } from './values.ts';

/** The inputs of a public form, one per field type a visitor can fill in: labelled, described, marked when wrong. */

// What browsers may fill in for common fields of a lead or contact (HTML autocomplete tokens).
const AUTOFILL: Record<string, string> = {
  firstName: 'given-name',
  lastName: 'family-name',
  name: 'name',
  company: 'organization',
  title: 'organization-title',
  email: 'email',
  phone: 'tel',
  website: 'url',
  street: 'street-address',
  city: 'address-level2',
  postalCode: 'postal-code',
  country: 'country-name',
};
const INPUT_TYPES: Partial<Record<string, string>> = {
  email: 'email',
  phone: 'tel',
  url: 'url',
  date: 'date',
  number: 'number',
  currency: 'number',
  percent: 'number',
};

/** A problem in the visitor's words. */
export const problemText = (say: Say, p: FieldProblem) => say(p.key, p.n === undefined ? {} : { n: p.n });

/** The id of a field's input; its error and help have `-error` and `-help` after it. */
export const inputId = (field: string) => `f-${field}`;

/** One field: label (with "required"), help, input with the values kept, and its problem right below it. */
export function fieldInput(target: FormTarget, field: string, locale: Locale, say: Say, values: string[], problem?: FieldProblem, first = false): Html {
  const schema = target.entity.form.schema.properties[field]!;
  const id = inputId(field);
  const required = (target.entity.form.schema.required ?? []).includes(field);
  const help = fieldHelp(target, field, locale);
  const described = [help && `${id}-help`, problem && `${id}-error`].filter(Boolean).join(' ');
  const aria = html`${described ? html` aria-describedby="${described}"` : ''}${problem ? html` aria-invalid="true"` : ''}${first ? html` autofocus` : ''}`;
  const label = html`${fieldLabel(target, field, locale)}${required ? html` <span class="required">(${say('required')})</span>` : ''}`;
  const helpText = help ? html`<p class="help" id="${id}-help">${help}</p>` : '';
  const error = problem ? html`<p class="error" id="${id}-error">${problemText(say, problem)}</p>` : '';
  const kind = schema['x-field'];
  if (kind === 'multiselect' || kind === 'checkbox') {
    const options = kind === 'checkbox' ? [{ value: 'true', text: fieldLabel(target, field, locale) }] : choices(target, field, schema, locale);
    const boxes = options.map(
      (o, i) =>
        html`<label class="choice"
          ><input
            type="checkbox"
            name="${field}"
            value="${o.value}"
            id="${id}${i ? `-${i}` : ''}"
            ${values.includes(o.value) ? html` checked` : ''}${i === 0 ? aria : ''}
          />
          ${o.text}</label
        >`,
    );
    if (kind === 'checkbox') return html`<div class="field${problem ? ' invalid' : ''}">${boxes}${helpText}${error}</div>`;
    return html`<fieldset class="field${problem ? ' invalid' : ''}">
      <legend>${label}</legend>
      ${helpText}${boxes}${error}
    </fieldset>`;
  }
  const value = values[0] ?? '';
  if (isRating(schema)) {
    // A scale of buttons, lowest first: a customer rates with one tap.
    const steps = Array.from({ length: schema.maximum! - schema.minimum! + 1 }, (_, i) => String(schema.minimum! + i));
    return html`<fieldset class="field scale${problem ? ' invalid' : ''}">
      <legend>${label}</legend>
      ${helpText}
      <div class="steps">
        ${steps.map(
          (step, i) =>
            html`<label class="step"
              ><input
                type="radio"
                name="${field}"
                value="${step}"
                id="${id}${i ? `-${i}` : ''}"
                ${value === step ? html` checked` : ''}${i === 0 ? aria : ''}${required ? html` required` : ''}
              /><span>${step}</span></label
            >`,
        )}
      </div>
      ${error}
    </fieldset>`;
  }
  const common = html`id="${id}" name="${field}"${required ? html` required` : ''}${aria}`;
  let input: Html;
  if (kind === 'textarea') input = html`<textarea ${common} rows="5" ${limits(schema)}>${value}</textarea>`;
  else if (kind === 'select') {
    const options = choices(target, field, schema, locale).map(
      (o) => html`<option value="${o.value}" ${o.value === value ? html` selected` : ''}>${o.text}</option>`,
    );
    input = html`<select ${common}>
      <option value="">${say('choose')}</option>
      ${options}
    </select>`;
  } else {
    const type = INPUT_TYPES[kind] ?? 'text';
    const numeric = type === 'number' ? html` step="${schema.type === 'integer' ? 1 : 'any'}" inputmode="decimal"` : '';
    const autofill = AUTOFILL[field] ? html` autocomplete="${AUTOFILL[field]}"` : '';
    input = html`<input ${common} type="${type}" value="${value}" ${numeric}${autofill}${limits(schema)} />`;
  }
  return html`<div class="field${problem ? ' invalid' : ''}"><label for="${id}">${label}</label>${helpText}${input}${error}</div>`;
}

const choices = (target: FormTarget, field: string, schema: FieldSchema, locale: Locale) =>
  (schema.enum ?? schema.items?.enum ?? []).map((o) => ({ value: String(o), text: optionLabel(target, field, o, locale) }));

/** The form's own limits, so the browser helps before sending (the server checks again). */
function limits(schema: FieldSchema): Html {
  return html`${schema.maxLength !== undefined ? html` maxlength="${schema.maxLength}"` : ''}${schema.minimum !== undefined ? html` min="${schema.minimum}"` : ''}${
    schema.maximum !== undefined ? html` max="${schema.maximum}"` : ''
  }`;
}
