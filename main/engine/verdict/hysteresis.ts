// Hysteresis: a service's shown state moves only after consecutive rounds agree, so flapping yields one alert.
import type { LocalVerdictKind, ServiceState } from '../../../contracts/status.ts';

export interface HysteresisOptions {
  /** Consecutive rounds pointing at a worse state before moving down. */
  downRounds: number;
  /** Consecutive better rounds before recovering. */
  upRounds: number;
}

export const DEFAULT_HYSTERESIS: HysteresisOptions = { downRounds: 2, upRounds: 3 };

const SEVERITY: Record<Exclude<ServiceState, 'unknown'>, number> = { operational: 0, degraded: 1, outage: 2 };
type Known = Exclude<ServiceState, 'unknown'>;

export interface ServiceStep {
  state: ServiceState;
  /** Whether the shown state changed on this round. */
  changed: boolean;
  failingRounds: number;
  goodRounds: number;
}

/** The state machine for one service. `unknown` readings pass at once (they never alert); known states need agreement. */
export class ServiceHysteresis {
  private shown: ServiceState = 'unknown';
  /** The last known state, the baseline a reading is compared with while `unknown` is shown. */
  private lastKnown: Known | null = null;
  private streak: Known[] = [];
  private failing = 0;
  private good = 0;

  constructor(private readonly options: HysteresisOptions = DEFAULT_HYSTERESIS) {}

  get state(): ServiceState {
    return this.shown;
  }

  /** Feeds one round's raw reading; `immediate` (Apple confirms an outage) skips the wait. */
  step(raw: ServiceState, immediate = false): ServiceStep {
    const before = this.shown;
    this.count(raw);
    if (raw === 'unknown') {
      this.streak = [];
      this.shown = 'unknown';
    } else if (immediate) {
      this.adopt(raw);
    } else {
      this.weigh(raw);
    }
    return { state: this.shown, changed: this.shown !== before, failingRounds: this.failing, goodRounds: this.good };
  }

  /** After a wake the rounds before sleep are not consecutive with the ones after. */
  resetStreaks(): void {
    this.streak = [];
    this.failing = 0;
    this.good = 0;
  }

  private count(raw: ServiceState): void {
    if (raw === 'outage' || raw === 'degraded') {
      this.failing += 1;
      this.good = 0;
    } else if (raw === 'operational') {
      this.good += 1;
      this.failing = 0;
    }
  }

  private adopt(state: Known): void {
    this.shown = state;
    this.lastKnown = state;
    this.streak = [];
  }

  private weigh(raw: Known): void {
    // Nothing known yet: start from "fine" so a bad first reading still needs confirming.
    const baseline: Known = this.shown !== 'unknown' ? this.shown : (this.lastKnown ?? 'operational');
    if (raw === baseline) {
      this.adopt(raw);
      return;
    }
    const worse = SEVERITY[raw] > SEVERITY[baseline];
    const last = this.streak[this.streak.length - 1];
    // A streak continues only while it points the same way.
    if (last !== undefined && SEVERITY[last] > SEVERITY[baseline] !== worse) this.streak = [];
    this.streak.push(raw);
    const needed = worse ? this.options.downRounds : this.options.upRounds;
    if (this.streak.length < needed) return;
    // Move only as far as every round in the streak agrees.
    const pick = worse ? Math.min(...this.streak.map((s) => SEVERITY[s])) : Math.max(...this.streak.map((s) => SEVERITY[s]));
    this.adopt((Object.keys(SEVERITY) as Known[]).find((k) => SEVERITY[k] === pick) ?? raw);
  }
}

/** The local verdict's machine: offline is certain after one round, the rest need two; from unknown, at once. */
export class LocalHysteresis {
  private shown: LocalVerdictKind = 'unknown';
  private candidate: LocalVerdictKind | null = null;
  private count = 0;

  constructor(private readonly roundsFor: (v: LocalVerdictKind) => number = (v) => (v === 'offline' ? 1 : 2)) {}

  get state(): LocalVerdictKind {
    return this.shown;
  }

  /** Feeds one round's raw local verdict; returns true when the shown verdict changed. */
  step(raw: LocalVerdictKind): boolean {
    if (raw === this.shown) {
      this.candidate = null;
      this.count = 0;
      return false;
    }
    this.count = this.candidate === raw ? this.count + 1 : 1;
    this.candidate = raw;
    if (this.shown !== 'unknown' && this.count < this.roundsFor(raw)) return false;
    this.shown = raw;
    this.candidate = null;
    this.count = 0;
    return true;
  }

  /** After a wake nothing is known until the next round. */
  forget(): void {
    this.shown = 'unknown';
    this.candidate = null;
    this.count = 0;
  }
}
