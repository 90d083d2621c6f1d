import { randomBytes } from 'node:crypto';
import { createApp } from '../app.ts';
import { costFromEnv } from '../auth/password.ts';
import { loadSecretKey } from '../auth/secret-key.ts';
import { openDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { random, sampleData } from './generate.ts';

/**
 * `npm run seed:demo`: a demo tenant through the real API — an owner, a manager, two sales representatives and a service
 * representative in one team, and a few hundred records already under way: leads assigned round robin and worked,
 * some converted; deals spread over the pipeline; cases started, waiting, resolved, urgent ones escalated.
 */
const url = process.env.DATABASE_URL ?? 'file:./data/crm.db';
const db = await openDb({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
await migrate(db);
const app = createApp({ db, hashCost: costFromEnv(process.env), now: Date.now, secretKey: loadSecretKey(process.env, url), trustProxy: false });

async function call(cookie: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? undefined : await res.json();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return { json, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

const suffix = randomBytes(3).toString('hex');
const password = () => `demo-${randomBytes(6).toString('base64url')}`;
const people = [
  { name: 'Olivia Owner', role: 'owner' },
  { name: 'Marco Manager', role: 'manager' },
  { name: 'Sofia Sales', role: 'sales_rep' },
  { name: 'Samir Sales', role: 'sales_rep' },
  { name: 'Clara Care', role: 'service_rep' },
].map((p) => ({ ...p, email: `${p.name.split(' ')[0]!.toLowerCase()}.${suffix}@demo.example`, password: password() }));

const signup = await call('', 'POST', '/api/signup', {
  tenantName: `Demo Company ${suffix}`,
  name: people[0]!.name,
  email: people[0]!.email,
  password: people[0]!.password,
});
const owner = signup.cookie;
const slug = signup.json.tenant.slug as string;
const cookie: Record<string, string> = { owner };
// Each person joins the team North through their invitation link, choosing their password as anyone would.
await call(owner, 'POST', '/api/teams', { key: 'north', name: 'North' });
for (const p of people.slice(1)) {
  const { link } = (await call(owner, 'POST', '/api/users', { email: p.email, name: p.name, role: p.role, team: 'north' })).json;
  await call('', 'POST', '/api/invitations/link/accept', { token: new URL(link).hash.slice(1), account: 'new', password: p.password });
  cookie[p.name] = (await call('', 'POST', '/api/login', { email: p.email, password: p.password, tenant: slug })).cookie;
}
const sales = [cookie['Sofia Sales']!, cookie['Samir Sales']!];

const rng = random(42);
let created = 0;
async function make(who: string, entity: string) {
  created++;
  return (await call(who, 'POST', `/api/records/${entity}`, { data: sampleData(entity, rng) })).json as { id: string; version: number };
}
const fire = (entity: string, id: string, type: string) => call(owner, 'POST', `/api/records/${entity}/${id}/events`, { type });

for (let i = 0; i < 30; i++) await make(sales[i % 2]!, 'account');
for (let i = 0; i < 60; i++) await make(sales[i % 2]!, 'contact');
// Leads go round robin to the sales representatives; some are contacted, fewer qualified, a few converted.
for (let i = 0; i < 90; i++) {
  const lead = await make(i % 3 ? sales[i % 2]! : owner, 'lead');
  for (const [type, every] of [
    ['CONTACT', 2],
    ['QUALIFY', 4],
    ['CONVERT', 12],
  ] as const) {
    if (i % every) break;
    await fire('lead', lead.id, type);
  }
}
// Deals across the pipeline, as their owners would have moved them (won and lost ones with a reason).
const STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];
for (let i = 0; i < 60; i++) {
  const deal = await make(sales[i % 2]!, 'opportunity');
  const stage = STAGES[rng.int(0, STAGES.length - 1)]!;
  if (stage === 'prospecting') continue;
  const reason = stage.startsWith('closed') ? { closeReason: stage === 'closed_won' ? 'Signed the offer' : 'Chose another supplier' } : {};
  await call(sales[i % 2]!, 'POST', `/api/records/opportunity/${deal.id}/stage`, { stage, ...reason }, { 'if-match': `"${deal.version}"` });
}
// Cases: urgent and high ones escalate by themselves (the manager is notified); others are worked.
for (let i = 0; i < 60; i++) {
  const kase = (await make(cookie['Clara Care']!, 'case')) as { id: string; state?: string };
  if (kase.state !== 'new' || i % 4 === 0) continue;
  await fire('case', kase.id, 'START');
  if (i % 4 === 1) await fire('case', kase.id, 'WAIT');
  if (i % 4 === 2) await fire('case', kase.id, 'RESOLVE');
}
db.close();

console.log(`Demo tenant "${slug}" with ${created} records (and those converting leads made) is ready in ${url}.`);
console.log('Sign in with (tenant slug ' + slug + '):');
for (const p of people) console.log(`  ${p.role.padEnd(11)}  ${p.email.padEnd(32)}  ${p.password}`);
