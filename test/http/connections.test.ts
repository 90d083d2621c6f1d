import { describe, expect, it } from 'vitest';
import { clientKey, limitsFromEnv } from '../../runtime/http/connections.ts';

describe('who counts as one client for the connection cap', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['2001:db8::1', '2001:0db8:0000:0000'],
    ['2001:db8:0:0:abcd::5', '2001:0db8:0000:0000'],
    ['2001:0DB8:0000:0000:ffff:1:2:3', '2001:0db8:0000:0000'],
    ['2001:db8:0:1::1', '2001:0db8:0000:0001'],
    ['::1', '0000:0000:0000:0000'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000'],
  ])('%s → %s', (address, key) => expect(clientKey(address)).toBe(key));
});

describe('connection settings', () => {
  it('take defaults, and no cap per client behind a trusted proxy', () => {
    expect(limitsFromEnv({})).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      maxPerClient: 100,
      maxConnections: 10_000,
    });
    expect(limitsFromEnv({ TRUST_PROXY: '1' }).maxPerClient).toBe(0);
  });

  it.each([
    ['KEEP_ALIVE_TIMEOUT_MS', '0'],
    ['HEADERS_TIMEOUT_MS', '-5'],
    ['REQUEST_TIMEOUT_MS', 'soon'],
    ['MAX_CONNECTIONS_PER_CLIENT', '1.5'],
  ])('refuse %s=%s with a message naming it', (name, value) => {
    expect(() => limitsFromEnv({ [name]: value })).toThrow(name);
  });
});
