import { describe, expect, it } from 'vitest';
import { IPC_REQUEST_CHANNELS } from '../../contracts/ipc.ts';
import { IPC_ARG_SCHEMAS, IpcPayloadError, isRequestChannel, parseIpcArgs } from '../../main/shell/ipc-schemas.ts';
import { isTrustedSender } from '../../main/shell/ipc-trust.ts';

describe('IPC payload validation', () => {
  it('has a schema for every channel of the contract', () => {
    expect(Object.keys(IPC_ARG_SCHEMAS).sort()).toEqual([...IPC_REQUEST_CHANNELS].sort());
  });

  it('accepts well-formed requests', () => {
    expect(parseIpcArgs('monitor:get-snapshot', [])).toEqual([]);
    expect(parseIpcArgs('monitor:report', [{ service: 'imessage', kind: 'problem', problem: 'not-delivered' }])).toEqual([
      { service: 'imessage', kind: 'problem', problem: 'not-delivered' },
    ]);
    expect(parseIpcArgs('monitor:get-trend', ['facetime', 24])).toEqual(['facetime', 24]);
    expect(
      parseIpcArgs('monitor:set-settings', [{ quietHours: { enabled: true }, notifications: { imessage: { down: false } } }]),
    ).toHaveLength(1);
    expect(parseIpcArgs('monitor:open-external', ['https://www.apple.com/support/systemstatus/'])).toEqual([
      'https://www.apple.com/support/systemstatus/',
    ]);
  });

  const hostile: [string, unknown[]][] = [
    ['monitor:get-snapshot', ['extra']],
    ['monitor:report', []],
    ['monitor:report', [{ service: 'imessage', kind: 'problem', problem: 'not-delivered', __proto__: { admin: true }, extra: 1 }]],
    ['monitor:report', [{ service: 'whatsapp', kind: 'problem' }]],
    ['monitor:report', [{ service: 'imessage', kind: 'working', problem: 'other' }]],
    ['monitor:report', ['{"service":"imessage"}']],
    ['monitor:get-trend', ['imessage', 1e9]],
    ['monitor:get-trend', ['imessage', Number.NaN]],
    ['monitor:get-trend', ['imessage', '24']],
    ['monitor:get-incidents', ['facetime', -1]],
    ['monitor:set-settings', [{ probeIntervalMs: 1 }]],
    ['monitor:set-settings', [{ aggregatorUrl: 'x'.repeat(5000) }]],
    ['monitor:set-settings', [{ quietHours: { start: '25:00' } }]],
    ['monitor:set-settings', [{ constructor: { prototype: { polluted: true } } }]],
    ['monitor:set-settings', [null]],
    ['monitor:set-settings', [[]]],
    ['monitor:test-aggregator', [{ toString: () => 'http://127.0.0.1' }]],
    ['monitor:open-external', ['']],
    ['monitor:open-external', ['https://a.example/', 'second']],
  ];

  it.each(hostile)('rejects %s %j', (channel, args) => {
    if (!isRequestChannel(channel)) throw new Error('test uses a contract channel');
    expect(() => parseIpcArgs(channel, args)).toThrow(IpcPayloadError);
  });

  it('says which field was wrong', () => {
    try {
      parseIpcArgs('monitor:set-settings', [{ probeIntervalMs: 5 }]);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('0.probeIntervalMs');
    }
  });

  it('knows only the contract channels', () => {
    expect(isRequestChannel('monitor:quit')).toBe(true);
    expect(isRequestChannel('monitor:eval')).toBe(false);
    expect(isRequestChannel({})).toBe(false);
  });
});

describe('trusted sender', () => {
  const own = 'file:///Applications/iMessage%20Status.app/Contents/Resources/app.asar/dist/renderer/index.html';
  const facts = { senderId: 7, popoverId: 7, frameUrl: `${own}#settings`, isMainFrame: true, popoverFileUrl: own };

  it('accepts the popover main frame on our page', () => {
    expect(isTrustedSender(facts)).toBe(true);
  });

  it('refuses other windows, iframes, foreign pages and a missing popover', () => {
    expect(isTrustedSender({ ...facts, senderId: 8 })).toBe(false);
    expect(isTrustedSender({ ...facts, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...facts, frameUrl: 'https://evil.example/index.html' })).toBe(false);
    expect(isTrustedSender({ ...facts, frameUrl: 'file:///tmp/evil/index.html' })).toBe(false);
    expect(isTrustedSender({ ...facts, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...facts, popoverId: null })).toBe(false);
  });
});
