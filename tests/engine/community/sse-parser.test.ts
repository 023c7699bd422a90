import { describe, expect, it } from 'vitest';
import { createSseParser } from '../../../main/engine/community/sse-parser.ts';

describe('createSseParser', () => {
  it('parses events, ids, multi-line data and comments across chunk boundaries', () => {
    const p = createSseParser();
    const text = ': heartbeat\n\nid: 7\nevent: status\ndata: {"a":\ndata: 1}\n\nretry: 2500\ndata: plain\n\n';
    const events = [];
    for (let i = 0; i < text.length; i += 3) events.push(...p.push(text.slice(i, i + 3)));
    expect(events).toEqual([
      { event: 'status', data: '{"a":\n1}', id: '7' },
      { event: 'message', data: 'plain', id: '7' },
    ]);
    expect(p.lastEventId()).toBe('7');
    expect(p.retryMs()).toBe(2500);
  });

  it('accepts CRLF and CR line endings, including a CRLF split between chunks', () => {
    const p = createSseParser();
    expect(p.push('event: status\r\ndata: x\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual([{ event: 'status', data: 'x', id: null }]);
    expect(p.push('data: y\r\r')).toEqual([]);
    expect(p.push('data: z\n')).toEqual([{ event: 'message', data: 'y', id: null }]);
  });

  it('ignores unknown fields, ids with NUL and non-numeric retry; an empty event is dropped', () => {
    const p = createSseParser(1_000, 'start');
    expect(p.push('foo: bar\nid: a\0b\nretry: soon\nevent: status\n\n')).toEqual([]);
    expect(p.lastEventId()).toBe('start');
    expect(p.retryMs()).toBeNull();
  });

  it('throws instead of buffering a line that never ends', () => {
    const p = createSseParser(1_000);
    expect(() => p.push(`data: ${'x'.repeat(2_000)}`)).toThrow(/never ends/);
    const q = createSseParser(1_000);
    expect(() => q.push('data: x\n'.repeat(600))).toThrow(/never ends/);
  });
});
