import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signUp, startHarness, type Harness } from '../support/harness.ts';
import { startSmtpPeer, type SmtpPeer } from '../support/mail-servers.ts';
import { startServer } from '../support/server.ts';

/** The runtime's own mail (SMTP_URL): invitation and password reset links go out in the sender's language. */
let h: Harness;
let smtp: SmtpPeer;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  h = await startHarness({ systemMail: { url: `smtp://127.0.0.1:${smtp.port}`, from: 'crm-studio <no-reply@crm.test>' } });
});
afterAll(async () => {
  h?.close();
  await smtp?.stop();
});

const letter = async (n: number) => {
  await smtp.waitFor(n);
  return simpleParser(smtp.messages[n - 1]!.raw);
};

describe('system mail', () => {
  it('mails an invitation link to the person invited, in the inviter’s language', async () => {
    const { owner } = await signUp(h, 'Harbor Tiles');
    expect((await owner.patch('/api/me', { locale: 'de' })).status).toBe(204);
    const invited = await owner.post('/api/users', { email: 'nina@harbor.test', name: 'Nina Neu', role: 'member' });
    expect(invited.status).toBe(201);
    expect(invited.body.emailed).toBe(true);
    const mail = await letter(1);
    expect(smtp.messages[0]!.to).toEqual(['nina@harbor.test']);
    expect(mail.subject).toBe('Olive Owner lädt Sie zu Harbor Tiles ein');
    expect(mail.text).toContain(invited.body.link);
    expect(mail.text).toContain('Hallo Nina Neu');
  });

  it('mails a password reset link to the person it is for', async () => {
    const company = await signUp(h, 'Quay Stone');
    const mia = await addMember(h, company.owner, company.tenant.slug, 'member', 'Mia Member');
    const before = smtp.messages.length; // Mia's invitation was mailed too
    const made = await company.owner.post(`/api/users/${mia.id}/password-reset`);
    expect(made.status).toBe(201);
    expect(made.body.emailed).toBe(true);
    const mail = await letter(before + 1);
    expect(mail.subject).toBe('Choose a new password for Quay Stone');
    expect(mail.text).toContain(made.body.link);
    expect(smtp.messages[before]!.to).toEqual([mia.email]);
  });

  it('takes its settings from SMTP_URL and MAIL_FROM in a running server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-system-mail-'));
    const server = await startServer(`file:${join(dir, 'crm.db')}`, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Harbor CRM <crm@harbor.test>' });
    try {
      const signup = await fetch(`${server.url}/api/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantName: 'Dock Works', name: 'Dora Dock', email: 'dora@dock.test', password: 'Blue-Harbor-Lantern-42' }),
      });
      const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
      const before = smtp.messages.length;
      const invited = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: server.url },
        body: JSON.stringify({ email: 'ida@dock.test', name: 'Ida', role: 'member' }),
      });
      expect(((await invited.json()) as { emailed: boolean }).emailed).toBe(true);
      const mail = await letter(before + 1);
      expect(mail.from?.value[0]).toMatchObject({ name: 'Harbor CRM', address: 'crm@harbor.test' });
      expect(mail.subject).toBe('Dora Dock invites you to Dock Works');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when nothing was mailed: without SMTP_URL the link is passed on by hand', async () => {
    const plain = await startHarness();
    try {
      const { owner } = await signUp(plain);
      const invited = await owner.post('/api/users', { email: 'ola@plain.test', name: 'Ola', role: 'member' });
      expect(invited.body.emailed).toBe(false);
    } finally {
      plain.close();
    }
  });
});
