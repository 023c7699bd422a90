// The aggregator API's per-network rate limit, two nodes on one database, and what survives a restart, on both backends.
import { describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../contracts/aggregator-api.ts';
import { startAggregator } from '../../aggregator/server.ts';
import { BACKENDS, client, getJson, itOnPostgres, networkAddress, post, postFrom } from './backends.ts';
import { report } from './api-fixtures.ts';

describe.each(BACKENDS)('aggregator API on $name', (backend) => {
  describe.skipIf(backend.skip !== null)('limits and restarts', () => {
    it('answers 429 with Retry-After past the per-network limit', async () => {
      const s = await backend.storage();
      // A still clock: a token comes back every 20 s, which a loaded machine could take for five requests.
      const at = Date.now();
      const limited = await startAggregator({ ...s.options, rateLimit: { perMinute: 3 }, now: () => at });
      try {
        const statuses = [];
        for (let i = 0; i < 5; i += 1) statuses.push(await post(limited.url, report()));
        expect(statuses.map((r) => r.status)).toEqual([202, 202, 202, 429, 429]);
        expect(Number(statuses[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(statuses[3]!.json).toEqual({ error: expect.any(String) });
      } finally {
        await limited.close();
        await s.cleanup();
      }
    });

    itOnPostgres(backend)('lets two nodes on one database share counts and dedup', async () => {
      const s = await backend.storage();
      const opts = { ...s.options, rateLimit: false as const, detection: { recomputeMs: 50 } };
      const a = await startAggregator(opts);
      const b = await startAggregator(opts);
      try {
        const id = client();
        expect((await post(a.url, report({ clientId: id }))).status).toBe(202);
        expect((await post(b.url, report({ clientId: id }))).status).toBe(200);
        // Four more reporters, each on its own network (one network counts at most networkCap reports).
        for (let i = 0; i < 4; i += 1) expect((await postFrom(a.url, networkAddress(i), report())).status).toBe(202);
        const deadline = Date.now() + 5000;
        let seen = 0;
        while (seen !== 5 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          seen = (await getJson<StatusResponse>(`${b.url}/v1/status`)).json.services.imessage.reportsLastHour;
        }
        expect(seen).toBe(5);
      } finally {
        await a.close();
        await b.close();
        await s.cleanup();
      }
    });

    it('keeps dedup claims and idempotency answers across a restart', async () => {
      const s = await backend.storage();
      const id = client();
      let first = await startAggregator({ ...s.options, rateLimit: false });
      try {
        const a = await post(first.url, report({ clientId: id, idempotencyKey: 'k-1' }));
        expect(a.status).toBe(202);
        await first.close();
        first = await startAggregator({ ...s.options, rateLimit: false });
        const replay = await post(first.url, report({ clientId: id, idempotencyKey: 'k-1' }));
        expect(replay).toMatchObject({ status: 202, json: a.json });
        const dup = await post(first.url, report({ clientId: id }));
        expect(dup.status).toBe(200);
        expect((await getJson<StatusResponse>(`${first.url}/v1/status`)).json.services.imessage.reportsLastHour).toBe(1);
      } finally {
        await first.close();
        await s.cleanup();
      }
    });
  });
});
