import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { ImapFlow } from 'imapflow';
import { Problem } from '../http/problem.ts';

/** How a mail server is reached: `tls` is TLS from the first byte, `starttls` upgrades a plain connection and insists on it. */
export interface ServerSettings {
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string;
}

/** Where mail may be fetched from or sent to: `allowPrivate` lets private, loopback and link-local addresses through (self-hosted mail, tests). */
export interface MailNetwork {
  allowPrivate: boolean;
}

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** Whether an address is private, loopback, link-local or otherwise not on the public internet (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The address to connect to for `host`: resolved once here, checked, and then used as it is — so a name that resolves
 * to a public address for the check and a private one for the connection cannot slip through.
 */
export async function resolveServer(host: string, network: MailNetwork): Promise<string> {
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new Problem(422, `The server ${host} could not be found. Check the host name.`, [{ path: '/host', message: 'could not be found' }]);
  }
  const address = addresses[0];
  if (!address || (!network.allowPrivate && addresses.some(isPrivateAddress)))
    throw new Problem(422, `${host} is a private or local address; mail servers must be reachable on the internet.`, [
      { path: '/host', message: 'is a private or local address' },
    ]);
  return address;
}

/** Only self-hosted servers on a private network (allowed by the settings) may be reached without TLS. */
function checkSecurity(settings: ServerSettings, network: MailNetwork) {
  if (settings.security === 'none' && !network.allowPrivate)
    throw new Problem(422, 'Mail servers must be reached with TLS or STARTTLS.', [{ path: '/security', message: 'must be TLS or STARTTLS' }]);
}

/** An IMAP connection, logged in, to the checked address (the certificate checked against the name). */
export async function openImap(settings: ServerSettings, password: string, network: MailNetwork): Promise<ImapFlow> {
  checkSecurity(settings, network);
  const address = await resolveServer(settings.host, network);
  // The mail libraries are loaded when a mailbox is first used: a process without mail never holds them.
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: address,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    servername: isIP(settings.host) ? undefined : settings.host,
    auth: { user: settings.user, pass: password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 120_000,
    disableAutoIdle: true,
  });
  // A connection error after connect() is reported through the next command; without a listener it would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (e) {
    throw mailProblem(e, 'IMAP');
  }
  return client;
}

/** A nodemailer transport to the checked address of an SMTP server. */
export async function smtpTransport(settings: ServerSettings, password: string, network: MailNetwork) {
  checkSecurity(settings, network);
  const address = await resolveServer(settings.host, network);
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({
    host: address,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    tls: isIP(settings.host) ? undefined : { servername: settings.host },
    auth: { user: settings.user, pass: password },
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
}

/** A mail server's failure in words a person can act on (422, naming the field to look at). */
export function mailProblem(e: unknown, server: 'IMAP' | 'SMTP'): Problem {
  if (e instanceof Problem) return e;
  const err = e as { code?: string; originalCode?: string; authenticationFailed?: boolean; responseCode?: number; message?: string };
  // Each library says it its own way (nodemailer wraps socket errors as ESOCKET with the cause in the message).
  const said = [err.code, err.originalCode, err.message].filter(Boolean).join(' ');
  const say = (detail: string, path: string, message: string) => new Problem(422, `${server}: ${detail}`, [{ path, message }]);
  if (err.authenticationFailed || /EAUTH/.test(said) || err.responseCode === 535)
    return say('the server refused the user name or password. Check them; some providers need an app password.', '/password', 'was refused');
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i.test(said))
    return say('the server’s certificate could not be trusted (it is expired, self-signed or for another name).', '/host', 'has an untrusted certificate');
  if (/ECONNREFUSED/.test(said)) return say('nothing answers at this host and port. Check the port.', '/port', 'refused the connection');
  if (/ENOTFOUND|EAI_AGAIN|EDNS/.test(said)) return say('the server could not be found. Check the host name.', '/host', 'could not be found');
  if (/STARTTLS/i.test(said)) return say('the server does not offer STARTTLS. Choose TLS, or another port.', '/security', 'is not offered');
  if (/TIMEOUT|ETIMEDOUT|timed? ?out/i.test(said)) return say('the server did not answer in time. Check the host and port.', '/host', 'did not answer');
  return say('the connection failed. Check the host, port and security settings.', '/host', 'could not be reached');
}
