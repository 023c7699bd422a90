// What the first screen can do without, in one chunk of its own (LazyPanels.tsx): one file compresses better than two.
export { HistoryPanel } from './HistoryPanel.tsx';
export { SettingsPanel } from './SettingsPanel.tsx';
