/** Real mail servers for tests (no mocks): a private Dovecot for IMAP/LMTP and an SMTP peer that records what it gets. */
export { startDovecot, type Dovecot } from './dovecot.ts';
export { startSmtpPeer, type ReceivedMessage, type SmtpPeer } from './smtp-peer.ts';
