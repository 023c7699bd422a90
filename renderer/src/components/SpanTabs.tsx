// The chart's 24 h / 7 d choice as a tablist: arrow keys move between the tabs, only the chosen one is in the Tab order.
import type { KeyboardEvent } from 'react';
import { TREND_HOURS_MAX } from '../../../contracts/aggregator-api.ts';

const SPANS = [
  { hours: 24, label: '24 h' },
  { hours: TREND_HOURS_MAX, label: '7 d' },
];

interface Props {
  /** Prefix of the tab ids; the panel they control is `${id}-span`. */
  id: string;
  label: string;
  hours: number;
  onChange: (hours: number) => void;
}

export function spanTabId(id: string, hours: number): string {
  return `${id}-span-${hours}`;
}

/** Two tabs; choosing one calls onChange with its hours. */
export function SpanTabs({ id, label, hours, onChange }: Props) {
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>): void {
    const step = { ArrowLeft: -1, ArrowRight: 1, Home: -SPANS.length, End: SPANS.length }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    const at = SPANS.findIndex((s) => s.hours === hours);
    const next = Math.min(SPANS.length - 1, Math.max(0, at + step));
    e.currentTarget.querySelectorAll('button')[next]?.focus();
    onChange(SPANS[next]?.hours ?? hours);
  }
  return (
    <div className="span-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {SPANS.map((s) => (
        <button
          key={s.hours}
          type="button"
          role="tab"
          id={spanTabId(id, s.hours)}
          aria-selected={s.hours === hours}
          aria-controls={`${id}-span`}
          tabIndex={s.hours === hours ? 0 : -1}
          onClick={() => onChange(s.hours)}
        >
          {s.label}
        </button>
      ))}
    </div>
  );
}
