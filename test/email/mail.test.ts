import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../runtime/email/send.ts';
import { drainMailboxes } from '../../runtime/email/sync.ts';
import { addMember, publishChange, signUp, startHarness, type Browser, type Harness } from '../support/harness.ts';
import { startDovecot, startSmtpPeer, type Dovecot, type SmtpPeer } from '../support/mail-servers.ts';
import { expectProblem } from '../support/problem.ts';

/** Email against a real Dovecot and SMTP peer: connecting a mailbox, sync, filing, visibility, filing by hand, sending. */
let h: Harness;
let dovecot: Dovecot;
let smtp: SmtpPeer;
let owner: Browser;
let mia: { browser: Browser; id: string };
let max: { browser: Browser; id: string };
let mailboxId: string;
let slug: string;
let seq = 0;

const SALES = 'sales@crm.test';
const PASSWORD = 'sales-secret';
const settings = (password = PASSWORD) => ({
  name: 'Sales',
  address: SALES,
  imap: { host: '127.0.0.1', port: dovecot.imapPort, security: 'none', user: SALES, password },
  smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: SALES, password },
});

/** A message as a mail client would write it. */
function message(o: { from: string; to?: string; subject: string; body?: string; html?: string; inReplyTo?: string; attachment?: string }) {
  const id = `<m${++seq}.${Date.now()}@outside.test>`;
  const head = [
    `From: ${o.from}`,
    `To: ${o.to ?? SALES}`,
    `Subject: ${o.subject}`,
    `Message-ID: ${id}`,
    `Date: ${new Date().toUTCString()}`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    'MIME-Version: 1.0',
  ];
  if (!o.html && !o.attachment) return { id, raw: [...head, 'Content-Type: text/plain; charset=utf-8', '', o.body ?? 'Hello', ''].join('\r\n') };
  const parts = [
    ['Content-Type: text/plain; charset=utf-8', '', o.body ?? 'Hello'],
    ...(o.html ? [['Content-Type: text/html; charset=utf-8', '', o.html]] : []),
    ...(o.attachment
      ? [
          [
            'Content-Type: application/pdf',
            'Content-Disposition: attachment; filename="quote.pdf"',
            'Content-Transfer-Encoding: base64',
            '',
            Buffer.from(o.attachment).toString('base64'),
          ],
        ]
      : []),
  ];
  const body = parts.flatMap((p) => ['--b1', ...p]).concat(['--b1--', '']);
  return { id, raw: [...head, 'Content-Type: multipart/mixed; boundary="b1"', '', ...body].join('\r\n') };
}
const deliver = async (m: { raw: string }) => {
  await dovecot.deliver(SALES, m.raw);
  h.clock.now += 60_000; // the mailbox is due again
  await drainMailboxes(h.deps);
};
const timelineEmails = async (who: Browser, entity: string, id: string) => {
  const res = await who.get(`/api/records/${entity}/${id}/timeline`);
  return res.status === 200
    ? (res.body.items as { kind: string; email?: { subject: string } }[]).filter((e) => e.kind === 'email').map((e) => e.email!.subject)
    : res.status;
};
const subjects = async (who: Browser, query = '') => ((await who.get(`/api/emails${query}`)).body.items as { subject: string }[]).map((e) => e.subject);
const create = async (who: Browser, entity: string, data: Record<string, unknown>) => {
  const res = await who.post(`/api/records/${entity}`, { data });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
};

beforeAll(async () => {
  [dovecot, smtp] = await Promise.all([startDovecot(), startSmtpPeer({ users: { [SALES]: PASSWORD } })]);
  await dovecot.addUser(SALES, PASSWORD);
  h = await startHarness({ mailAllowPrivate: true });
  const company = await signUp(h);
  owner = company.owner;
  slug = company.tenant.slug;
  mia = await addMember(h, owner, company.tenant.slug, 'member', 'Mia Member');
  max = await addMember(h, owner, company.tenant.slug, 'member', 'Max Member');
}, 60_000);
afterAll(async () => {
  h?.close();
  await Promise.all([dovecot?.stop(), smtp?.stop()]);
});

describe('connecting a mailbox', () => {
  it('says in words what is wrong, keeps nothing until the servers take it, and never sends a password back', async () => {
    const wrong = await owner.post('/api/mailboxes', settings('not-the-password'));
    expectProblem(wrong, 422);
    expect(wrong.body.detail).toMatch(/refused the user name or password/);
    expect(wrong.body.errors).toEqual([{ path: '/imap/password', message: 'was refused' }]);
    const closed = await owner.post('/api/mailboxes/test', { ...settings(), imap: { ...settings().imap, port: 1 } });
    expect(closed.body.errors).toEqual([{ path: '/imap/port', message: 'refused the connection' }]);
    expect((await owner.get('/api/mailboxes')).body.items).toEqual([]);

    expectProblem(await mia.browser.post('/api/mailboxes', settings()), 403);
    const tried = await owner.post('/api/mailboxes/test', settings());
    expect(tried.body).toEqual({ folders: ['INBOX', 'Sent'] });
    const made = await owner.post('/api/mailboxes', settings());
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    mailboxId = made.body.id;
    expect(JSON.stringify(made.body)).not.toContain(PASSWORD);
    expect(JSON.stringify((await owner.get('/api/mailboxes')).body)).not.toContain(PASSWORD);
    expect((await mia.browser.get('/api/mailboxes')).body.items).toEqual([]);
    const stored = await h.db.client.execute('SELECT secret FROM mailboxes');
    expect(String(stored.rows[0]!.secret)).not.toContain(PASSWORD);
  });

  it('refuses a server whose certificate cannot be trusted, by TLS and by STARTTLS alike, in words', async () => {
    for (const imap of [
      { ...settings().imap, host: 'localhost', port: dovecot.imapsPort, security: 'tls' },
      { ...settings().imap, host: 'localhost', port: dovecot.imapPort, security: 'starttls' },
    ]) {
      const res = await owner.post('/api/mailboxes/test', { ...settings(), imap, smtp: null });
      expectProblem(res, 422);
      expect(res.body.detail).toMatch(/certificate could not be trusted/);
      expect(res.body.errors).toEqual([{ path: '/imap/host', message: 'has an untrusted certificate' }]);
    }
  });

  it('tries and changes a connected mailbox with its stored passwords, and sets its folders back to the default', async () => {
    expect((await owner.post(`/api/mailboxes/${mailboxId}/test`, {})).body).toEqual({ folders: ['INBOX', 'Sent'] });
    expect((await owner.patch(`/api/mailboxes/${mailboxId}`, { folders: ['INBOX'] })).body.folders).toEqual(['INBOX']);
    const missing = await owner.post(`/api/mailboxes/${mailboxId}/test`, { folders: ['Archive'] });
    expect(missing.body.errors).toEqual([{ path: '/folders/0', message: 'does not exist' }]);
    expect((await owner.patch(`/api/mailboxes/${mailboxId}`, { folders: null })).body.folders).toEqual(['INBOX', 'Sent']);
    expectProblem(await mia.browser.post(`/api/mailboxes/${mailboxId}/test`, {}), 404);
  });

  it('refuses private and loopback servers unless the settings allow them', async () => {
    const strict = await startHarness();
    try {
      const { owner: o } = await signUp(strict);
      for (const host of ['127.0.0.1', 'localhost', '10.0.0.8', '169.254.169.254', '[::1]'.slice(1, -1)]) {
        const res = await o.post('/api/mailboxes/test', { ...settings(), imap: { ...settings().imap, host, security: 'tls' } });
        expectProblem(res, 422);
        expect(res.body.errors).toEqual([{ path: '/imap/host', message: 'is a private or local address' }]);
      }
      const plain = await o.post('/api/mailboxes/test', { ...settings(), imap: { ...settings().imap, host: 'imap.example.com' } });
      expect(plain.body.errors).toEqual([{ path: '/imap/security', message: 'must be TLS or STARTTLS' }]);
    } finally {
      strict.close();
    }
  });
});

describe('sync and filing', () => {
  let lead: { id: string };
  let first: { id: string; raw: string };

  it('files mail from a lead’s address on that lead, for those who may read it only', async () => {
    lead = await create(mia.browser, 'lead', { firstName: 'Lena', lastName: 'Ortega', email: 'Lena.Ortega@client.test' });
    first = message({ from: 'Lena Ortega <lena.ortega@client.test>', subject: 'Question about pricing', body: 'Could you send the price list?' });
    await deliver(first);
    expect(await timelineEmails(mia.browser, 'lead', lead.id)).toEqual(['Question about pricing']);
    expect(await timelineEmails(owner, 'lead', lead.id)).toEqual(['Question about pricing']);
    expect(await timelineEmails(max.browser, 'lead', lead.id)).toBe(404);
    expect(await subjects(mia.browser)).toEqual(['Question about pricing']);
    expect(await subjects(mia.browser, '?q=price')).toEqual(['Question about pricing']);
    expect(await subjects(max.browser)).toEqual([]);
    expect(await subjects(max.browser, '?q=price')).toEqual([]);
    const list = (await mia.browser.get('/api/emails')).body.items;
    expect(list[0]).toMatchObject({
      from: { address: 'lena.ortega@client.test', name: 'Lena Ortega' },
      direction: 'in',
      records: [{ entity: 'lead', id: lead.id }],
    });
    expectProblem(await max.browser.get(`/api/emails/${list[0].id}`), 404);
    const status = (await owner.get('/api/mailboxes')).body.items[0].status;
    expect(status).toMatchObject({ messages: 1, lastError: null, progress: null });
    expect(status.lastSyncAt).not.toBeNull();
    expect(status.lastAttemptAt).toBe(status.lastSyncAt);
  });

  it('stores each message once, however often it is synced and when UIDVALIDITY changes', async () => {
    await h.db.client.execute("UPDATE mailbox_folders SET uid_validity = 'changed'");
    await h.db.client.execute('UPDATE mailboxes SET next_sync_at = 0');
    await Promise.all([drainMailboxes(h.deps, 'one'), drainMailboxes(h.deps, 'two')]);
    expect(Number((await h.db.client.execute('SELECT count(*) AS n FROM emails')).rows[0]!.n)).toBe(1);
    expect(await timelineEmails(mia.browser, 'lead', lead.id)).toEqual(['Question about pricing']);
  });

  it('files a reply in the thread on the same records, whoever sends it', async () => {
    await deliver(message({ from: 'assistant@client.test', subject: 'Re: Question about pricing', inReplyTo: first.id }));
    expect(await timelineEmails(mia.browser, 'lead', lead.id)).toEqual(['Re: Question about pricing', 'Question about pricing']);
    // New mail after the first sync is news to the lead's owner; the history the first sync brought in was not.
    const news = async (who: Browser) =>
      ((await who.get('/api/notifications')).body.items as { kind: string; message: string }[]).filter((n) => n.kind === 'email');
    expect(await news(mia.browser)).toMatchObject([{ message: 'Re: Question about pricing', record: { id: lead.id } }]);
    expect(await news(max.browser)).toEqual([]);
  });

  it('files a contact’s mail on the contact, its account and the deals of either', async () => {
    const account = await create(owner, 'account', { name: 'Quarry Ltd' });
    const contact = await create(owner, 'contact', { lastName: 'Stone', email: 'sam@quarry.test', account: account.id });
    const deal = await create(mia.browser, 'opportunity', { name: 'Quarry expansion', account: account.id });
    const other = await create(mia.browser, 'opportunity', { name: 'Unrelated deal' });
    await deliver(message({ from: 'sam@quarry.test', subject: 'Expansion timeline' }));
    expect(await timelineEmails(owner, 'contact', contact.id)).toEqual(['Expansion timeline']);
    expect(await timelineEmails(owner, 'account', account.id)).toEqual(['Expansion timeline']);
    expect(await timelineEmails(mia.browser, 'opportunity', deal.id)).toEqual(['Expansion timeline']);
    expect(await timelineEmails(mia.browser, 'opportunity', other.id)).toEqual([]);
    // Max reads contacts and accounts (members read all of them), not Mia's deal: it is not named to him.
    const his = (await max.browser.get('/api/emails?q=expansion')).body.items;
    expect(his[0].records.map((r: { title: string }) => r.title).sort()).toEqual(['Quarry Ltd', 'Stone']);
  });

  it('keeps unmatched mail for those who sort it; filing and unfiling by hand show and hide it at once, audited', async () => {
    await deliver(
      message({
        from: 'stranger@nowhere.test',
        subject: 'Partnership idea',
        html: '<p onclick="x()">Hi<script>alert(1)</script><img src="https://track.test/p.gif"></p>',
        attachment: '%PDF-1.4 quote',
      }),
    );
    expect(await subjects(owner, '?unfiled=true')).toEqual(['Partnership idea']);
    expect(await subjects(mia.browser, '?unfiled=true')).toEqual([]);
    const id = (await owner.get('/api/emails?unfiled=true')).body.items[0].id;
    const full = (await owner.get(`/api/emails/${id}`)).body;
    expect(full.html).toContain('<p>Hi');
    expect(full.html).not.toMatch(/script|onclick|track\.test/);
    expect(full.attachments).toEqual([{ n: 0, fileName: 'quote.pdf', contentType: 'application/pdf', size: 14 }]);

    const maxLead = await create(max.browser, 'lead', { lastName: 'Brandt' });
    expectProblem(await mia.browser.post(`/api/emails/${id}/links`, { record: maxLead.id }), 404);
    expect((await owner.post(`/api/emails/${id}/links`, { record: maxLead.id })).status).toBe(201);
    expect(await timelineEmails(max.browser, 'lead', maxLead.id)).toEqual(['Partnership idea']);
    expect(await subjects(owner, '?unfiled=true')).toEqual([]);
    const file = await max.browser.get(`/api/emails/${id}/attachments/0`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="quote.pdf"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expectProblem(await mia.browser.get(`/api/emails/${id}/attachments/0`), 404);

    expect((await owner.delete(`/api/emails/${id}/links/${maxLead.id}`)).status).toBe(204);
    expectProblem(await max.browser.get(`/api/emails/${id}`), 404);
    expect(await timelineEmails(max.browser, 'lead', maxLead.id)).toEqual([]);
    const actions = ((await owner.get('/api/audit')).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['email.linked', 'email.unlinked', 'mailbox.connected']));
  });

  it('lets a sorter of shared mail read unfiled messages only: once filed, a message is its records’ readers’ alone', async () => {
    await publishChange(owner, (bundle) => {
      bundle.roles.mail_clerk = { ...bundle.roles.member, label: 'Mail clerk', i18n: undefined, tasks: ['email.sync'] };
    });
    const clerk = await addMember(h, owner, slug, 'mail_clerk', 'Cleo Clerk');
    await deliver(message({ from: 'nobody@unknown.test', subject: 'Who reads this' }));
    const unfiled = (await clerk.browser.get('/api/emails?unfiled=true')).body.items as { id: string; subject: string }[];
    const stray = unfiled.find((e) => e.subject === 'Who reads this')!;
    expect((await clerk.browser.get(`/api/emails/${stray.id}`)).body.sortable).toBe(true);
    // Filed on Max's lead, which the clerk may not read: gone for the clerk, on every path.
    const maxLead = await create(max.browser, 'lead', { lastName: 'Vogel' });
    expect((await owner.post(`/api/emails/${stray.id}/links`, { record: maxLead.id })).status).toBe(201);
    expectProblem(await clerk.browser.get(`/api/emails/${stray.id}`), 404);
    expectProblem(await clerk.browser.post(`/api/emails/${stray.id}/links`, { record: lead.id }), 404);
    expect(await subjects(clerk.browser, '?unfiled=true')).not.toContain('Who reads this');
    expect(await subjects(clerk.browser)).not.toContain('Who reads this');
    // Lena's thread is filed on Mia's lead: the clerk does not read it either.
    const filed = (await owner.get('/api/emails?q=pricing')).body.items[0].id;
    expectProblem(await clerk.browser.get(`/api/emails/${filed}`), 404);
  });

  it('lets a holder of email.sync change how mail is filed and its templates, and nothing else of the configuration', async () => {
    const clerk = await addMember(h, owner, slug, 'mail_clerk', 'Carl Clerk');
    const draft = await clerk.browser.get('/api/config/draft');
    expect(draft.status).toBe(200);
    const bundle = draft.body.bundle;
    bundle.entities.case.email.templates.closed = { label: 'Case closed', subject: 'Closed: {{subject}}', text: 'We closed it.' };
    const saved = await clerk.browser.put('/api/config/draft', bundle, { 'if-match': draft.headers.get('etag')! });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    bundle.entities.case.label = 'Ticket';
    expectProblem(await clerk.browser.put('/api/config/draft', bundle, { 'if-match': saved.headers.get('etag')! }), 403);
  });

  it('keeps attachments within the size limits and names those left out', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024, 7)
      .toString('base64')
      .replace(/.{76}/g, '$&\r\n');
    const part = (name: string, body: string) => [
      '--b1',
      `Content-Type: application/octet-stream; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      body,
    ];
    const raw = [
      'From: architect@drawings.test',
      `To: ${SALES}`,
      'Subject: Drawings attached',
      `Message-ID: <drawings.${Date.now()}@outside.test>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Two files.',
      ...part('plan.dwg', big),
      ...part('note.txt', Buffer.from('small').toString('base64')),
      '--b1--',
      '',
    ].join('\r\n');
    await deliver({ raw });
    const id = (await owner.get('/api/emails?unfiled=true&q=drawings')).body.items[0].id;
    const full = (await owner.get(`/api/emails/${id}`)).body;
    expect(full.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['note.txt']);
    expect(full.leftOut).toEqual(['plan.dwg']);
  });

  it('sends a reply from the lead through SMTP, into the thread, the Sent folder and the timeline', async () => {
    const senders = (await mia.browser.get('/api/emails/senders')).body.items;
    expect(senders).toEqual([{ id: mailboxId, name: 'Sales', address: SALES }]);
    const original = (await mia.browser.get('/api/emails?q=pricing')).body.items.find((e: { subject: string }) => e.subject === 'Question about pricing');
    const sent = await mia.browser.post('/api/emails', {
      record: lead.id,
      mailbox: mailboxId,
      to: ['lena.ortega@client.test'],
      subject: 'Re: Question about pricing',
      text: 'Here is the price list.',
      replyTo: original.id,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect((await mia.browser.get(`/api/emails/${sent.body.id}`)).body.delivery).toMatchObject({ status: 'sending' });
    expectProblem(await max.browser.post('/api/emails', { record: lead.id, mailbox: mailboxId, to: ['a@b.test'], subject: 'x', text: 'y' }), 404);

    await drainOutbox(h.deps);
    await smtp.waitFor(1);
    expect(smtp.messages[0]!.to).toEqual(['lena.ortega@client.test']);
    expect(smtp.messages[0]!.raw).toMatch(new RegExp(`In-Reply-To: ${original ? '<m1\\.' : ''}`));
    expect((await mia.browser.get(`/api/emails/${sent.body.id}`)).body.delivery).toMatchObject({ status: 'sent', error: null });

    const imap = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.imapPort,
      secure: false,
      doSTARTTLS: false,
      auth: { user: SALES, pass: PASSWORD },
      logger: false,
    });
    await imap.connect();
    const box = await imap.mailboxOpen('Sent');
    expect(box.exists).toBe(1);
    await imap.logout();
    // Synced back from Sent, it is the same message, not a second one.
    await drainMailboxes(h.deps);
    const n = (await h.db.client.execute("SELECT count(*) AS n FROM emails WHERE subject = 'Re: Question about pricing' AND direction = 'out'")).rows[0]!.n;
    expect(Number(n)).toBe(1);
    expect(await timelineEmails(mia.browser, 'lead', lead.id)).toEqual(['Re: Question about pricing', 'Re: Question about pricing', 'Question about pricing']);
  });

  it('keeps a message the server refuses, with the reason, and tries again later', async () => {
    await smtp.stop();
    const lead2 = await create(mia.browser, 'lead', { lastName: 'Keller', email: 'k@client.test' });
    const sent = await mia.browser.post('/api/emails', { record: lead2.id, mailbox: mailboxId, to: ['k@client.test'], subject: 'Hello', text: 'Hi' });
    await drainOutbox(h.deps);
    const delivery = (await mia.browser.get(`/api/emails/${sent.body.id}`)).body.delivery;
    expect(delivery).toMatchObject({ status: 'sending', attempts: 1 });
    expect(delivery.error).toMatch(/nothing answers at this host and port/);
    const unsent = (await owner.get('/api/mailboxes')).body.items[0].status.unsent;
    expect(unsent).toMatchObject({ waiting: 1, failed: 0 });
    expect(unsent.lastError).toMatch(/nothing answers/);
  });

  it('takes over a mailbox whose process stopped mid-sync once its lease ran out, and never while it holds it', async () => {
    await dovecot.deliver(SALES, message({ from: 'lena.ortega@client.test', subject: 'After the crash' }).raw);
    h.clock.now += 60_000;
    await h.db.client.execute({ sql: "UPDATE mailboxes SET lease_owner = 'crashed', lease_until = ?", args: [h.clock.now + 30_000] });
    await drainMailboxes(h.deps);
    expect(await subjects(mia.browser, '?q=crash')).toEqual([]);
    h.clock.now += 31_000;
    await drainMailboxes(h.deps);
    expect(await subjects(mia.browser, '?q=crash')).toEqual(['After the crash']);
  });
});

describe('a person’s own mailbox', () => {
  it('is theirs alone until its mail is filed; disconnected, what was filed nowhere is forgotten and the rest stays filed', async () => {
    const MIA = 'mia@crm.test';
    await dovecot.addUser(MIA, 'mia-secret');
    const imap = { host: '127.0.0.1', port: dovecot.imapPort, security: 'none', user: MIA, password: 'mia-secret' };
    const own = await mia.browser.post('/api/mailboxes', { name: 'Mia', address: MIA, personal: true, imap });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await max.browser.get('/api/mailboxes')).body.items).toEqual([]);
    expectProblem(await owner.patch(`/api/mailboxes/${own.body.id}`, { name: 'Mine now' }), 404);
    await dovecot.deliver(MIA, message({ from: 'friend@private.test', to: MIA, subject: 'Dinner on Friday' }).raw);
    await dovecot.deliver(MIA, message({ from: 'lena.ortega@client.test', to: MIA, subject: 'Also to you' }).raw);
    h.clock.now += 60_000;
    await drainMailboxes(h.deps);
    expect(await subjects(mia.browser, '?q=dinner')).toEqual(['Dinner on Friday']);
    expect(await subjects(owner, '?q=dinner')).toEqual([]);
    expect(await subjects(owner, '?unfiled=true')).not.toContain('Dinner on Friday');
    expect((await mia.browser.get('/api/emails?unfiled=true')).body.items.map((e: { subject: string }) => e.subject)).toContain('Dinner on Friday');

    expect((await mia.browser.delete(`/api/mailboxes/${own.body.id}`)).status).toBe(204);
    const left = await h.db.client.execute("SELECT subject FROM emails WHERE subject IN ('Dinner on Friday', 'Also to you')");
    expect(left.rows.map((r) => String(r.subject))).toEqual(['Also to you']);
    expect(await subjects(mia.browser, '?q=also')).toEqual(['Also to you']);
  });
});

describe('a workflow that sends mail', () => {
  it('sends a lead its templated welcome in the owner’s language once the step is saved, and says on the timeline when it cannot', async () => {
    const peer = await startSmtpPeer({ users: { [SALES]: PASSWORD } });
    try {
      const changed = await owner.patch(`/api/mailboxes/${mailboxId}`, { smtp: { host: '127.0.0.1', port: peer.port, security: 'none', user: SALES } });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      await publishChange(owner, (bundle) => bundle.workflows.lead.states.new.entry.push({ type: 'sendEmail', params: { template: 'follow_up' } }));
      expect((await mia.browser.patch('/api/me', { locale: 'de' })).status).toBe(204);
      const lead = await create(mia.browser, 'lead', { firstName: 'Jonas', lastName: 'Weber', company: 'Weber Bau', email: 'jonas@weber.test' });
      await drainOutbox(h.deps);
      // The message the earlier test's server refused goes out now as well: its back-off has passed.
      await peer.waitFor(2);
      const welcome = peer.messages.find((m) => m.to.includes('jonas@weber.test'))!;
      expect(welcome.raw).toContain('Subject: Kurze Nachfrage, Jonas');
      expect(welcome.raw).toContain('Weber Bau');
      expect(peer.messages.map((m) => m.to[0]).sort()).toEqual(['jonas@weber.test', 'k@client.test']);
      const timeline = (await owner.get(`/api/records/lead/${lead.id}/timeline`)).body.items as { kind: string; email?: { subject: string } }[];
      expect(timeline.filter((e) => e.kind === 'email').map((e) => e.email!.subject)).toHaveLength(1);
      // Newest first: the message the step sent comes after the record's creation, not before it.
      const kinds = timeline.map((e) => e.kind);
      expect(kinds.indexOf('email')).toBeLessThan(kinds.indexOf('created'));

      const bare = await create(mia.browser, 'lead', { lastName: 'Nomail' });
      const entries = (await owner.get(`/api/records/lead/${bare.id}/timeline`)).body.items as { kind: string; failed?: string }[];
      expect(entries.find((e) => e.kind === 'email')).toMatchObject({ failed: 'noAddress' });
    } finally {
      await peer.stop();
    }
  });
});
