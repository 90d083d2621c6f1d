import { describe, expect, it } from 'vitest';
import { bodyOf, formErrors, formOf, patchOf } from '../../../../runtime/web/kit/mailboxes/mailbox-form.ts';
import type { Mailbox } from '../../../../runtime/web/kit/mailboxes/mailboxes-store.ts';

const box: Mailbox = {
  id: 'm1',
  name: 'Mia',
  address: 'mia@harbor.test',
  personal: true,
  imap: { host: 'imap.harbor.test', port: 993, security: 'tls', user: 'mia' },
  smtp: null,
  folders: ['INBOX', 'Sent'],
  status: { lastSyncAt: null, messages: 0, progress: null, lastError: null, unsent: { waiting: 0, failed: 0, lastError: null } },
};

describe('the mailbox form', () => {
  it('starts a new one from a name and address, the user names following the address', () => {
    const form = formOf(undefined, { name: 'Mia Sales', address: 'mia@harbor.test' });
    expect([form.name, form.address, form.imap.user, form.smtp.user, form.imap.port]).toEqual([
      'Mia Sales',
      'mia@harbor.test',
      'mia@harbor.test',
      'mia@harbor.test',
      '993',
    ]);
  });

  it('shows a connected one without its passwords, and its SMTP user following the IMAP one', () => {
    const form = formOf(box, { name: 'ignored' });
    expect([form.name, form.imap.user, form.imap.password, form.smtp.user, form.smtp.host, form.folders]).toEqual(['Mia', 'mia', '', 'mia', '', 'INBOX, Sent']);
  });

  it.each([
    ['a new one needs its password', true, {}, { '/imap/password': 'required' }],
    ['a changed one keeps its own', false, {}, {}],
    ['a bad port', false, { port: '70000' }, { '/imap/port': 'port' }],
    ['no server', false, { host: ' ' }, { '/imap/host': 'required' }],
  ] as const)('checks before asking the server: %s', (_name, isNew, imap, errors) => {
    const form = formOf(box);
    Object.assign(form.imap, imap);
    expect(formErrors(form, isNew)).toEqual(errors);
  });

  it.each([
    ['folders typed: sent as typed, once each', 'Archive, INBOX, Archive', ['Archive', 'INBOX'], ['Archive', 'INBOX']],
    ['folders emptied: the server picks (new), the default ones again (change)', ' , ', undefined, null],
  ] as const)('%s', (_name, folders, asNew, asChange) => {
    const form = formOf(box);
    form.folders = folders;
    expect(bodyOf(form).folders).toEqual(asNew);
    expect(patchOf(form).folders).toEqual(asChange);
  });

  it('sends a password only when typed, and no SMTP server when none is named', () => {
    const form = formOf(box);
    expect(patchOf(form)).toEqual({
      name: 'Mia',
      address: 'mia@harbor.test',
      imap: { host: 'imap.harbor.test', port: 993, security: 'tls', user: 'mia' },
      smtp: null,
      folders: ['INBOX', 'Sent'],
    });
    form.imap.password = 'new-secret';
    expect(patchOf(form).imap).toMatchObject({ password: 'new-secret' });
  });
});
