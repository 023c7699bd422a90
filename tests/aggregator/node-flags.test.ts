// `npm run aggregator` and everything that starts the aggregator the same way give node the same options.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AGGREGATOR_NODE_FLAGS } from '../../aggregator/node-flags.ts';
import { nodeFlagsOf } from '../../bench/wrk-ceiling.ts';

describe('the node options the aggregator runs with', () => {
  it('npm run aggregator starts node itself with them, then the CLI under tsx', () => {
    const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['aggregator'];
    expect(script).toBe(['node', ...AGGREGATOR_NODE_FLAGS, '--import', 'tsx', 'aggregator/cli.ts'].join(' '));
  });

  it('the wrk bench reads them back from a checkout, as that checkout ships', () => {
    expect(nodeFlagsOf('.')).toEqual([...AGGREGATOR_NODE_FLAGS]);
  });
});
