import { Problem } from '../http/problem.ts';
import { mailProblem, openImap, smtpTransport, type MailNetwork } from './connect.ts';
import type { Mailbox } from './mailboxes.ts';

/** A server's problem with its field paths under the server's part of the body (`/imap/password`). */
const under = (part: 'imap' | 'smtp', e: unknown) => {
  const p = mailProblem(e, part === 'imap' ? 'IMAP' : 'SMTP');
  return new Problem(
    p.status,
    p.detail,
    p.errors?.map((err) => ({ ...err, path: err.path.startsWith('/folders') ? err.path : `/${part}${err.path}` })),
  );
};

/**
 * Logs in to the IMAP server (and the SMTP server, when there is one) as a mailbox would, and checks the folders to
 * sync exist — by default the inbox and the folder the server marks as Sent. Failures are 422s in words.
 */
export async function checkServers(box: Pick<Mailbox, 'imap' | 'smtp' | 'passwords'> & { folders?: string[] }, network: MailNetwork): Promise<string[]> {
  let folders: string[];
  try {
    const client = await openImap(box.imap, box.passwords.imap, network);
    try {
      const list = await client.list();
      const names = new Set(list.map((f) => f.path));
      const sent = list.find((f) => f.specialUse === '\\Sent')?.path;
      folders = box.folders ?? ['INBOX', ...(sent ? [sent] : [])];
      const missing = folders.findIndex((f) => !names.has(f));
      if (missing >= 0)
        throw new Problem(422, `IMAP: there is no folder "${folders[missing]}" in this mailbox.`, [{ path: `/folders/${missing}`, message: 'does not exist' }]);
    } finally {
      await client.logout().catch(() => client.close());
    }
  } catch (e) {
    throw under('imap', e);
  }
  if (box.smtp) {
    try {
      const transport = await smtpTransport(box.smtp, box.passwords.smtp ?? box.passwords.imap, network);
      try {
        await transport.verify();
      } finally {
        transport.close();
      }
    } catch (e) {
      throw under('smtp', e);
    }
  }
  return folders;
}
