// Listeners of one kind (snapshots, alerts): each is called in turn, and one that throws never stops the others.
import { errorText } from '../../contracts/results.ts';
import type { EngineLog } from './log.ts';

export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** `what` names them in the log line of a listener that threw. */
  constructor(
    private readonly what: string,
    private readonly log: EngineLog,
  ) {}

  /** Adds a listener; returns its removal. */
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (e) {
        this.log.warn(`${this.what} failed: ${errorText(e)}`);
      }
    }
  }
}
