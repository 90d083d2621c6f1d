import { randomBytes } from 'node:crypto';
import { createApp } from '../app.ts';
import { costFromEnv } from '../auth/password.ts';
import { loadSecretKey } from '../auth/secret-key.ts';
import { openDb } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { random, sampleData } from './generate.ts';

/** `npm run seed:demo`: a demo tenant with an owner, two members and a few hundred records, through the real API. */
const url = process.env.DATABASE_URL ?? 'file:./data/crm.db';
const db = await openDb({ url, authToken: process.env.DATABASE_AUTH_TOKEN });
await migrate(db);
const app = createApp({ db, hashCost: costFromEnv(process.env), now: Date.now, secretKey: loadSecretKey(process.env, url), trustProxy: false });

async function call(cookie: string, method: string, path: string, body?: unknown) {
  const res = await app.request(path, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = res.status === 204 ? undefined : await res.json();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return { json, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

const suffix = randomBytes(3).toString('hex');
const password = () => `demo-${randomBytes(6).toString('base64url')}`;
const people = [
  { name: 'Olivia Owner', email: `owner.${suffix}@demo.example`, password: password(), role: 'owner' },
  { name: 'Marco Member', email: `marco.${suffix}@demo.example`, password: password(), role: 'member' },
  { name: 'Sofia Sales', email: `sofia.${suffix}@demo.example`, password: password(), role: 'member' },
];

const signup = await call('', 'POST', '/api/signup', { tenantName: `Demo Company ${suffix}`, name: people[0]!.name, email: people[0]!.email, password: people[0]!.password });
const ownerCookie = signup.cookie;
const slug = signup.json.tenant.slug as string;
const cookies = [ownerCookie];
for (const p of people.slice(1)) {
  await call(ownerCookie, 'POST', '/api/users', { email: p.email, name: p.name, role: p.role, password: p.password });
  cookies.push((await call('', 'POST', '/api/login', { email: p.email, password: p.password, tenant: slug })).cookie);
}

const rng = random(42);
const plan: [string, number][] = [['account', 30], ['contact', 60], ['lead', 90], ['opportunity', 60], ['case', 60]];
let created = 0;
for (const [entity, count] of plan) {
  for (let i = 0; i < count; i++) {
    await call(cookies[i % cookies.length]!, 'POST', `/api/records/${entity}`, { data: sampleData(entity, rng) });
    created++;
  }
}
db.close();

console.log(`Demo tenant "${slug}" with ${created} records is ready in ${url}.`);
console.log('Sign in with (tenant slug ' + slug + '):');
for (const p of people) console.log(`  ${p.role.padEnd(6)}  ${p.email}  ${p.password}`);
