// The lab's event log: JSON Lines with `t` in ms since the start, as CONTRACT.md shows, kept in memory too.
import type { AlertKind, LocalVerdictKind, ServiceId, ServiceState } from '../contracts/status.ts';
import type { WorldSet } from './world/world-set.ts';
import type { ReportTally } from './world/reporters.ts';

export type LabEvent =
  | { t: number; event: 'start'; scenario: string }
  | { t: number; event: 'local'; from: LocalVerdictKind; to: LocalVerdictKind }
  | { t: number; event: 'state'; service: ServiceId; from: ServiceState; to: ServiceState; reason: string }
  | { t: number; event: 'notification'; service: ServiceId; kind: AlertKind; title: string; body: string }
  // Extension lines (the contract allows more): what the timeline did, so a log explains itself.
  | { t: number; event: 'step'; set?: WorldSet; sleep?: { forMs: number } }
  | { t: number; event: 'wake' }
  // What a `shows` expectation found in the popover's main view: `at` the snapshot's moment, or the last view it saw.
  | {
      t: number;
      event: 'shows';
      words: string;
      after: number;
      before: number;
      found: boolean;
      renders: number;
      at?: number;
      lastView?: string;
    }
  | {
      t: number;
      event: 'end';
      notifications: number;
      expectations: { passed: number; failed: number };
      /** Reports the synthetic people and the attacker posted, keyed `source:service`, and what became of them. */
      reports: Record<string, ReportTally>;
    };

/** Distributes Omit over the union, so each event keeps its own fields. */
export type EventBody = LabEvent extends infer E ? (E extends LabEvent ? Omit<E, 't'> : never) : never;

/** Records events with their time since start and writes each as one JSON line. */
export class EventLog {
  readonly events: LabEvent[] = [];
  private startedAt = 0;

  constructor(
    private readonly write: (line: string) => void = () => {},
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Sets t = 0 at this moment and records the run's start there (t 0 by definition, however busy the machine). */
  begin(scenario: string): LabEvent {
    this.startedAt = this.now();
    return this.push({ t: 0, event: 'start', scenario });
  }

  /** Milliseconds since begin(). */
  elapsed(): number {
    return Math.round(this.now() - this.startedAt);
  }

  record(body: EventBody): LabEvent {
    return this.push({ t: this.elapsed(), ...body } as LabEvent);
  }

  private push(event: LabEvent): LabEvent {
    this.events.push(event);
    this.write(JSON.stringify(event) + '\n');
    return event;
  }
}

/** Parses JSON Lines written by EventLog (for tests and tools reading a saved log). */
export function parseEventLines(text: string): LabEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabEvent);
}
