// Settings and the history charts come in a chunk of their own, so the first screen parses and runs less script.
// Vite splits at the dynamic import; app:// and browser mode serve every file of dist/renderer alike.
import { lazy, Suspense, type ComponentProps } from 'react';
import { errorText } from '../../../contracts/results.ts';
import type * as DeferredPanels from './deferred-panels.ts';

type Panels = typeof DeferredPanels;

// Asked for as soon as this module runs, so the chunk travels while the first snapshot does; a failure is kept as words.
const panels: Promise<Panels | string> = import('./deferred-panels.ts').catch((e: unknown) => errorText(e));

/** Stands in for a panel whose chunk could not be loaded, instead of taking the whole popover down. */
function unavailable<P>(reason: string): (props: P) => React.JSX.Element {
  return () => (
    <p className="banner bad" role="alert">
      This part of the popover could not be loaded: {reason}
    </p>
  );
}

type SettingsProps = ComponentProps<Panels['SettingsPanel']>;
type HistoryProps = ComponentProps<Panels['HistoryPanel']>;

const SettingsPanel = lazy(async () => {
  const loaded = await panels;
  return { default: typeof loaded === 'string' ? unavailable<SettingsProps>(loaded) : loaded.SettingsPanel };
});
const HistoryPanel = lazy(async () => {
  const loaded = await panels;
  return { default: typeof loaded === 'string' ? unavailable<HistoryProps>(loaded) : loaded.HistoryPanel };
});

/** The settings panel, with a placeholder for the moment its chunk is still on the way. */
export function LazySettingsPanel(props: SettingsProps) {
  return (
    <Suspense fallback={<div className="panel skeleton-block" aria-hidden="true" />}>
      <SettingsPanel {...props} />
    </Suspense>
  );
}

/** The history panels (one per service), keeping their room while the chunk loads. */
export function LazyHistoryPanels({ panels: each }: { panels: HistoryProps[] }) {
  const placeholders = each.map((p) => <div key={p.service} className="panel skeleton-block history-placeholder" aria-hidden="true" />);
  return (
    <Suspense fallback={placeholders}>
      {each.map((p) => (
        <HistoryPanel key={p.service} {...p} />
      ))}
    </Suspense>
  );
}
