// Watches the popover's main view for the `shows` expectations: while a window is open and its words not yet seen,
// each snapshot the engine publishes (and the one current when the window opens) is rendered and searched.
import type { Settings } from '../contracts/settings.ts';
import type { Snapshot } from '../contracts/status.ts';
import type { EventLog } from './events.ts';
import { viewContains, type MainViewText } from './main-view.ts';
import type { Expectation } from './scenario-expect.ts';
import { errorText } from '../contracts/results.ts';

type Shows = Extract<Expectation, { form: 'shows' }>;

interface Watch {
  exp: Shows;
  /** ms since start of the snapshot that showed the words, null while not seen. */
  foundAt: number | null;
  renders: number;
  lastText: string;
}

/** How much of the last view a failure quotes. */
const EXCERPT = 400;

export class ViewWatch {
  private readonly watches: Watch[];
  private last: { snapshot: Snapshot; text: string } | null = null;

  constructor(
    expectations: readonly Expectation[],
    private readonly render: MainViewText,
    private readonly settings: () => Settings,
    private readonly log: EventLog,
  ) {
    this.watches = expectations
      .filter((e): e is Shows => e.form === 'shows')
      .map((exp) => ({ exp, foundAt: null, renders: 0, lastText: '' }));
  }

  /** The window opening times, so the runner can look at the snapshot current at each. */
  get opensAt(): number[] {
    return [...new Set(this.watches.map((w) => w.exp.after))];
  }

  /** Looks at the snapshot of moment `t` (ms since start) for every open, unseen window. */
  observe(snapshot: Snapshot, t: number): void {
    const due = this.watches.filter((w) => w.foundAt === null && t >= w.exp.after && t <= w.exp.before);
    if (due.length === 0) return;
    // The same snapshot object (the one current when a window opens) is rendered once.
    const text = this.last?.snapshot === snapshot ? this.last.text : this.safeRender(snapshot);
    this.last = { snapshot, text };
    for (const w of due) {
      w.renders += 1;
      w.lastText = text;
      if (!viewContains(text, w.exp.words)) continue;
      w.foundAt = t;
      this.log.record({
        event: 'shows',
        words: w.exp.words,
        after: w.exp.after,
        before: w.exp.before,
        found: true,
        at: t,
        renders: w.renders,
      });
    }
  }

  // A snapshot listener must never throw into the engine: a view that cannot render is reported as the view.
  private safeRender(snapshot: Snapshot): string {
    try {
      return this.render(snapshot, this.settings());
    } catch (error) {
      return `(the main view failed to render: ${errorText(error)})`;
    }
  }

  /** At the end of the run: one line for each window whose words never showed, quoting the last view. */
  finish(): void {
    for (const w of this.watches) {
      if (w.foundAt !== null) continue;
      const { words, after, before } = w.exp;
      const lastView = w.lastText.length > EXCERPT ? `${w.lastText.slice(0, EXCERPT)}…` : w.lastText;
      this.log.record({ event: 'shows', words, after, before, found: false, renders: w.renders, lastView });
    }
  }
}
