// Fixtures for the aggregator API tests: a valid report body, and raw HTTP requests for what fetch will not send.
import { request } from 'node:http';
import { client } from './backends.ts';

export const report = (over: Record<string, unknown> = {}) => ({
  service: 'imessage',
  kind: 'problem',
  problem: 'not-delivered',
  clientId: client(),
  ...over,
});

/** Sends raw bytes with chosen headers (for the body-limit paths fetch will not produce). */
export function rawRequest(
  url: string,
  opts: { method: string; path: string; headers: Record<string, string | number>; body?: string },
): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
