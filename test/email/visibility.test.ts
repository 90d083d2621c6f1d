import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedBundle } from '../../runtime/config/store.ts';
import { sealPasswords } from '../../runtime/email/mailboxes.ts';
import { parseMessage } from '../../runtime/email/message.ts';
import { storeMessage, type Source } from '../../runtime/email/store.ts';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';

/**
 * Random companies — members (and a clerk who sorts the shared mailbox), leads, contacts of accounts, deals and cases —
 * and random steps: mail found in the shared mailbox or a person's own (from and to the records' addresses, in threads,
 * with attachments, found in both), mail written from a record, filing and unfiling by hand, reassignments, deletions,
 * restores and purges. After every step, every email read path of every person answers what a model written here says:
 * a message is seen by whoever may read a record it is filed on, and by the owner of the personal mailbox it came from.
 */

type Entity = 'lead' | 'opportunity' | 'case' | 'contact' | 'account';
type Box = 'shared' | 'personal';
interface Person {
  id: string;
  role: 'owner' | 'member' | 'clerk';
  browser: Browser;
}
interface Rec {
  id: string;
  entity: Entity;
  title: string;
  createdBy: string;
  ownerId: string;
  state: 'live' | 'binned' | 'purged';
  address?: string;
  contact?: string;
  account?: string;
}
interface Msg {
  id: string;
  key: string;
  /** A word of its subject no other message has. */
  word: string;
  /** The keys of the messages it answers, oldest first. */
  thread: string[];
  links: Set<string>;
  sources: Set<Box>;
  attachment: boolean;
}
/** News of mail as stored: to whom, about which message, pointing at which record. */
type Note = { userId: string; email: Msg; recordId: string };

const OUTSIDE = 4; // addresses records may carry; address OUTSIDE is a stranger's
const person = fc.nat();
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const counterparts = (min: number) => fc.uniqueArray(fc.integer({ min: 0, max: OUTSIDE }), { minLength: min, maxLength: 3 });
const step = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('mail' as const),
      box: fc.constantFrom<Box>('shared', 'personal'),
      out: fc.boolean(),
      outside: counterparts(0),
      replyTo: maybe(fc.nat()),
      attachment: fc.boolean(),
      alsoIn: fc.boolean(),
      notify: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      by: person,
      box: fc.constantFrom<Box>('shared', 'personal'),
      record: fc.nat(),
      to: counterparts(1),
      replyTo: maybe(fc.nat()),
    }),
  },
  // `by` left out: someone who sorts the message.
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('file' as const, 'unfile' as const),
      by: fc.oneof(fc.constant(undefined), person),
      message: fc.nat(),
      record: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('assign' as const), record: fc.nat(), to: person }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'restore' as const, 'purge' as const), record: fc.nat() }) },
);
const company = fc.record({
  staff: fc.array(fc.constantFrom('member' as const, 'member' as const, 'clerk' as const), { minLength: 2, maxLength: 3 }),
  personalOf: person,
  accounts: fc.array(person, { minLength: 1, maxLength: 2 }),
  contacts: fc.array(fc.record({ creator: person, address: fc.nat({ max: OUTSIDE - 1 }), account: maybe(fc.nat()), upper: fc.boolean() }), { maxLength: 3 }),
  leads: fc.array(fc.record({ creator: person, owner: person, address: maybe(fc.nat({ max: OUTSIDE - 1 })), upper: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  }),
  deals: fc.array(
    fc.record({ entity: fc.constantFrom<Entity>('opportunity', 'case'), creator: person, owner: person, contact: maybe(fc.nat()), account: maybe(fc.nat()) }),
    { maxLength: 3 },
  ),
  steps: fc.array(step, { minLength: 5, maxLength: 12 }),
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const sorted = <T>(xs: T[]) => [...xs].sort();
const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;
const byId = (records: { entity: string; id: string; title: string | null }[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
const ids = (reply: { body: { items: { id: string }[] } }) => sorted(reply.body.items.map((e) => e.id));
const subjectOf = (m: Msg) => `Plan ${m.word} quarterly`;
const textOf = (m: Msg) => `Notes on the plan, ${m.word}.`;

/** A message as a mail client writes it, with a PDF attached when asked. */
function rawMessage(m: Msg, from: string, to: string[], at: number) {
  const head = [
    `From: ${from}`,
    `To: ${to.join(', ')}`,
    `Subject: ${subjectOf(m)}`,
    `Message-ID: <${m.key}>`,
    `Date: ${new Date(at).toUTCString()}`,
    ...(m.thread.length ? [`In-Reply-To: <${m.thread.at(-1)}>`, `References: ${m.thread.map((k) => `<${k}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
  ];
  if (!m.attachment) return [...head, 'Content-Type: text/plain; charset=utf-8', '', textOf(m), ''].join('\r\n');
  const pdf = ['Content-Type: application/pdf', 'Content-Disposition: attachment; filename="quote.pdf"', 'Content-Transfer-Encoding: base64', ''];
  const parts = [
    ['Content-Type: text/plain; charset=utf-8', '', textOf(m)],
    [...pdf, Buffer.from('%PDF-1.4 quote').toString('base64')],
  ];
  return [...head, 'Content-Type: multipart/mixed; boundary="b1"', '', ...parts.flatMap((p) => ['--b1', ...p]), '--b1--', ''].join('\r\n');
}

let run = 0;

describe('who sees a message', () => {
  it('every email read path agrees with the model after every step', async () => {
    await fc.assert(
      fc.asyncProperty(company, async (w) => {
        const n = ++run;
        const { owner, tenant, user } = await signUp(h, `Mail ${n}`);
        if (w.staff.includes('clerk'))
          await publishChange(owner, (b) => {
            b.roles.clerk = {
              ...b.roles.member,
              label: 'Clerk',
              description: 'A member who sorts the shared mailbox.',
              i18n: undefined,
              tasks: ['email.sync'],
            };
          });
        const people: Person[] = [{ id: user.id, role: 'owner', browser: owner }];
        for (const [i, role] of w.staff.entries()) {
          const m = await addMember(h, owner, tenant.slug, role, `Person ${i}`);
          people.push({ id: m.id, role, browser: m.browser });
        }
        const outside = (k: number) => (k === OUTSIDE ? `stranger.${n}@nowhere.test` : `client${k}.${n}@client.test`);

        // Mailboxes as connecting them leaves them, able to send; nothing here syncs them or drains the outbox.
        const boxes = {
          shared: { id: randomUUID(), address: `sales.${n}@crm.test`, userId: null as string | null },
          personal: { id: randomUUID(), address: `own.${n}@crm.test`, userId: pick(people, w.personalOf).id },
        };
        const secret = sealPasswords(h.deps.secretKey, { imap: 'x', smtp: 'x' });
        const server = JSON.stringify({ host: 'mail.test', port: 993, security: 'tls', user: 'x' });
        for (const b of Object.values(boxes))
          await h.db.client.execute({
            sql: `INSERT INTO mailboxes (tenant_id, id, name, address, personal_user_id, imap, smtp, secret, folders, created_by, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, '["INBOX"]', ?, ?)`,
            args: [tenant.id, b.id, b.address, b.address, b.userId, server, server, secret, user.id, h.clock.now],
          });

        const recs: Rec[] = [];
        const create = async (entity: Entity, creator: Person, ownerOf: Person, data: Record<string, unknown>, rec: Partial<Rec> = {}) => {
          const made = await creator.browser.post(`/api/records/${entity}`, { data });
          expect(made.status, JSON.stringify(made.body)).toBe(201);
          if (ownerOf !== creator) expect((await owner.post(`/api/records/${entity}/${made.body.id}/assign`, { ownerId: ownerOf.id })).status).toBe(200);
          const title = String(data[entity === 'opportunity' || entity === 'account' ? 'name' : entity === 'case' ? 'subject' : 'lastName']);
          recs.push({ id: made.body.id, entity, title, createdBy: creator.id, ownerId: ownerOf.id, state: 'live', ...rec });
          return made.body.id as string;
        };
        const accounts: string[] = [];
        for (const [i, c] of w.accounts.entries()) accounts.push(await create('account', pick(people, c), pick(people, c), { name: `Account ${i}` }));
        const contacts: string[] = [];
        for (const [i, c] of w.contacts.entries()) {
          const address = outside(c.address);
          const account = c.account === undefined ? undefined : pick(accounts, c.account);
          const data = { lastName: `Contact ${i}`, email: c.upper ? address.toUpperCase() : address, ...(account ? { account } : {}) };
          contacts.push(await create('contact', pick(people, c.creator), pick(people, c.creator), data, { address, account }));
        }
        for (const [i, l] of w.leads.entries()) {
          const address = l.address === undefined ? undefined : outside(l.address);
          const data = { lastName: `Lead ${i}`, ...(address ? { email: l.upper ? address.toUpperCase() : address } : {}) };
          await create('lead', pick(people, l.creator), pick(people, l.owner), data, { address });
        }
        for (const [i, d] of w.deals.entries()) {
          const contact = d.contact === undefined || contacts.length === 0 ? undefined : pick(contacts, d.contact);
          const account = d.account === undefined ? undefined : pick(accounts, d.account);
          const data = { [d.entity === 'case' ? 'subject' : 'name']: `Deal ${i}`, ...(contact ? { contact } : {}), ...(account ? { account } : {}) };
          await create(d.entity, pick(people, d.creator), pick(people, d.owner), data, { contact, account });
        }

        // The model.
        const msgs: Msg[] = [];
        const notes: Note[] = [];
        const rec = (id: string) => recs.find((r) => r.id === id)!;
        const msg = (id: string) => msgs.find((m) => m.id === id)!;
        const reads = (p: Person, r: Rec) =>
          r.state === 'live' && (p.role === 'owner' || r.entity === 'contact' || r.entity === 'account' || r.ownerId === p.id || r.createdBy === p.id);
        const personal = (p: Person, m: Msg) => m.sources.has('personal') && boxes.personal.userId === p.id;
        const sees = (p: Person, m: Msg) => [...m.links].some((id) => reads(p, rec(id))) || personal(p, m);
        const sorts = (p: Person, m: Msg) => (m.sources.has('shared') && p.role !== 'member') || personal(p, m);
        /** Filed only on records in the bin (or purged): whether its sorters still meet it to sort is not settled here. */
        const inBin = (m: Msg) => m.links.size > 0 && ![...m.links].some((id) => rec(id).state === 'live');
        /** Whether `p` reads the message by id: yes, no, or (for its sorters, while it is filed only in the bin) either. */
        const opens = (p: Person, m: Msg): boolean | undefined => sees(p, m) || (sorts(p, m) && (m.links.size === 0 || (inBin(m) ? undefined : false)));
        const filedOn = (p: Person, m: Msg) =>
          byId(
            [...m.links]
              .map(rec)
              .filter((r) => reads(p, r))
              .map((r) => ({ entity: r.entity, id: r.id, title: r.title })),
          );
        /** A new message filed by the rules: the records of its addresses, a contact's account, the deals and cases of either; its thread's records. */
        const file = (m: Msg, addresses: string[]) => {
          const direct = recs.filter((r) => r.state === 'live' && r.address !== undefined && addresses.includes(r.address));
          for (const c of direct.filter((r) => r.entity === 'contact' && r.account)) if (rec(c.account!).state === 'live') direct.push(rec(c.account!));
          const hit = new Set(direct.map((r) => r.id));
          const deal = (r: Rec) => r.entity === 'opportunity' || r.entity === 'case';
          const through = recs.filter((r) => r.state === 'live' && deal(r) && ((r.contact && hit.has(r.contact)) || (r.account && hit.has(r.account))));
          for (const r of [...direct, ...through]) m.links.add(r.id);
          for (const key of m.thread) for (const id of msgs.find((x) => x.key === key)!.links) m.links.add(id);
          msgs.push(m);
        };
        const newMessage = (i: number, parent: Msg | undefined, sources: Box[], attachment: boolean): Msg => ({
          id: '',
          key: `m${i}.${n}@visibility.test`,
          word: `w${i}x`,
          thread: parent ? [...parent.thread, parent.key] : [],
          links: new Set(),
          sources: new Set(sources),
          attachment,
        });

        const ghosts = new Map<string, unknown>();
        const ghost = async (p: Person, path: string) => {
          if (!ghosts.has(path)) ghosts.set(path, (await p.browser.get(path)).body);
          return ghosts.get(path);
        };
        const check = async (label: string, deep: boolean) => {
          for (const p of people) {
            const who = `${label}, ${p.role} ${people.indexOf(p)}`;
            const seen = sorted(msgs.filter((m) => sees(p, m)).map((m) => m.id));
            const list = await p.browser.get('/api/emails');
            expect(ids(list), `${who}: list`).toEqual(seen);
            for (const e of list.body.items) expect(byId(e.records), `${who}: records of a listed message`).toEqual(filedOn(p, msg(e.id)));
            expect(ids(await p.browser.get('/api/emails?q=quarterly')), `${who}: search`).toEqual(seen);

            // Unfiled: surely those filed nowhere, never those filed on a record; those filed only on records in the bin are left open.
            const unfiled = ids(await p.browser.get('/api/emails?unfiled=true'));
            for (const m of msgs.filter((m) => sorts(p, m))) {
              if (m.links.size === 0) expect(unfiled, `${who}: unfiled`).toContain(m.id);
              if ([...m.links].some((id) => rec(id).state === 'live')) expect(unfiled, `${who}: filed, yet unfiled`).not.toContain(m.id);
            }
            for (const id of unfiled) expect(sorts(p, msg(id)), `${who}: unfiled of a mailbox not theirs`).toBe(true);

            for (const m of msgs) {
              // A sorter reads by id what is filed nowhere yet, as sorting needs; once filed, only its records' readers do.
              const got = await p.browser.get(`/api/emails/${m.id}`);
              const may = opens(p, m) ?? got.status === 200;
              expect(got.status, `${who}: message`).toBe(may ? 200 : 404);
              if (may) expect({ records: byId(got.body.records), sortable: got.body.sortable }).toEqual({ records: filedOn(p, m), sortable: sorts(p, m) });
              else expect(got.body, `${who}: a hidden message answers as a missing one`).toEqual(await ghost(p, '/api/emails/nosuchmessage0000'));
              if (m.attachment) {
                const file = await p.browser.get(`/api/emails/${m.id}/attachments/0`);
                expect(file.status, `${who}: attachment`).toBe(may ? 200 : 404);
                if (!may) expect(file.body).toEqual(await ghost(p, '/api/emails/nosuchmessage0000/attachments/0'));
              }
              if (deep) expect(ids(await p.browser.get(`/api/emails?q=${m.word}`)), `${who}: search for one message`).toEqual(sees(p, m) ? [m.id] : []);
            }

            for (const r of recs) {
              const timeline = await p.browser.get(`/api/records/${r.entity}/${r.id}/timeline`);
              expect(timeline.status, `${who}: timeline of ${r.entity} (${r.state})`).toBe(reads(p, r) ? 200 : 404);
              if (!reads(p, r)) {
                expect(timeline.body).toEqual(await ghost(p, `/api/records/${r.entity}/nosuchrecord0000/timeline`));
                continue;
              }
              const mail = timeline.body.items.filter((e: { kind: string }) => e.kind === 'email').map((e: { email: { id: string } }) => e.email.id);
              expect(sorted(mail), `${who}: mail on the timeline of ${r.entity}`).toEqual(sorted(msgs.filter((m) => m.links.has(r.id)).map((m) => m.id)));
            }

            // News of mail exactly about records the person may read while the message is filed there: taking it off the
            // record takes the news with it.
            const said = (x: Note) => `${x.recordId} ${subjectOf(x.email)} ${rec(x.recordId).title}`;
            const news = (await p.browser.get('/api/notifications')).body.items.filter((x: { kind: string }) => x.kind === 'email');
            const shown = new Set<string>(news.map((x: any) => `${x.record.id} ${x.message} ${x.record.title}`));
            const may = notes.filter((x) => x.userId === p.id && reads(p, rec(x.recordId)) && x.email.links.has(x.recordId));
            expect(
              [...shown].filter((x) => !may.map(said).includes(x)),
              `${who}: news not theirs to see`,
            ).toEqual([]);
            expect(may.filter((x) => !shown.has(said(x))).map(said), `${who}: news missing`).toEqual([]);
          }
        };

        for (const [i, s] of w.steps.entries()) {
          const label = `step ${i} (${s.kind})`;
          const parentOf = (replyTo: number | undefined) => (replyTo === undefined || msgs.length === 0 ? undefined : pick(msgs, replyTo));
          if (s.kind === 'mail') {
            const box = boxes[s.box];
            const other: Box = s.box === 'shared' ? 'personal' : 'shared';
            const m = newMessage(i, parentOf(s.replyTo), s.alsoIn ? [s.box, other] : [s.box], s.attachment);
            const them = s.outside.length ? s.outside.map(outside) : [outside(OUTSIDE)];
            const [from, to] = s.out ? [box.address, them] : [them[0]!, [box.address, ...them.slice(1)]];
            const parsed = await parseMessage(rawMessage(m, from, to, h.clock.now + i));
            const source = (b: typeof box): Source => ({ tenantId: tenant.id, mailboxId: b.id, address: b.address, notify: s.notify });
            m.id = await h.db.write(async (tx) => {
              const version = (await tx.execute({ sql: 'SELECT config_version FROM tenants WHERE id = ?', args: [tenant.id] })).rows[0]!.config_version;
              const bundle = await publishedBundle(tx, tenant.id, Number(version));
              const stored = await storeMessage(tx, source(box), bundle, parsed, h.clock.now);
              // Found again in the other mailbox: stored once, seen in both.
              if (s.alsoIn) await storeMessage(tx, source(boxes[other]), bundle, parsed, h.clock.now);
              return stored.id;
            });
            file(
              m,
              [from, ...to].filter((a) => a !== box.address),
            );
            // News to the owner of each record it is filed on (one of theirs), when new mail comes in.
            const first = new Map<string, string>();
            for (const r of [...m.links].map(rec).filter((r) => r.state === 'live' && s.notify && !s.out))
              if (!first.has(r.ownerId) || r.id < first.get(r.ownerId)!) first.set(r.ownerId, r.id);
            for (const [userId, recordId] of first) notes.push({ userId, email: m, recordId });
          } else if (s.kind === 'send') {
            const by = pick(people, s.by);
            const r = pick(recs, s.record);
            const parent = parentOf(s.replyTo);
            const m = newMessage(i, parent, [s.box], false);
            const to = s.to.map(outside);
            const body = { record: r.id, mailbox: boxes[s.box].id, to, subject: subjectOf(m), text: textOf(m), ...(parent ? { replyTo: parent.id } : {}) };
            const allowed = reads(by, r) && [null, by.id].includes(boxes[s.box].userId) && (!parent || sees(by, parent));
            const sent = await by.browser.post('/api/emails', body);
            expect(sent.status, label).toBe(allowed ? 202 : 404);
            if (allowed) {
              m.id = sent.body.id;
              m.key = String((await h.db.client.execute({ sql: 'SELECT message_key FROM emails WHERE id = ?', args: [m.id] })).rows[0]!.message_key);
              m.links.add(r.id);
              file(m, to);
            }
          } else if (s.kind === 'file' || s.kind === 'unfile') {
            if (msgs.length === 0) continue;
            const m = pick(msgs, s.message);
            const by = s.by === undefined ? (m.sources.has('shared') ? people[0]! : people.find((p) => p.id === boxes.personal.userId)!) : pick(people, s.by);
            const r = s.kind === 'unfile' && m.links.size ? rec(pick(sorted([...m.links]), s.record)) : pick(recs, s.record);
            const allowed = sorts(by, m) && reads(by, r) && opens(by, m);
            if (s.kind === 'file') {
              const status = (await by.browser.post(`/api/emails/${m.id}/links`, { record: r.id })).status;
              expect(status, label).toBe((allowed ?? status === 201) ? 201 : 404);
              if (status === 201) m.links.add(r.id);
            } else {
              const taken = Boolean(allowed) && m.links.has(r.id);
              expect((await by.browser.delete(`/api/emails/${m.id}/links/${r.id}`)).status, label).toBe(taken ? 204 : 404);
              if (taken) {
                m.links.delete(r.id);
                // The news of it on that record goes with it.
                for (const n of notes.filter((x) => x.email === m && x.recordId === r.id)) notes.splice(notes.indexOf(n), 1);
              }
            }
          } else if (s.kind === 'assign') {
            const work = recs.filter((r) => r.entity !== 'contact' && r.entity !== 'account');
            const r = pick(work, s.record);
            const to = pick(people, s.to);
            expect((await owner.post(`/api/records/${r.entity}/${r.id}/assign`, { ownerId: to.id })).status, label).toBe(r.state === 'live' ? 200 : 404);
            if (r.state === 'live') r.ownerId = to.id;
          } else {
            // Restoring and purging pick among the records in the bin, when there are any.
            const binned = recs.filter((r) => r.state === 'binned');
            const r = pick(s.kind === 'delete' || binned.length === 0 ? recs : binned, s.record);
            if (s.kind === 'delete') {
              const etag = r.state === 'live' ? (await owner.get(`/api/records/${r.entity}/${r.id}`)).headers.get('etag')! : '"1"';
              expect((await owner.delete(`/api/records/${r.entity}/${r.id}`, { 'if-match': etag })).status, label).toBe(r.state === 'live' ? 204 : 404);
              if (r.state === 'live') r.state = 'binned';
            } else if (s.kind === 'restore') {
              expect((await owner.post(`/api/recycle-bin/${r.entity}/${r.id}/restore`)).status, label).toBe(r.state === 'binned' ? 200 : 404);
              if (r.state === 'binned') r.state = 'live';
            } else {
              expect((await owner.delete(`/api/recycle-bin/${r.entity}/${r.id}`)).status, label).toBe(r.state === 'binned' ? 204 : 404);
              if (r.state === 'binned') {
                r.state = 'purged';
                // Purged, it is off every message: one filed on it alone is unfiled again.
                for (const m of msgs) m.links.delete(r.id);
              }
            }
          }
          await check(label, i === w.steps.length - 1);
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
