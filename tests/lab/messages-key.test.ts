// The `messages` world key: accepted as the contract writes it (plus the lab's extensions), refused with a JSON path.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../lab/scenario.ts';
import { problemsOf } from './scenario-fixtures.ts';

const scenario = (messages: unknown) => ({
  name: 'm',
  durationMs: 10_000,
  timeline: [{ at: 0, set: { messages } }],
  expect: [{ never: '*:down' }],
});

const problems = (messages: unknown): string[] => problemsOf(scenario(messages));

describe('messages world key', () => {
  it('accepts the contract form and the extensions', () => {
    expect(parseScenario(scenario({ sent: 4, failed: 6, recipients: 2 })).timeline[0]?.set?.messages).toEqual({
      sent: 4,
      failed: 6,
      recipients: 2,
    });
    expect(problems({ sent: 0, failed: 0 })).toEqual([]);
    expect(problems({ smsSent: 3, smsFailed: 2, received: 1, database: 'missing' })).toEqual([]);
    expect(problems({ failed: 1_000_000, recipients: 5_000 })).toEqual([]); // any rate and any number of people
  });

  it.each([
    [{ failed: -1 }, '$.timeline[0].set.messages.failed'],
    [{ failed: 'many' }, '$.timeline[0].set.messages.failed'],
    [{ recipients: 0 }, '$.timeline[0].set.messages.recipients'],
    [{ recipients: 1.5 }, '$.timeline[0].set.messages.recipients'],
    [{ database: 'gone' }, '$.timeline[0].set.messages.database'],
    [{ text: 'hello' }, '$.timeline[0].set.messages.text'],
    ['lots', '$.timeline[0].set.messages'],
  ])('refuses %j at its path', (messages, path) => {
    expect(problems(messages).join('\n')).toContain(path);
  });
});
