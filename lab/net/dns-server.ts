// A real UDP DNS server on 127.0.0.1 answering A records from a name map; the mode switches at run time.
import { createSocket, type Socket } from 'node:dgram';
import dnsPacket from 'dns-packet';

/** `ok`: answer from the map (NXDOMAIN for unknown names); `servfail`: SERVFAIL for everything; `drop`: never answer. */
export type DnsMode = 'ok' | 'servfail' | 'drop';

export interface TestDnsServer {
  /** "127.0.0.1:port", ready for `ProbeTargets.dnsServers`. */
  readonly address: string;
  readonly port: number;
  /** Queries received so far. */
  readonly queries: number;
  mode(): DnsMode;
  setMode(mode: DnsMode): void;
  /** Adds or replaces a record; `name` may be a wildcard like `*.push.apple.com`. */
  setRecord(name: string, ip: string): void;
  removeRecord(name: string): void;
  close(): Promise<void>;
}

export interface DnsServerOptions {
  records?: Record<string, string>;
  mode?: DnsMode;
}

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

function lookupRecord(records: Map<string, string>, name: string): string | undefined {
  const exact = records.get(name);
  if (exact) return exact;
  // Wildcards match one or more leading labels, the way our tests use them.
  for (let i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
    const wild = records.get(`*${name.slice(i)}`);
    if (wild) return wild;
  }
  return undefined;
}

function answer(query: dnsPacket.Packet, mode: DnsMode, records: Map<string, string>): Buffer {
  const question = query.questions?.[0];
  const base = { type: 'response' as const, id: query.id ?? 0, questions: query.questions ?? [] };
  if (mode === 'servfail' || !question) {
    return dnsPacket.encode({ ...base, flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | 2 });
  }
  const name = normalise(question.name);
  const ip = lookupRecord(records, name);
  const flags = dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE;
  if (!ip) return dnsPacket.encode({ ...base, flags: flags | 3 }); // NXDOMAIN
  const isV6 = ip.includes(':');
  const wanted = (question.type === 'A' && !isV6) || (question.type === 'AAAA' && isV6);
  // A known name asked for another type: NOERROR with no answers (NODATA).
  const answers = wanted ? [{ type: question.type, name: question.name, ttl: 5, class: 'IN' as const, data: ip }] : [];
  return dnsPacket.encode({ ...base, flags, answers: answers as dnsPacket.Answer[] });
}

/** Starts the DNS server on 127.0.0.1 with a free port. */
export async function startDnsServer(options: DnsServerOptions = {}): Promise<TestDnsServer> {
  const records = new Map(Object.entries(options.records ?? {}).map(([k, v]) => [normalise(k), v]));
  let mode: DnsMode = options.mode ?? 'ok';
  let queries = 0;
  const socket: Socket = createSocket('udp4');
  socket.on('message', (message, remote) => {
    queries += 1;
    if (mode === 'drop') return;
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: ignore, as a real server would
    }
    socket.send(answer(query, mode, records), remote.port, remote.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const port = socket.address().port;
  let closed = false;
  return {
    address: `127.0.0.1:${port}`,
    port,
    get queries() {
      return queries;
    },
    mode: () => mode,
    setMode: (next) => {
      mode = next;
    },
    setRecord: (name, ip) => {
      records.set(normalise(name), ip);
    },
    removeRecord: (name) => {
      records.delete(normalise(name));
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        socket.close(() => resolve());
      }),
  };
}
