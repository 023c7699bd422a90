// Turns each probe round (plus Apple's word and the community's) into the shown verdicts, through the hysteresis.
// The reason always explains the state shown, which may not be this round's reading (see shownReason).
import type { CommunitySnapshot, LocalVerdict, ServiceId, ServiceState, ServiceVerdict } from '../../../contracts/status.ts';
import type { OfficialSnapshot } from '../../../contracts/official-status.ts';
import { SERVICE_IDS } from '../../../contracts/status.ts';
import type { MessagesCounts } from '../../../contracts/messages.ts';
import type { ProbeRound } from '../ports.ts';
import { DEFAULT_HYSTERESIS, type HysteresisOptions, LocalHysteresis, ServiceHysteresis } from './hysteresis.ts';
import { judgeLocal, LOCAL_WORDS } from './local.ts';
import { confirmingReason } from './reason.ts';
import { judgeService, type ServiceReading } from './service.ts';

const CHECKING: Pick<LocalVerdict, 'explanation' | 'advice'> = { explanation: 'Checking your connection…', advice: '' };

/** The verdicts before any round, or right after a wake. */
export function unknownLocal(network: LocalVerdict['network'] = null): LocalVerdict {
  return { verdict: 'unknown', ...CHECKING, notes: [], network, since: null };
}

function unknownService(service: ServiceId): ServiceVerdict {
  return {
    service,
    state: 'unknown',
    since: null,
    reason: 'Checking…',
    evidence: { failedProbes: [], okProbes: [], official: null, community: null, failingRounds: 0, goodRounds: 0 },
  };
}

/** What one round is judged on. */
export interface JudgeInput {
  round: ProbeRound;
  /** Apple's word and the community's; null when switched off. */
  official: OfficialSnapshot | null;
  community: CommunitySnapshot | null;
  /** This Mac's failed iMessages or green texts when they are evidence (MessagesWatch.evidence()), else null. */
  messages?: MessagesCounts | null;
  now: number;
  /** A crowd outage alone is an outage (the `crowdAlerts` setting; default on). */
  crowdAlerts?: boolean;
}

/** Holds the shown verdicts and their state machines. */
export class VerdictJudge {
  private readonly localMachine = new LocalHysteresis();
  private readonly machines: Record<ServiceId, ServiceHysteresis>;
  /** The latest reason each state was read with: what explains a state the hysteresis shows over this round's reading. */
  private readonly reasons: Record<ServiceId, Partial<Record<ServiceState, string>>> = { imessage: {}, facetime: {} };
  /** The shown outage was seen by this computer's own checks: when they pass again it is over for this computer. */
  private readonly probesSawOutage: Record<ServiceId, boolean> = { imessage: false, facetime: false };
  local: LocalVerdict = unknownLocal();
  services: Record<ServiceId, ServiceVerdict>;

  constructor(options: HysteresisOptions = DEFAULT_HYSTERESIS) {
    this.machines = { imessage: new ServiceHysteresis(options), facetime: new ServiceHysteresis(options) };
    this.services = { imessage: unknownService('imessage'), facetime: unknownService('facetime') };
  }

  /** Judges one round into the shown verdicts. */
  judge(input: JudgeInput): void {
    const { round, official, community, now } = input;
    const raw = judgeLocal(round);
    const localChanged = this.localMachine.step(raw.verdict);
    const shownLocal = this.localMachine.state;
    const words =
      shownLocal === raw.verdict ? raw : { ...(shownLocal === 'unknown' ? CHECKING : LOCAL_WORDS[shownLocal]), notes: this.local.notes };
    this.local = {
      verdict: shownLocal,
      explanation: words.explanation,
      advice: words.advice,
      notes: shownLocal === raw.verdict ? raw.notes : words.notes,
      network: round.network,
      since: localChanged ? now : this.local.since,
    };
    for (const service of SERVICE_IDS) {
      // Probe evidence is judged against this round's own local reading: it describes the same moment.
      // The crowd's window trails a fix by minutes: once this computer's own checks saw the outage, the crowd only
      // corroborates, so passing checks end it here (as "back, some problems remain") instead of the crowd holding it.
      const crowdAlerts = (input.crowdAlerts ?? true) && !this.probesSawOutage[service];
      const reading = judgeService({
        service,
        local: raw.verdict,
        round,
        official,
        community,
        messages: input.messages ?? null,
        now,
        crowdAlerts,
      });
      const step = this.machines[service].step(reading.state, reading.officialOutage);
      // Kept until the service is shown operational again, so the crowd alone can't bring back the same outage.
      const saw = this.probesSawOutage[service] || (step.state === 'outage' && reading.probesFailing);
      this.probesSawOutage[service] = saw && step.state !== 'operational';
      const before = this.services[service];
      this.services[service] = {
        service,
        state: step.state,
        since: step.changed ? now : before.since,
        reason: this.shownReason(service, step.state, reading, before.reason),
        evidence: {
          failedProbes: reading.failedProbes,
          okProbes: reading.okProbes,
          official: reading.official,
          community: reading.community,
          failingRounds: step.failingRounds,
          goodRounds: step.goodRounds,
        },
      };
    }
  }

  /** The reason for the shown state, which may differ from this round's reading. */
  private shownReason(service: ServiceId, shown: ServiceState, reading: ServiceReading, previous: string): string {
    const said = this.reasons[service];
    said[reading.state] = reading.reason;
    if (shown === reading.state) return reading.reason;
    // Unknown held while the network works again: the fault that caused it has passed, so don't name it.
    if (shown === 'unknown') return confirmingReason(service);
    // The hysteresis moved to (or holds) a state some recent round read: that round's words explain it.
    return said[shown] ?? previous;
  }

  /** After a wake: the network is unknown until the next round; services stay as shown, streaks start over. */
  wake(): void {
    this.localMachine.forget();
    this.local = { ...unknownLocal(this.local.network), since: null };
    for (const service of SERVICE_IDS) this.machines[service].resetStreaks();
  }
}
