import { describe, expect, it } from 'vitest';
import type { LocalVerdictKind, ServiceState } from '../../../contracts/status.ts';
import { overallStatus } from '../../../main/engine/verdict/overall.ts';

describe('overall level and headline', () => {
  it.each([
    ['online', 'operational', 'operational', true, 'operational', 'All good'],
    ['online', 'outage', 'operational', true, 'outage', 'iMessage is down — not just you'],
    ['online', 'operational', 'outage', true, 'outage', 'FaceTime is down — not just you'],
    ['online', 'outage', 'outage', true, 'outage', 'iMessage and FaceTime are down'],
    ['offline', 'outage', 'unknown', true, 'outage', 'iMessage is down'],
    ['offline', 'unknown', 'unknown', true, 'offline', "You're offline — Apple's status can't be checked from here"],
    ['captive', 'unknown', 'unknown', true, 'offline', 'Wi-Fi login page in the way'],
    ['dns', 'unknown', 'unknown', true, 'offline', "Your DNS isn't answering — Apple's status can't be checked from here"],
    ['limited', 'unknown', 'unknown', true, 'offline', "Connected, but the internet isn't reachable"],
    ['online', 'degraded', 'operational', true, 'degraded', 'iMessage has problems'],
    ['online', 'degraded', 'degraded', true, 'degraded', 'iMessage and FaceTime have problems'],
    ['unknown', 'unknown', 'unknown', false, 'unknown', 'Checking…'],
    ['unknown', 'operational', 'operational', true, 'unknown', 'Checking…'],
    ['online', 'unknown', 'operational', true, 'unknown', 'Checking…'],
  ] as [LocalVerdictKind, ServiceState, ServiceState, boolean, string, string][])(
    '%s, %s, %s → %s "%s"',
    (local, imessage, facetime, checked, level, headline) => {
      expect(overallStatus(local, { imessage, facetime }, checked)).toEqual({ level, headline });
    },
  );
});
