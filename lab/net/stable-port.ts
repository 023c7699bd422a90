// A loopback port a server can stop on and start again on (the lab's gates, the tests' restarted servers). Ports from
// `listen(0)` and the local ports of outgoing connections both come from the kernel's ephemeral range (Linux
// 32768–60999, macOS and Windows 49152–65535), so on a busy machine another process could take such a port in the gap,
// and the restart failed with EADDRINUSE (seen in CI). Ports in 20000–31999 come only from an explicit choice like this.
import { createServer } from 'node:net';

const LOW = 20_000;
const HIGH = 32_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free loopback port below every common ephemeral range. */
export async function portOutsideEphemeralRange(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${LOW}–${HIGH - 1} on 127.0.0.1 after 50 tries`);
}
