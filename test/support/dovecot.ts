import { execFile, spawn } from 'node:child_process';
import { chownSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTransport } from 'nodemailer';

/** A private Dovecot 2.3 (IMAP + LMTP on loopback) in its own temp dir, for tests that need a real mail store. */
export interface Dovecot {
  host: '127.0.0.1';
  imapPort: number;
  /** IMAP with TLS from the first byte, under a self-signed certificate for "localhost" (no client trusts it). */
  imapsPort: number;
  lmtpPort: number;
  /** The temp dir holding config, sockets, log and mail; removed by `stop()`. */
  dir: string;
  /** Adds or replaces a login (lowercased, as Dovecot does), in effect once this resolves; a replacement can take 1 s. */
  addUser(user: string, password: string): Promise<void>;
  /** Delivers one raw RFC 822 message to the user's INBOX over LMTP; rejects unless Dovecot accepted it. */
  deliver(user: string, raw: string | Buffer): Promise<void>;
  stop(): Promise<void>;
}

const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
const DOVEADM = process.env.DOVEADM_PATH ?? '/usr/bin/doveadm';
// Mail is owned by nobody: Dovecot refuses to run mail processes as uid 0.
const MAIL_UID = 65534;
const START_TIMEOUT_MS = 20_000;
const run = promisify(execFile);

/** Starts Dovecot on free loopback ports and resolves once IMAP greets and LMTP answers. */
export async function startDovecot(): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error(`No Dovecot at ${DOVECOT}: run "bash .ci/run" (it installs Debian's dovecot-imapd and dovecot-lmtpd).`);
  }
  if (process.getuid?.() !== 0) throw new Error('startDovecot needs root (it chowns the mail dir to uid 65534), as on CI.');
  // Ports are picked free and then handed to Dovecot, so another process can take one in between: retry on that.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (e) {
      if (attempt >= 3 || !String(e).includes('Address already in use')) throw e;
    }
  }
}

async function startOnce(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-'));
  // The mail processes (uid 65534) must traverse the temp dir to reach their maildir.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'mail'));
  chownSync(join(dir, 'mail'), MAIL_UID, MAIL_UID);
  const conf = join(dir, 'dovecot.conf');
  mkdirSync(join(dir, 'passwd.d'));
  const [imapPort, imapsPort, lmtpPort] = (await freePorts(3)) as [number, number, number];
  // A certificate nobody trusts: a mail server's TLS for real, and the refusal a client owes it.
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  writeFileSync(conf, config(dir, imapPort, imapsPort, lmtpPort));
  const stop = await launch(dir, conf, imapPort, lmtpPort);
  return {
    host: '127.0.0.1',
    imapPort,
    imapsPort,
    lmtpPort,
    dir,
    addUser: (user, password) => writeUser(dir, user, password),
    async deliver(user, raw) {
      const lmtp = createTransport({ host: '127.0.0.1', port: lmtpPort, lmtp: true, secure: false, ignoreTLS: true });
      try {
        // LMTP replies per recipient; nodemailer rejects when the only recipient is refused.
        await lmtp.sendMail({ envelope: { from: 'tests@localhost', to: [user] }, raw });
      } finally {
        lmtp.close();
      }
    },
    stop,
  };
}

/** Runs `dovecot -F` until IMAP sends its real greeting (not "Waiting for authentication process") and LMTP its 220; returns stop. */
async function launch(dir: string, conf: string, imapPort: number, lmtpPort: number): Promise<() => Promise<void>> {
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  // Should the test process die without stop(), do not leave a Dovecot holding ports.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    // SIGTERM by pid (the master stops its children), SIGKILL if it is still there after 5 s.
    if (running()) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = async () => {
    if (!running()) throw new Error(`dovecot exited (${child.exitCode ?? child.signalCode})`);
    return (await greets(imapPort, /^\* OK \[CAPABILITY /m)) && (await greets(lmtpPort, /^220 /m));
  };
  try {
    await until(ready, `no greeting within ${START_TIMEOUT_MS} ms`, START_TIMEOUT_MS);
    return stop;
  } catch (e) {
    // Config errors go to stderr before the log file is opened, so report both.
    const log = join(dir, 'dovecot.log');
    const detail = `${(e as Error).message}\n${out}${existsSync(log) ? readFileSync(log, 'utf8') : ''}`;
    await stop();
    throw new Error(`Dovecot did not start: ${detail}`, { cause: e });
  }
}

/** Writes the user's own passwd-file and resolves once the running Dovecot uses it. */
async function writeUser(dir: string, name: string, password: string): Promise<void> {
  if (/[:/\s]/.test(name + password)) throw new Error('passwd-file entries cannot hold ":", "/" or whitespace');
  // Dovecot lowercases the login (auth_username_format = %Lu) before it expands the path.
  const [user, conf] = [name.toLowerCase(), join(dir, 'dovecot.conf')];
  const [path, tmp] = [join(dir, 'passwd.d', user), join(dir, 'passwd.d', `.${user}.tmp`)];
  const { stdout } = await run(DOVEADM, ['-c', conf, 'pw', '-s', 'SHA512-CRYPT', '-p', password]);
  writeFileSync(tmp, `${user}:${stdout.trim()}\n`);
  // Dovecot re-reads a file only when its mtime (in seconds) or size changed, and a new password has the
  // same size: step the mtime. Rename: it never reads a half-written file.
  const replaced = existsSync(path);
  const stamp = Math.max(Math.floor(Date.now() / 1000), replaced ? Math.floor(statSync(path).mtimeMs / 1000) + 1 : 0);
  utimesSync(tmp, stamp, stamp);
  renameSync(tmp, path);
  // It also looks at a file it has read at most once per wall-clock second, so a changed password waits out
  // the second; a new user's file has not been read (one file per user for that), yet poll for it anyway.
  const written = Math.floor(Date.now() / 1000);
  const secondPassed = async () => Math.floor(Date.now() / 1000) > written;
  // `auth lookup` answers an unknown user at once (a failed `auth test` waits for the 0.5 s failure flush).
  const known = () => run(DOVEADM, ['-c', conf, 'auth', 'lookup', user]).then(Boolean, () => false);
  await until(replaced ? secondPassed : known, `user ${user} not visible to Dovecot auth`);
}

/** Our whole config: nothing from /etc/dovecot, every socket, state file and log under `dir`. */
function config(dir: string, imapPort: number, imapsPort: number, lmtpPort: number): string {
  return `# Only these protocols: pop3 or submission would bind their default (privileged) ports.
protocols = imap lmtp
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
# Every inet_listener binds here only.
listen = 127.0.0.1
# TLS on the imaps port and by STARTTLS; plain logins stay allowed for the tests that use none.
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
# Tests try wrong passwords: refuse after 0.5 s (Dovecot's flush tick) instead of 2 s, and no
# per-IP penalty (then 4, 8, 15 s on every later login from 127.0.0.1): see service anvil.
auth_failure_delay = 0
mail_location = maildir:${dir}/mail/%u
# One file per user: Dovecot checks a passwd-file for changes at most once a second, per file.
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT ${dir}/passwd.d/%u
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_UID} home=${dir}/mail/%u
}
namespace inbox {
  inbox = yes
  mailbox Sent {
    auto = create
    special_use = \\Sent
  }
}
# Dovecot's parser wants every "{" to end its line.
service imap-login {
  inet_listener imap {
    port = ${imapPort}
  }
  inet_listener imaps {
    port = ${imapsPort}
  }
}
# Mode 0: the auth process cannot reach anvil's penalty socket, so it keeps no penalty.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service lmtp {
  inet_listener lmtp {
    port = ${lmtpPort}
  }
}
`;
}

/** Distinct free loopback ports, held open together so they differ from each other. */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      const server = createServer();
      return new Promise<typeof server>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve(server)));
    }),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Connects once and resolves whether the server's greeting matched `ready` within a second. */
function greets(port: number, ready: RegExp): Promise<boolean> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 1000);
    socket.on('data', (d) => {
      text += d;
      if (ready.test(text)) done(true);
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

/** Polls `check` every 20 ms until it holds; rejects with `what` after `timeoutMs`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(what);
    await new Promise((r) => setTimeout(r, 20));
  }
}
