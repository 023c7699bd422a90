// Server-Sent Events fan-out: `status` events with ids, a small ring for Last-Event-ID resume, heartbeats, cleanup on close.
import type { IncomingMessage, ServerResponse } from 'node:http';

interface StreamEvent {
  id: string;
  data: string;
}

export interface StreamOptions {
  heartbeatMs: number;
  ringSize: number;
  maxClients: number;
  /** Open streams one network may hold (so one host can't take every slot). */
  maxPerNetwork: number;
  /** A stream is ended after this long (±10 %, so reconnects spread out); the client reconnects with Last-Event-ID. */
  maxLifeMs: number;
}

/** Why a stream was not opened. */
export type AttachRefusal = 'node-full' | 'network-full';

/** Keeps the open streams of one node and writes each status change to all of them. */
export class StatusStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly perNetwork = new Map<string, number>();
  private readonly ring: StreamEvent[] = [];
  private readonly boot = Date.now().toString(36);
  private seq = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly opts: StreamOptions) {
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), opts.heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Networks holding streams now (an entry exists only while it holds one). */
  get networks(): number {
    return this.perNetwork.size;
  }

  /** Publishes a status payload (JSON) as the next event. */
  publish(data: string): void {
    const event = { id: `${this.boot}-${++this.seq}`, data };
    this.ring.push(event);
    if (this.ring.length > this.opts.ringSize) this.ring.shift();
    this.broadcast(format(event));
  }

  /**
   * Opens a stream for `network` (its prefix, memory only: counts never reset with the day's salt); replays what a
   * resuming client missed, else sends the current status at once.
   */
  attach(
    req: IncomingMessage,
    res: ServerResponse,
    current: () => string,
    headers: Record<string, string>,
    network: string,
  ): AttachRefusal | null {
    if (this.clients.size >= this.opts.maxClients) return 'node-full';
    const held = this.perNetwork.get(network) ?? 0;
    if (held >= this.opts.maxPerNetwork) return 'network-full';
    this.perNetwork.set(network, held + 1);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 3000\n\n`);
    const lastId = req.headers['last-event-id'];
    const from = typeof lastId === 'string' ? this.ring.findIndex((e) => e.id === lastId) : -1;
    if (from >= 0) {
      for (const e of this.ring.slice(from + 1)) res.write(format(e));
    } else {
      const latest = this.ring.at(-1);
      res.write(format({ id: latest?.id ?? `${this.boot}-0`, data: current() }));
    }
    this.clients.add(res);
    const life = setTimeout(() => res.end(), this.opts.maxLifeMs * (0.9 + Math.random() * 0.2));
    life.unref();
    const drop = () => {
      clearTimeout(life);
      if (!this.clients.delete(res)) return;
      const left = (this.perNetwork.get(network) ?? 1) - 1;
      if (left > 0) this.perNetwork.set(network, left);
      else this.perNetwork.delete(network);
    };
    req.socket.setTimeout(0);
    res.on('close', drop);
    res.on('error', drop);
    return null;
  }

  /** Ends every stream and the heartbeat. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
    this.perNetwork.clear();
  }

  private broadcast(chunk: string): void {
    for (const res of this.clients) {
      // A client that stopped reading gets dropped rather than buffered without bound.
      if (res.writableLength > 256 * 1024) res.destroy();
      else res.write(chunk);
    }
  }
}

function format(e: StreamEvent): string {
  return `id: ${e.id}\nevent: status\ndata: ${e.data}\n\n`;
}
