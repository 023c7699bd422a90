// The lab's synthetic reporters against a real loopback server: what they post is tallied by outcome, and a rate over
// the lab's ceiling is posted at the ceiling (and said), never refused as a bad scenario.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Reporters } from '../../lab/world/reporters.ts';
import { waitFor } from '../fixtures/wait-for.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A report endpoint answering 202 to the first `accept` posts and 429 after that. */
async function endpoint(accept: number): Promise<{ port: number; sources: Set<string> }> {
  let seen = 0;
  const sources = new Set<string>();
  const server: Server = createServer((req, res) => {
    sources.add(req.socket.remoteAddress ?? '');
    req.resume();
    req.on('end', () => res.writeHead((seen += 1) <= accept ? 202 : 429).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as AddressInfo).port, sources };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lab reporters', () => {
  it('tally accepted, refused and unanswered reports per source and service', async () => {
    const { port, sources } = await endpoint(3);
    let reachable = true;
    const reporters = new Reporters(port, () => reachable);
    reporters.setSpamRate('facetime', 6_000); // one every 10 ms
    const tally = () => reporters.tallies()['spam:facetime'];
    await waitFor(() => tally()?.accepted === 3 && (tally()?.refused ?? 0) > 0, '3 accepted and one refused'); // how fast depends on load
    reachable = false;
    await waitFor(() => (tally()?.failed ?? 0) > 0, 'an unanswered report');
    await reporters.stop();

    const t = tally();
    expect(t?.accepted).toBe(3);
    expect(t?.refused).toBeGreaterThan(0);
    expect(t?.failed).toBeGreaterThan(0);
    expect(t?.askedPerMinute).toBeUndefined();
    // The attacker is one /24, from many addresses inside it.
    expect([...sources].every((a) => a.startsWith('127.250.250.'))).toBe(true);
    expect(sources.size).toBeGreaterThan(1);
  });

  it('posts a rate over the ceiling at the ceiling, and records what was asked', async () => {
    const { port } = await endpoint(Number.MAX_SAFE_INTEGER);
    const ceiling = 600; // one every 100 ms; asked: one every 10 ms
    const reporters = new Reporters(port, () => true, ceiling);
    const started = performance.now();
    reporters.setSpamRate('imessage', 10 * ceiling);
    await sleep(500);
    await reporters.stop();
    const elapsedMs = performance.now() - started;

    const t = reporters.tallies()['spam:imessage'];
    const posted = (t?.accepted ?? 0) + (t?.refused ?? 0) + (t?.failed ?? 0);
    expect(posted).toBeGreaterThan(0);
    // A fixed-rate schedule never runs ahead of its rate, so this bound holds however slow the machine is.
    expect(posted).toBeLessThanOrEqual(Math.ceil((elapsedMs * ceiling) / 60_000) + 1);
    expect(t?.askedPerMinute).toBe(10 * ceiling);
  });
});
