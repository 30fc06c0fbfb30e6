import { describe, expect, it } from 'vitest';
import { SourceUrlError } from '../../../src/sources/errors.js';
import { checkSourceUrl, isPrivateAddress } from '../../../src/sources/net-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:c0a8:0101::1',
    '[::1]',
    'not-an-ip',
  ])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '192.169.0.1',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
  ])('%s is public', (ip) => expect(isPrivateAddress(ip)).toBe(false));
});

describe('checkSourceUrl', () => {
  const reject = async (url: string, problem: string, allowPrivate = false) => {
    const err = await checkSourceUrl(url, { allowPrivate }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUrlError);
    expect((err as SourceUrlError).problem).toBe(problem);
    expect((err as SourceUrlError).url).toBe(url);
    expect((err as SourceUrlError).name).toBe('SourceUrlError');
  };

  it.each(['file:///etc/passwd', 'ftp://ex.example/feed', 'gopher://x', 'javascript:alert(1)'])(
    'refuses the scheme of %s, even with private addresses allowed',
    async (url) => reject(url, 'bad-scheme', true),
  );

  it('refuses something that is not a URL', () => reject('not a url', 'bad-url'));

  it.each([
    'http://127.0.0.1:8080/feed',
    'http://[::1]/feed',
    'http://169.254.169.254/latest/meta-data',
    'http://10.1.2.3/rss',
    'http://[::ffff:192.168.0.1]/rss',
    'http://2130706433/rss', // 127.0.0.1 as one number
  ])('refuses the private address in %s', (url) => reject(url, 'private-address'));

  it('refuses a host name that resolves to loopback (checked after DNS)', () =>
    reject('http://localhost:3000/feed', 'private-address'));

  it('allows private addresses when told to', async () => {
    await expect(
      checkSourceUrl('http://127.0.0.1:8080/feed', { allowPrivate: true }),
    ).resolves.toBeUndefined();
    await expect(
      checkSourceUrl('http://localhost/feed', { allowPrivate: true }),
    ).resolves.toBeUndefined();
  });

  it('allows a public address literal', async () => {
    await expect(
      checkSourceUrl('https://8.8.8.8/feed', { allowPrivate: false }),
    ).resolves.toBeUndefined();
  });

  it('reports an unresolvable host', () =>
    reject('https://no-such-host.invalid/rss', 'unresolvable'));
});
