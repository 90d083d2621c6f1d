/**
 * `npm run bench:lighthouse` (part of `npm run bench`): Lighthouse's mobile audit (its default: a phone, simulated slow
 * network and CPU) of the list, record and board pages with Debian's Chromium, signed in, on a company with a few
 * hundred deals. Prints each page's scores and the layout shift and largest paint, the median of LH_RUNS audits (3): one
 * audit of the same page moves by ten points on a loaded machine. Numbers, not assertions: read them.
 * The front ends must have been built (`npx vite build`).
 */
import lighthouse from 'lighthouse';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.ts';

const PORT = 9333;
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-lighthouse-'));
const server = await startServer(`file:${join(dir, 'bench.db')}`);
const post = (path: string, body: unknown, cookie = '') =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
const signup = await post('/api/signup', {
  tenantName: 'Lighthouse Harbor',
  name: 'Olive Owner',
  email: 'owner@lighthouse.example',
  password: 'Bench-Password-Lantern-7',
});
const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
let deal = '';
for (let i = 0; i < 300; i++) {
  const res = await post('/api/records/opportunity', { data: { name: `Harbor deal ${i}`, amount: 1000 + i, closeDate: '2027-06-30' } }, cookie);
  deal = ((await res.json()) as { id: string }).id;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--remote-debugging-port=${PORT}`,
  ],
});
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '  –' : String(Math.round(x * 100)).padStart(3));
console.log('page      perf  a11y  best   CLS    LCP     TBT');
const pages: [string, string][] = [
  ['list', '/records/opportunity'],
  ['record', `/records/opportunity/${deal}`],
  ['board', '/records/opportunity/board'],
];
const RUNS = Number(process.env.LH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [name, path] of pages) {
  const runs: { perf: number; a11y: number; best: number; cls: number; lcp: number; tbt: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = await lighthouse(`${server.url}${path}`, {
      port: PORT,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      extraHeaders: { Cookie: cookie },
    });
    const lhr = result!.lhr;
    // LH_DEBUG=1: what Lighthouse would save, and each request with its size and end time (of the first audit).
    if (process.env.LH_DEBUG && run === 0) {
      for (const a of Object.values(lhr.audits)) if (a.details?.type === 'opportunity' && (a.numericValue ?? 0) > 0) console.log(' ', a.id, a.displayValue);
      const requests =
        (lhr.audits['network-requests']?.details as { items?: { url: string; transferSize: number; networkEndTime: number }[] } | undefined)?.items ?? [];
      for (const r of requests) console.log('  ', r.url.replace(server.url, '').slice(0, 80), r.transferSize, Math.round(r.networkEndTime));
      const shifts =
        (lhr.audits['layout-shifts']?.details as { items?: { node?: { snippet?: string; selector?: string }; score: number }[] } | undefined)?.items ?? [];
      for (const item of shifts) console.log('   shift', item.score.toFixed(3), item.node?.selector, item.node?.snippet?.slice(0, 100));
    }
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    runs.push({
      perf: lhr.categories.performance?.score ?? NaN,
      a11y: lhr.categories.accessibility?.score ?? NaN,
      best: lhr.categories['best-practices']?.score ?? NaN,
      cls: audit('cumulative-layout-shift'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
    });
  }
  const m = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key]));
  console.log(
    `${name.padEnd(8)}  ${pct(m('perf'))}   ${pct(m('a11y'))}   ${pct(m('best'))}   ${m('cls').toFixed(3)}  ${(m('lcp') / 1000).toFixed(2)} s  ${m('tbt').toFixed(0)} ms   (perf of each audit: ${runs.map((r) => pct(r.perf).trim()).join(', ')})`,
  );
}
await browser.close();
server.child.kill('SIGTERM');
await server.exited;
rmSync(dir, { recursive: true, force: true });
