// Fixtures for the scenario validator and lab CLI tests: the repository root, a valid scenario document, its problems.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError, parseScenario } from '../../lab/scenario.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');

export const valid = () => ({
  name: 'ok',
  description: 'a valid scenario',
  durationMs: 20_000,
  settings: { probeIntervalMs: 1000 },
  timeline: [
    { at: 0, set: { reports: { imessage: 2 } } },
    { at: 5000, set: { endpoints: { apns: 'refuse', ids: 'slow-1500' }, official: { imessage: 'outage' } } },
    { at: 9000, sleep: { forMs: 2000 } },
  ],
  expect: [
    { notify: 'imessage:down', after: 5000, before: 9000 },
    { never: '*:down' },
    { max: 'facetime:recovered', count: 1 },
    { local: 'offline' },
    { state: '*:outage', after: 1, before: 2 },
  ],
});

/** The problems parseScenario reports for a document, or [] when it is valid. */
export function problemsOf(doc: unknown): string[] {
  try {
    parseScenario(doc);
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
}
