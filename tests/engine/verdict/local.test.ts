import { describe, expect, it } from 'vitest';
import { judgeLocal } from '../../../main/engine/verdict/local.ts';
import { result, round } from './rounds.ts';

describe('local verdict', () => {
  const rows: [string, ReturnType<typeof round>, string][] = [
    ['everything works', round(), 'online'],
    ['no link', round({}, { linkUp: false }), 'offline'],
    ['no gateway', round({}, { hasGateway: false }), 'offline'],
    ['link down wins over a portal', round({ captive: 'portal' }, { linkUp: false }), 'offline'],
    ['captive portal', round({ captive: 'portal', internet: 'timeout', apns5223: 'timeout' }), 'captive'],
    [
      'DNS fails everywhere',
      round({
        dns: 'dns-error',
        apns5223: 'dns-error',
        apns443: 'dns-error',
        ids: 'dns-error',
        facetime: 'dns-error',
        captive: 'dns-error',
        internet: 'dns-error',
      }),
      'dns',
    ],
    [
      'DNS fails, reference by IP address still answers',
      round({
        dns: 'dns-error',
        apns5223: 'dns-error',
        apns443: 'dns-error',
        ids: 'dns-error',
        facetime: 'dns-error',
        captive: 'dns-error',
      }),
      'dns',
    ],
    [
      'reference and Apple unreachable',
      round({ apns5223: 'timeout', apns443: 'timeout', ids: 'timeout', facetime: 'timeout', captive: 'timeout', internet: 'timeout' }),
      'limited',
    ],
    [
      'Apple answers 503 while the reference fails: the network works',
      round({ ids: 'http-error', apns5223: 'refused', apns443: 'refused', facetime: 'timeout', captive: 'timeout', internet: 'timeout' }),
      'online',
    ],
    ['only the reference fails', round({ internet: 'timeout' }), 'online'],
    [
      'Apple all down, reference works',
      round({ apns5223: 'refused', apns443: 'refused', ids: 'http-error', facetime: 'http-error', captive: 'timeout' }),
      'online',
    ],
  ];
  it.each(rows)('%s', (_name, r, expected) => {
    expect(judgeLocal(r).verdict).toBe(expected);
  });

  it('explains and advises for each fault', () => {
    expect(judgeLocal(round({ captive: 'portal' })).advice).toBe('Open a browser and sign in to the Wi-Fi.');
    expect(judgeLocal(round({}, { linkUp: false })).advice).toBe('Check Wi-Fi or the network cable.');
    expect(judgeLocal(round()).advice).toBe('');
  });

  it('notes a blocked 5223 while 443 works, TLS interception, slowness and a VPN', () => {
    const kinds = (r: ReturnType<typeof round>) => judgeLocal(r).notes.map((n) => n.kind);
    expect(kinds(round({ apns5223: 'timeout' }))).toEqual(['port-5223-blocked']);
    expect(judgeLocal(round({ apns5223: 'timeout' })).notes[0]?.text).toContain('push works over 443');
    expect(kinds(round({ apns5223: 'timeout', apns443: 'timeout' }))).toEqual([]);
    expect(kinds(round({ ids: 'tls-intercepted' }))).toEqual(['tls-interception']);
    expect(judgeLocal(round({ ids: 'tls-intercepted' })).notes[0]?.text).toBe(
      'This network inspects encrypted traffic; Apple services fail behind it.',
    );
    expect(kinds(round({ ids: result('ids', 'slow') }))).toEqual(['slow']);
    expect(kinds(round({}, { vpn: true }))).toEqual(['vpn']);
  });
});
