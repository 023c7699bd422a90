// CPU per thread of a process from /proc/<pid>/task/*/stat (utime + stime, in clock ticks), for CPU per report: the
// steadier measure on a shared machine, where throughput moves with the neighbours' load.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_US = 10_000; // USER_HZ is 100 on Linux

/** Ticks used so far by each thread, by thread id. */
export function cpuByThread(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/**
 * µs of CPU per report between two snapshots: the HTTP thread (the main one), the busiest other thread (the PGlite
 * storage worker under report load) and everything else (V8's GC and compiler threads, libuv's pool).
 */
export function perReport(pid: number, before: Map<number, number>, after: Map<number, number>, reports: number) {
  const used = [...after].map(([tid, t]) => ({ tid, us: (t - (before.get(tid) ?? 0)) * TICK_US }));
  const main = used.find((u) => u.tid === pid)?.us ?? 0;
  const others = used.filter((u) => u.tid !== pid).sort((a, b) => b.us - a.us);
  const worker = others[0]?.us ?? 0;
  const rest = others.slice(1).reduce((n, u) => n + u.us, 0);
  const each = (us: number) => (reports > 0 ? Math.round(us / reports) : 0);
  return { http: each(main), storage: each(worker), otherThreads: each(rest) };
}

export function rssMb(pid: number): number {
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
}
