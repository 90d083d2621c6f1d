import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, startSmtpPeer, type Dovecot, type SmtpPeer } from './mail-servers.ts';

const USER = 'alice@example.test';
const PASSWORD = 'correct-horse';

function message(subject: string, to = USER): string {
  return [
    `From: Bob <bob@example.test>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, '')}@example.test>`,
    '',
    `Body of ${subject}.`,
    '.leading dot survives',
    '',
  ].join('\r\n');
}

function imap(dovecot: Dovecot, pass: string, user = USER): ImapFlow {
  return new ImapFlow({ host: dovecot.host, port: dovecot.imapPort, secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false });
}

/** Whether an IMAP login with these credentials succeeds. */
async function logsIn(dovecot: Dovecot, user: string, pass: string): Promise<boolean> {
  const client = imap(dovecot, pass, user);
  try {
    await client.connect();
    await client.logout();
    return true;
  } catch (e) {
    client.close();
    if ((e as { authenticationFailed?: boolean }).authenticationFailed) return false;
    throw e;
  }
}

describe('Dovecot', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.addUser(USER, PASSWORD);
  });
  afterAll(() => dovecot?.stop());

  it('delivers by LMTP into INBOX, keeps an APPEND to Sent, and refuses a wrong password', async () => {
    await dovecot.deliver(USER, message('First hello'));
    await dovecot.deliver(USER, Buffer.from(message('Second hello')));

    const client = imap(dovecot, PASSWORD);
    await client.connect();
    try {
      const inbox = await client.mailboxOpen('INBOX');
      expect(inbox.exists).toBe(2);
      const received = await client.fetchAll('1:*', { envelope: true, source: true });
      expect(received.map((m) => m.envelope?.subject)).toEqual(['First hello', 'Second hello']);
      // LMTP DATA is dot-stuffed: a body line starting with "." must arrive intact.
      expect(received[0]!.source!.toString()).toContain('\r\n.leading dot survives\r\n');

      const sent = (await client.list()).find((box) => box.specialUse === '\\Sent');
      expect(sent?.path).toBe('Sent');
      await client.append('Sent', message('Sent reply', 'bob@example.test'), ['\\Seen']);
      await client.mailboxOpen('Sent');
      const copies = await client.fetchAll('1:*', { envelope: true, flags: true });
      expect(copies.map((m) => m.envelope?.subject)).toEqual(['Sent reply']);
      expect(copies[0]!.flags?.has('\\Seen')).toBe(true);
    } finally {
      await client.logout();
    }

    const intruder = imap(dovecot, 'wrong-password');
    await expect(intruder.connect()).rejects.toMatchObject({ authenticationFailed: true });
    intruder.close();
  });

  it('refuses delivery to an unknown user', async () => {
    await expect(dovecot.deliver('nobody@example.test', message('Lost'))).rejects.toMatchObject({ responseCode: 550 });
  });

  it('applies a new or changed password at once, even right after a lookup', async () => {
    expect(await logsIn(dovecot, 'bob@example.test', 'one')).toBe(false);
    await dovecot.addUser('bob@example.test', 'one');
    expect(await logsIn(dovecot, 'bob@example.test', 'one')).toBe(true);
    await dovecot.addUser('bob@example.test', 'two');
    expect(await logsIn(dovecot, 'bob@example.test', 'one')).toBe(false);
    expect(await logsIn(dovecot, 'bob@example.test', 'two')).toBe(true);
  });

  it('adds users given at once in parallel', async () => {
    await Promise.all(['c1', 'c2', 'c3'].map((name) => dovecot.addUser(`${name}@example.test`, `pw-${name}`)));
    for (const name of ['c1', 'c2', 'c3']) expect(await logsIn(dovecot, `${name}@example.test`, `pw-${name}`)).toBe(true);
  });
});

describe('SMTP peer', () => {
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer({ users: { sender: 'smtp-secret' } });
  });
  afterAll(() => peer?.stop());

  it('accepts an authenticated message and records envelope and raw text', async () => {
    const transport = createTransport({ host: peer.host, port: peer.port, secure: false, ignoreTLS: true, auth: { user: 'sender', pass: 'smtp-secret' } });
    await transport.sendMail({ from: 'crm@example.test', to: 'carol@example.test', subject: 'Quote', text: 'Here it is.' });
    await peer.waitFor(1);
    expect(peer.messages[0]).toMatchObject({ from: 'crm@example.test', to: ['carol@example.test'] });
    expect(peer.messages[0]!.raw).toContain('Subject: Quote');
    transport.close();
  });

  it('refuses a wrong SMTP password', async () => {
    const transport = createTransport({ host: peer.host, port: peer.port, secure: false, ignoreTLS: true, auth: { user: 'sender', pass: 'nope' } });
    await expect(transport.sendMail({ from: 'crm@example.test', to: 'carol@example.test', text: 'x' })).rejects.toMatchObject({ responseCode: 535 });
    transport.close();
    expect(peer.messages).toHaveLength(1);
  });

  it('takes mail without AUTH when started without users', async () => {
    const open = await startSmtpPeer();
    try {
      const transport = createTransport({ host: open.host, port: open.port, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'crm@example.test', to: ['a@example.test', 'b@example.test'], subject: 'Open', text: 'x' });
      transport.close();
      await open.waitFor(1);
      expect(open.messages[0]!.to).toEqual(['a@example.test', 'b@example.test']);
    } finally {
      await open.stop();
    }
  });
});
