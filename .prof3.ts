import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
const autocannon = createRequire(import.meta.url)('autocannon');
for (const c of [128, 128, 256]) {
const r = await autocannon({ url: 'http://127.0.0.1:18787', connections: c, duration: 4, requests: [{ method: 'POST', path: '/v1/reports', headers: { 'content-type': 'application/json' }, setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ service: 'imessage', kind: 'problem', problem: 'other', clientId: randomUUID() }) }) }] });
console.log(c, r.requests.average, r.latency.p99, r.latency.p50, r.errors);
}
