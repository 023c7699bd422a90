// The lab's certificate cache: a stored value is reused while usable, remade when not; expiry is read from the PEM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cached, stillValid } from '../../lab/net/cert-cache.ts';
import { createCa, testPki } from '../../lab/net/ca.ts';

const dir = mkdtempSync(join(tmpdir(), 'imsm-certs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('certificate cache', () => {
  it('reuses a stored value while it is usable and remakes it when it is not', () => {
    let made = 0;
    const make = () => ({ n: ++made });
    expect(cached('k', make, () => true, dir)).toEqual({ n: 1 });
    expect(cached('k', make, () => true, dir)).toEqual({ n: 1 });
    expect(cached('k', make, (v) => v.n > 1, dir)).toEqual({ n: 2 });
    expect(cached('other', make, () => true, dir)).toEqual({ n: 3 });
  });

  it('calls a certificate valid only inside its dates, a week before expiry at the latest', () => {
    const ca = createCa('Cache Test CA', 'Cache Test');
    const now = Date.now();
    expect(stillValid([ca.certPem], now)).toBe(true);
    expect(stillValid([ca.certPem], now + 24 * 24 * 3600_000)).toBe(false); // issued for 30 days
    expect(stillValid([ca.certPem], now - 2 * 24 * 3600_000)).toBe(false); // before notBefore
    expect(stillValid(['not a certificate'])).toBe(false);
  });

  it('gives the same kit to every caller', () => {
    expect(testPki().trusted.certPem).toBe(testPki().trusted.certPem);
    expect(stillValid([testPki().trusted.certPem, testPki().interceptor.certPem])).toBe(true);
  });
});
