// Browser mode has no desktop shell: the bridge's shell-status route says "not available" (the HTTP bridge's side is in
// tests/renderer/shell-notices.test.tsx).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHELL_STATUS_NOT_AVAILABLE } from '../../contracts/shell-status.ts';
import type { MonitorEngine } from '../../main/engine/ports.ts';
import { handleApi } from '../../main/web/api-routes.ts';

const SECRET = 'abcdefghijklmnop0123';
let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = url.pathname.replace(`/s/${SECRET}/api/`, '');
    void handleApi(
      { engine: {} as MonitorEngine, openExternal: async () => {}, onQuit: () => {}, streams: new Set() },
      route,
      req,
      url,
      res,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('shell status in browser mode', () => {
  it('the route answers "not available"', async () => {
    const response = await fetch(`${origin}/s/${SECRET}/api/shell-status`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(SHELL_STATUS_NOT_AVAILABLE);
    expect(SHELL_STATUS_NOT_AVAILABLE.canHide).toBe(false);
    expect((await fetch(`${origin}/s/${SECRET}/api/shell-status`, { method: 'POST' })).status).toBe(405);
  });
});
