import type { About } from './about.ts';
import { LOCALES, type Locale } from '../browser-safe/bundle.ts';
import { PROOF_BITS, textIn } from '../browser-safe/public-forms.ts';
import { html, paragraphs, type Html } from './html.ts';
import { pageTexts, type Say } from './locale.ts';
import { companyLocale, fieldLabel, formTitle, type FormTarget } from './target.ts';
import { fieldInput, inputId, problemText } from './inputs.ts';
import type { FieldProblem, Sent } from './values.ts';

/** Server-rendered public pages: the form, the thank-you page and pages that say why nothing was taken. No inline script or style. */

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español' };

function documentOf(locale: Locale, title: string, body: Html, script = false): string {
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="stylesheet" href="/f/form.css" />
        ${script ? html`<script src="/f/proof-of-work.js" defer></script>` : ''}
      </head>
      <body>
        <main class="public-form">${body}</main>
      </body>
    </html> `.text;
}

/** Links to the page in each language; the current one is marked, not linked. */
const languages = (say: Say, locale: Locale, path: string) =>
  html`<nav class="languages" aria-label="${say('language')}">
    <ul>
      ${LOCALES.map((l) =>
        l === locale
          ? html`<li><span aria-current="true" lang="${l}">${LANGUAGE_NAMES[l]}</span></li>`
          : html`<li><a href="${path}?lang=${l}" lang="${l}" hreflang="${l}">${LANGUAGE_NAMES[l]}</a></li>`,
      )}
    </ul>
  </nav>`;

/** What the form page shows besides the form's own texts: values kept from a refused submission, problems by field, a notice. */
export interface FormState {
  values: Sent;
  problems: Record<string, FieldProblem>;
  notice?: string;
}

/** The form, in `locale`, carrying `token`; after a refused submission with the values kept and each problem beside its field. */
export function formPage(target: FormTarget, locale: Locale, token: string, state: FormState, about?: About): string {
  const say = pageTexts(locale);
  const path = `/f/${encodeURIComponent(target.slug)}/${encodeURIComponent(target.key)}`;
  const title = formTitle(target, locale);
  const intro = textIn(target.form.intro, locale, companyLocale(target));
  const withProblems = target.form.fields.filter((f) => state.problems[f]);
  const proof = target.form.proofOfWork === true;
  const summary =
    state.notice || withProblems.length
      ? html`<div class="notice" role="alert" id="form-notice" tabindex="-1">
          ${state.notice ? html`<p>${state.notice}</p>` : ''}
          ${
            withProblems.length
              ? html`<p>${say('errorsTitle')}</p>
                  <ul>
                    ${withProblems.map(
                      (f) => html`<li><a href="#${inputId(f)}">${fieldLabel(target, f, locale)}: ${problemText(say, state.problems[f]!)}</a></li>`,
                    )}
                  </ul>`
              : ''
          }
        </div>`
      : '';
  const body = html`${languages(say, locale, path)}
    <h1>${title}</h1>
    ${intro ? paragraphs(intro, 'intro') : ''} ${summary}
    <form method="post" action="${path}?lang=${locale}" ${proof ? html`data-proof-bits="${PROOF_BITS}"` : ''}>
      <input type="hidden" name="_token" value="${token}" />
      ${about ? html`<input type="hidden" name="_about" value="${about.id}" /><input type="hidden" name="_sig" value="${about.signature}" />` : ''}
      ${proof ? html`<input type="hidden" name="_proof" value="" />` : ''}
      ${target.form.fields.map((field) =>
        fieldInput(target, field, locale, say, state.values.get(field) ?? [], state.problems[field], field === withProblems[0]),
      )}
      <div class="trap" aria-hidden="true">
        <label for="f-_website">${say('leaveEmpty')}</label>
        <input id="f-_website" name="_website" type="text" tabindex="-1" autocomplete="off" />
      </div>
      ${
        proof
          ? html`<p id="proof-status" class="proof-status" aria-live="polite" data-working="${say('proof.working')}" data-done="${say('proof.done')}"></p>
              <noscript><p class="notice">${say('proof.noScript')}</p></noscript>`
          : ''
      }
      <button type="submit">${say('send')}</button>
    </form>`;
  return documentOf(locale, title, body, proof);
}

/** The page after an accepted submission: the form's title and thank-you text. */
export function thankYouPage(target: FormTarget, locale: Locale): string {
  const title = formTitle(target, locale);
  const body = html`<h1>${title}</h1>
    <div class="thanks" role="status">${paragraphs(textIn(target.form.thankYou, locale, companyLocale(target)))}</div>`;
  return documentOf(locale, title, body);
}

/** A page that says in words why there is no form here or nothing was taken (`what`: not found, too large, unreadable, a fault). */
export function messagePage(locale: Locale, what: 'notFound' | 'tooLarge' | 'bad' | 'error' | 'answered', back?: string): string {
  const say = pageTexts(locale);
  const title = say(`pages.${what}Title`);
  const body = html`<h1>${title}</h1>
    <p>${say(`pages.${what}`)}</p>
    ${back ? html`<p><a href="${back}">${say('pages.back')}</a></p>` : ''}`;
  return documentOf(locale, title, body);
}
