import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the peer received it: the SMTP envelope and the raw RFC 822 text. */
export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps every message it accepts, for tests of sending mail. */
export interface SmtpPeer {
  host: '127.0.0.1';
  port: number;
  /** Every accepted message, in order of arrival. */
  messages: ReceivedMessage[];
  /** Resolves once at least `n` messages have arrived; rejects after `timeoutMs` (default 10 s). */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the peer on a free port; with `users`, AUTH PLAIN/LOGIN is required and checked against them. */
export async function startSmtpPeer(opts: { users?: Record<string, string> } = {}): Promise<SmtpPeer> {
  const { users } = opts;
  const messages: ReceivedMessage[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    secure: false,
    // No TLS at all: plain loopback, so AUTH over plain text must be allowed explicitly.
    disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !users,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    // Short: stop() should not wait 30 s (the default) for a client that never says QUIT.
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      const ok = users !== undefined && Object.hasOwn(users, auth.username ?? '') && users[auth.username!] === auth.password;
      if (ok) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    host: '127.0.0.1',
    port: (server.server.address() as AddressInfo).port,
    messages,
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP peer: ${messages.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
