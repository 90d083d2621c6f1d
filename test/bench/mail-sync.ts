/**
 * `npm run bench:mail` (part of `npm run bench`): a real Dovecot mailbox of 10,000 messages — a third from the
 * addresses of 1,000 leads, the rest from strangers — synced by the runtime's sync (IMAP fetch, MIME parsing, storing,
 * filing on records) into a fresh database; then 100 new messages synced incrementally. Prints messages per second,
 * the milliseconds of the incremental sync, and this process's peak memory. Numbers, not assertions: read them.
 */
import { chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drainMailboxes } from '../../runtime/email/sync.ts';
import { addMember, signUp, startHarness, type Browser } from '../support/harness.ts';
import { startDovecot } from '../support/mail-servers.ts';

const N = Number(process.env.BENCH_MAIL ?? 10_000);
const LEADS = 1000;
const USER = 'bench@mail.test';
const PASSWORD = 'bench-secret';
const peakRss = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

const dovecot = await startDovecot();
const h = await startHarness({ mailAllowPrivate: true });
try {
  await dovecot.addUser(USER, PASSWORD);
  // The first message by LMTP makes the maildir as Dovecot wants it; the rest are written into it as a delivery would.
  await dovecot.deliver(USER, message(0));
  const maildir = join(dovecot.dir, 'mail', USER);
  const write = (from: number, to: number) => {
    for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
    for (let i = from; i < to; i++) {
      const file = join(maildir, 'new', `${Date.now()}.bench${i}.host`);
      writeFileSync(file, message(i));
      chownSync(file, 65534, 65534);
    }
  };
  write(1, N);

  const { owner, tenant } = await signUp(h);
  // A member who owns one lead in ten: the mail she reads is a small share of the mailbox.
  const mia = await addMember(h, owner, tenant.slug, 'member', 'Mia Member');
  for (let i = 0; i < LEADS; i++) {
    const res = await (i % 10 === 0 ? mia.browser : owner).post('/api/records/lead', { data: { lastName: `Lead ${i}`, email: `lead${i}@client.test` } });
    if (res.status !== 201) throw new Error(`lead: ${res.status}`);
  }
  const server = { host: '127.0.0.1', port: dovecot.imapPort, security: 'none', user: USER, password: PASSWORD };
  const box = await owner.post('/api/mailboxes', { name: 'Bench', address: USER, imap: server });
  if (box.status !== 201) throw new Error(`mailbox: ${box.status} ${JSON.stringify(box.body)}`);

  let t = performance.now();
  await drainMailboxes(h.deps);
  let s = (performance.now() - t) / 1000;
  const stored = Number((await h.db.client.execute('SELECT count(*) AS n FROM emails')).rows[0]!.n);
  const filed = Number((await h.db.client.execute('SELECT count(DISTINCT email_seq) AS n FROM email_links')).rows[0]!.n);
  console.log(
    `first sync of ${N.toLocaleString('en')} messages: ${s.toFixed(1)} s — ${Math.round(N / s).toLocaleString('en')} messages/s; ${stored.toLocaleString('en')} stored, ${filed.toLocaleString('en')} filed on leads; peak RSS ${peakRss().toFixed(0)} MiB`,
  );

  for (const [who, browser] of [
    ['owner', owner],
    ['member (one lead in ten)', mia.browser],
  ] as [string, Browser][]) {
    for (const query of ['', '?q=pallets']) {
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const start = performance.now();
        const res = await browser.get(`/api/emails${query}`);
        times.push(performance.now() - start);
        if (res.status !== 200) throw new Error(`list: ${res.status}`);
      }
      times.sort((a, b) => a - b);
      console.log(`mail list ${query || '(newest)'} as ${who}: p50 ${times[15]!.toFixed(1)} ms, p90 ${times[27]!.toFixed(1)} ms`);
    }
  }

  write(N, N + 100);
  h.clock.now += 60_000;
  t = performance.now();
  await drainMailboxes(h.deps);
  s = performance.now() - t;
  const after = Number((await h.db.client.execute('SELECT count(*) AS n FROM emails')).rows[0]!.n);
  console.log(`incremental sync of 100 new messages: ${s.toFixed(0)} ms (${after - stored} stored); peak RSS ${peakRss().toFixed(0)} MiB`);
} finally {
  h.close();
  await dovecot.stop();
}

/** Message `i`: every third from a lead's address, the others from strangers; a line of text and a small HTML part. */
function message(i: number): string {
  const from = i % 3 === 0 ? `lead${i % LEADS}@client.test` : `person${i}@elsewhere.test`;
  return [
    `From: Sender ${i} <${from}>`,
    `To: ${USER}`,
    `Subject: Bench message ${i} about order ${i % 97}`,
    `Message-ID: <bench.${i}@client.test>`,
    `Date: ${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is message ${i}. We would like to order ${i % 50} more pallets before the end of the month.`,
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Hello, this is <b>message ${i}</b>.</p><p>We would like to order ${i % 50} more pallets.</p>`,
    '--alt--',
    '',
  ].join('\r\n');
}
