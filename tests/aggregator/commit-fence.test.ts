import { describe, expect, it } from 'vitest';
import { CommitFence } from '../../aggregator/detection/commit-fence.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('CommitFence', () => {
  it('lets a resync read only after the commits in flight, and holds new commits until it is done', async () => {
    const fence = new CommitFence();
    const order: string[] = [];
    const first = deferred();
    const commit1 = fence.commit(async () => {
      await first.promise;
      order.push('commit 1 applied');
    });
    const read = fence.read(async () => {
      order.push('read');
    });
    const commit2 = fence.commit(async () => {
      order.push('commit 2 applied');
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]); // the read waits for commit 1; commit 2 waits for the read
    first.resolve();
    await Promise.all([commit1, read, commit2]);
    expect(order).toEqual(['commit 1 applied', 'read', 'commit 2 applied']);
  });

  it('lets commits overlap each other and returns their results; a failed one frees the fence', async () => {
    const fence = new CommitFence();
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        fence.commit(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
          return n * 10;
        }),
      ),
    );
    expect(results).toEqual([10, 20, 30]);
    expect(most).toBe(3);
    await expect(fence.commit(() => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    await expect(fence.read(async () => 'read after a failure')).resolves.toBe('read after a failure');
  });
});
