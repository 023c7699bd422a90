// The verdict about the user's own network, from one probe round. Pure.
import type { LocalNote, LocalVerdictKind, ProbeId, ProbeResult } from '../../../contracts/status.ts';
import type { ProbeRound } from '../ports.ts';

export interface LocalReading {
  verdict: Exclude<LocalVerdictKind, 'unknown'>;
  explanation: string;
  advice: string;
  notes: LocalNote[];
}

/** Probes that reach an Apple host by name. */
const APPLE_PROBES: ProbeId[] = ['apns5223', 'apns443', 'ids', 'facetime', 'captive'];
const NAME_BASED: ProbeId[] = [...APPLE_PROBES, 'internet'];

export const LOCAL_WORDS: Record<LocalReading['verdict'], { explanation: string; advice: string }> = {
  online: { explanation: "Apple's servers and the rest of the internet answer from here.", advice: '' },
  offline: { explanation: "Your computer isn't connected to a network.", advice: 'Check Wi-Fi or the network cable.' },
  captive: {
    explanation: 'This Wi-Fi shows a login page before it lets traffic through.',
    advice: 'Open a browser and sign in to the Wi-Fi.',
  },
  dns: {
    explanation: "The DNS servers aren't answering, so no names resolve.",
    advice: 'Try another network or another DNS server.',
  },
  limited: {
    explanation: "You're connected to a network, but the internet isn't reachable.",
    advice: 'Restart the router or try another network.',
  },
};

/** Finds one probe's result in a round. */
export function findProbeResult(round: ProbeRound, id: ProbeId): ProbeResult | undefined {
  return round.results.find((r) => r.id === id);
}

/** Findings that never change the verdict but are worth saying. */
function localNotes(round: ProbeRound): LocalNote[] {
  const notes: LocalNote[] = [];
  const p5223 = findProbeResult(round, 'apns5223');
  const p443 = findProbeResult(round, 'apns443');
  if (p5223 && !p5223.ok && p5223.outcome !== 'tls-intercepted' && p443?.ok) {
    notes.push({
      kind: 'port-5223-blocked',
      text: 'Port 5223 is blocked on this network; push works over 443, which may be slower. Not an outage.',
    });
  }
  if (round.results.some((r) => r.outcome === 'tls-intercepted')) {
    notes.push({
      kind: 'tls-interception',
      text: 'This network inspects encrypted traffic; Apple services fail behind it.',
    });
  }
  if (round.results.some((r) => r.outcome === 'slow')) {
    notes.push({ kind: 'slow', text: 'Some endpoints answer slowly; slow is not down.' });
  }
  if (round.network.vpn) {
    notes.push({ kind: 'vpn', text: 'A VPN is on; results describe the path through it.' });
  }
  return notes;
}

/** Decides the local verdict: offline, captive portal, DNS fault, limited, or online. */
export function judgeLocal(round: ProbeRound): LocalReading {
  const verdict = localKind(round);
  return { verdict, ...LOCAL_WORDS[verdict], notes: verdict === 'offline' ? [] : localNotes(round) };
}

function localKind(round: ProbeRound): LocalReading['verdict'] {
  const { network } = round;
  if (!network.linkUp || !network.hasGateway) return 'offline';
  if (findProbeResult(round, 'captive')?.outcome === 'portal') return 'captive';
  const internet = findProbeResult(round, 'internet');
  const dnsProbe = findProbeResult(round, 'dns');
  const appleReachable = round.results.some((r) => APPLE_PROBES.includes(r.id) && reached(r));
  const nameFailures = round.results.filter((r) => NAME_BASED.includes(r.id) && r.outcome === 'dns-error');
  // The reference may be an IP address that answers without DNS, so it does not clear a DNS fault.
  if (dnsProbe && !dnsProbe.ok && nameFailures.length > 0 && !appleReachable) return 'dns';
  if (!internet?.ok && !appleReachable) return 'limited';
  return 'online';
}

/** The endpoint answered at all (even with an HTTP error or an interceptor's certificate). */
function reached(r: ProbeResult): boolean {
  return r.ok || ['http-error', 'tls-error', 'tls-intercepted', 'portal'].includes(r.outcome);
}
