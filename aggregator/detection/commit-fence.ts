// Keeps a resync's reads apart from this node's own batch commits. A batch adds its provider delta to memory after it
// commits; a resync raises memory to the stored sums. If a resync read a commit whose delta had not been added yet,
// the delta would then be added on top of a sum that already holds it (one network counted twice: the PostgreSQL pool
// runs the read and the batch on different connections). So a resync waits for commits in flight, and new commits wait
// for the resync; commits still overlap each other.
export class CommitFence {
  private writers = 0;
  private reading: Promise<void> | null = null;
  private drained: (() => void)[] = [];

  /** Runs a commit and the memory update that follows it; waits while a resync reads. */
  async commit<T>(fn: () => Promise<T>): Promise<T> {
    while (this.reading) await this.reading;
    this.writers += 1;
    try {
      return await fn();
    } finally {
      this.writers -= 1;
      if (this.writers === 0) for (const wake of this.drained.splice(0)) wake();
    }
  }

  /** Runs a resync once no commit is in flight; commits that arrive meanwhile wait for it. */
  async read<T>(fn: () => Promise<T>): Promise<T> {
    while (this.reading) await this.reading;
    let open!: () => void;
    this.reading = new Promise<void>((resolve) => (open = resolve));
    try {
      if (this.writers > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
      return await fn();
    } finally {
      this.reading = null;
      open();
    }
  }
}
