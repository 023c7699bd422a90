// The shell's own status (notification delivery, updates, login item) in one place, pushed to the popover on change.
import type { ShellStatus } from '../../contracts/shell-status.ts';

export class ShellStatusBoard {
  private status: ShellStatus;
  private readonly listeners = new Set<(status: ShellStatus) => void>();

  constructor(initial: ShellStatus) {
    this.status = initial;
  }

  get(): ShellStatus {
    return this.status;
  }

  set<K extends keyof ShellStatus>(key: K, value: ShellStatus[K]): void {
    if (JSON.stringify(this.status[key]) === JSON.stringify(value)) return;
    this.status = { ...this.status, [key]: value };
    for (const listener of this.listeners) listener(this.status);
  }

  onChange(listener: (status: ShellStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
