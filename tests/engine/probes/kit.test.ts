// The loopback server kit itself: the lab relies on these switches behaving exactly as named.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDnsServer } from '../../../lab/net/dns-server.ts';
import { startEndpoint, type TestEndpoint } from '../../../lab/net/endpoint-server.ts';
import { createResolver } from '../../../main/engine/net/resolver.ts';

const opened: TestEndpoint[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((e) => e.close()));
});

const tryConnect = (port: number) =>
  new Promise<string>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.on('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });

describe('endpoint server', () => {
  it('refuses on the same port and listens there again when set back', async () => {
    const e = await startEndpoint({ protocol: 'http' });
    opened.push(e);
    const port = e.port;
    await e.setBehaviour('refuse');
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await e.setBehaviour('up');
    expect(e.port).toBe(port);
    expect(await tryConnect(port)).toBe('connected');
  });

  it('can start refused, with its port already known', async () => {
    const e = await startEndpoint({ protocol: 'tcp-tls', behaviour: 'refuse' });
    opened.push(e);
    expect(e.port).toBeGreaterThan(0);
    expect(await tryConnect(e.port)).toBe('ECONNREFUSED');
  });

  it('releases held sockets on close', async () => {
    const e = await startEndpoint({ protocol: 'http', behaviour: 'timeout' });
    const closed = new Promise<void>((resolve) => {
      const s = connect({ host: '127.0.0.1', port: e.port });
      s.on('error', () => undefined);
      s.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 50));
    await e.close();
    await closed;
    expect(await tryConnect(e.port)).toBe('ECONNREFUSED');
  });
});

describe('DNS server', () => {
  it('answers wildcards, switches modes, and forgets removed names', async () => {
    const dns = await startDnsServer({ records: { '*.push.apple.com': '127.0.0.1' } });
    try {
      const resolver = createResolver([dns.address], 5_000); // each query's limit: these must answer
      expect(await resolver.resolve('7-courier.push.apple.com')).toEqual(['127.0.0.1']);
      dns.setRecord('exact.example.test', '127.0.0.2');
      expect(await resolver.resolve('exact.example.test')).toEqual(['127.0.0.2']);
      dns.removeRecord('exact.example.test');
      await expect(resolver.resolve('exact.example.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
      dns.setMode('servfail');
      await expect(resolver.resolve('7-courier.push.apple.com')).rejects.toMatchObject({ code: 'ESERVFAIL' });
    } finally {
      await dns.close();
    }
  });
});
