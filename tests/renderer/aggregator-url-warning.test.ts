import { describe, expect, it } from 'vitest';
import { aggregatorUrlWarning } from '../../renderer/src/view/aggregator-url-warning.ts';

describe('warning for a plain-http community server', () => {
  it('warns for http:// on a public host or address', () => {
    for (const url of ['http://agg.example.org', 'http://8.8.8.8:8787', 'http://[2001:db8::1]:8787', 'http://172.32.0.1'])
      expect(aggregatorUrlWarning(url), url).toMatch(/unencrypted/);
  });
  it('stays quiet for https, loopback, private ranges and local names', () => {
    for (const url of [
      'https://agg.example.org',
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://[::1]:8787',
      'http://10.1.2.3',
      'http://172.16.0.9',
      'http://192.168.1.20:8787',
      'http://[fd00::5]',
      'http://nas.local',
      'http://nas',
      'not a url',
    ])
      expect(aggregatorUrlWarning(url), url).toBeNull();
  });
});
