import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { Locale } from '../browser-safe/bundle.ts';
import { textIn } from '../browser-safe/public-forms.ts';
import { clientAddress } from '../http/address.ts';
import type { AppEnv, Deps } from '../http/env.ts';
import { pageTexts, visitorLocale } from './locale.ts';
import { formPage, messagePage, thankYouPage } from './page.ts';
import { receive, type Outcome } from './receive.ts';
import { companyLocale, findForm, type FormTarget } from './target.ts';
import { formToken } from './token.ts';
import { aboutState } from './about.ts';
import { single } from './values.ts';
import { ROOT } from '../root.ts';

const ASSETS = join(ROOT, 'runtime', 'public-forms', 'assets');
const STYLE = readFileSync(join(ASSETS, 'form.css'), 'utf8');
const SCRIPT = readFileSync(join(ASSETS, 'proof-of-work.js'), 'utf8');

/**
 * The headers of every public page: nothing runs but our own files, forms post only here, and only the form's allowed
 * sites may show it in a frame. Never cached (each page carries a fresh token), never a cookie.
 */
function pageHeaders(c: Context, sites: readonly string[]) {
  const ancestors = sites.length ? sites.join(' ') : "'none'";
  c.header(
    'content-security-policy',
    `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${ancestors}`,
  );
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'same-origin');
  c.header('cache-control', 'no-store');
}

const page = (c: Context, status: number, body: string, sites: readonly string[] = []) => {
  pageHeaders(c, sites);
  return c.html(body, status as 200);
};

/** Public forms for web visitors: `GET /f/:tenant/:form` shows one, `POST` the same address takes a submission. No session is used. */
export function publicFormRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const asset = (type: string, text: string) => (c: Context) => {
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(text, 200, { 'content-type': type });
  };
  app.get('/form.css', asset('text/css; charset=utf-8', STYLE));
  app.get('/proof-of-work.js', asset('text/javascript; charset=utf-8', SCRIPT));

  const localeOf = (c: Context, target: FormTarget | undefined): Locale =>
    visitorLocale(c.req.query('lang'), c.req.header('accept-language'), target ? companyLocale(target) : 'en');
  const token = (target: FormTarget) => formToken(deps.secretKey, target.tenantId, target.key, deps.now());

  app.get('/:tenant/:form', async (c) => {
    const target = await findForm(deps, c.req.param('tenant'), c.req.param('form'));
    const locale = localeOf(c, target);
    if (!target) return page(c, 404, messagePage(locale, 'notFound'));
    // A feedback form opens only through a link made for one record, once.
    const about = await aboutState(deps.db.client, deps.secretKey, target, { id: c.req.query('about'), signature: c.req.query('sig') });
    if (about.kind === 'bad' || about.kind === 'gone') return page(c, 404, messagePage(locale, 'notFound'));
    if (about.kind === 'answered') return page(c, 200, messagePage(locale, 'answered'), target.form.allowedSites);
    const state = { values: new Map(), problems: {} };
    return page(c, 200, formPage(target, locale, token(target), state, about.kind === 'open' ? about.about : undefined), target.form.allowedSites);
  });

  app.post('/:tenant/:form', async (c) => {
    const target = await findForm(deps, c.req.param('tenant'), c.req.param('form'));
    const locale = localeOf(c, target);
    const json = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/json';
    if (!target) return json ? problem(c, 404, pageTexts(locale)('pages.notFound')) : page(c, 404, messagePage(locale, 'notFound'));
    let outcome: Outcome;
    try {
      outcome = await receive(deps, c.req.raw, target, locale, clientAddress(c, deps));
    } catch (e) {
      console.error(e);
      return json ? problem(c, 500, pageTexts(locale)('pages.error')) : page(c, 500, messagePage(locale, 'error', c.req.path), target.form.allowedSites);
    }
    if (outcome.kind === 'form' && outcome.retryAfterMs !== undefined) c.header('retry-after', String(Math.ceil(outcome.retryAfterMs / 1000)));
    return json ? jsonAnswer(c, target, locale, outcome) : htmlAnswer(c, target, locale, outcome, token(target));
  });
  // Any other address under /f/ is no form either (and never falls through to the front ends' pages).
  app.all('*', (c) => page(c, 404, messagePage(localeOf(c, undefined), 'notFound')));
  return app;
}

function htmlAnswer(c: Context, target: FormTarget, locale: Locale, outcome: Outcome, token: string) {
  const sites = target.form.allowedSites;
  if (outcome.kind === 'thanks') return page(c, 200, thankYouPage(target, locale), sites);
  if (outcome.kind === 'message') return page(c, outcome.status, messagePage(locale, outcome.what, `${c.req.path}?lang=${locale}`), sites);
  const about = target.form.about === undefined ? undefined : { id: single(outcome.values, '_about'), signature: single(outcome.values, '_sig') };
  return page(c, outcome.status, formPage(target, locale, token, outcome, about), sites);
}

/** Scripts that post JSON get JSON: `{status, message}`, or problem+json naming each field (`/email`) in the visitor's language. */
function jsonAnswer(c: Context, target: FormTarget, locale: Locale, outcome: Outcome) {
  const say = pageTexts(locale);
  if (outcome.kind === 'thanks') return c.json({ status: 'accepted', message: textIn(target.form.thankYou, locale, companyLocale(target)) }, outcome.status);
  if (outcome.kind === 'message') return problem(c, outcome.status, say(`pages.${outcome.what}`));
  const errors = Object.entries(outcome.problems).map(([field, p]) => ({ path: `/${field}`, message: say(p.key, p.n === undefined ? {} : { n: p.n }) }));
  return problem(c, outcome.status, outcome.notice ?? say('errorsTitle'), errors);
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  413: 'Body too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

function problem(c: Context, status: number, detail: string, errors?: { path: string; message: string }[]) {
  c.header('cache-control', 'no-store');
  const body = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...(errors?.length ? { errors } : {}) };
  return c.body(JSON.stringify(body), status as 400, { 'content-type': 'application/problem+json' });
}
