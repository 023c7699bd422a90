// The browser client's incident calls: a null `before` stays out of the query (browser mode reads a missing one as
// null), a given one is sent encoded; the summary has its own route.
import { describe, expect, it } from 'vitest';
import { createHttpBridge } from '../../renderer/src/bridge/http-bridge.ts';

describe('browser-mode bridge: incident pages and summary', () => {
  it('sends before only when there is one, and asks for the summary by service', async () => {
    const asked: string[] = [];
    const fetchImpl = async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify({ ok: true, data: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const bridge = createHttpBridge('http://127.0.0.1:9/', fetchImpl);
    await bridge.getIncidents('imessage', 5, null);
    await bridge.getIncidents('facetime', 20, '2026-11-19T14:09:00.000+01:00');
    await bridge.getIncidentSummary('facetime');
    expect(asked).toEqual([
      'http://127.0.0.1:9/api/incidents?service=imessage&limit=5',
      'http://127.0.0.1:9/api/incidents?service=facetime&limit=20&before=2026-11-19T14%3A09%3A00.000%2B01%3A00',
      'http://127.0.0.1:9/api/incident-summary?service=facetime',
    ]);
  });
});
