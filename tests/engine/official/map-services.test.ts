import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../apple-status-feed/html-entities.ts';
import { eventPhase, mapServices } from '../../../apple-status-feed/map-services.ts';
import { parseFeed } from '../../../apple-status-feed/parse-feed.ts';
import type { FeedEvent } from '../../../apple-status-feed/parse-feed.ts';

const shared = (name: string) => parseFeed(readFileSync(join(import.meta.dirname, '../../fixtures/apple-status', name), 'utf8'));
const bad = (name: string) => parseFeed(readFileSync(join(import.meta.dirname, '../../fixtures/apple-status-bad', name), 'utf8'));

// Times relative to the fixtures' epochs.
const MIXED_NOW = 1749600000000; // after the iMessage outage began, before the maintenance
const OUTAGE_START = 1719511140000; // multi-service-no-eventstatus.json

describe('mapServices', () => {
  it('maps all-normal.json to ok everywhere, by stable id', () => {
    const out = mapServices(shared('all-normal.json'), MIXED_NOW);
    expect(Object.keys(out).sort()).toEqual(['facetime', 'homekit', 'icloud-account', 'imessage', 'messages-for-business']);
    expect(Object.values(out).every((s) => s.state === 'ok' && s.start === null && s.message === null)).toBe(true);
    expect(out['icloud-account']?.name).toBe('iCloud Account & Sign In');
  });

  it('maps mixed-events.json: ongoing outage, resolved issue kept as message, upcoming maintenance is ok', () => {
    const out = mapServices(shared('mixed-events.json'), MIXED_NOW);
    expect(out['imessage']).toEqual({
      name: 'iMessage',
      state: 'outage',
      start: 1749570120000,
      end: null,
      message: 'Users may be unable to send or receive messages.',
      usersAffected: 'Some users are affected',
    });
    expect(out['facetime']).toMatchObject({ state: 'ok', start: null, message: 'Users may have been unable to start or join calls.' });
    expect(out['messages-for-business']).toMatchObject({
      state: 'ok',
      message: 'Due to scheduled maintenance, this service will be temporarily unavailable.',
    });
    expect(out['homekit']?.state).toBe('ok');
  });

  it('gives the JSONP document the same result', () => {
    expect(mapServices(shared('mixed-events-jsonp.js'), MIXED_NOW)).toEqual(mapServices(shared('mixed-events.json'), MIXED_NOW));
  });

  it('decides a missing eventStatus from the epochs at several nows', () => {
    const doc = shared('multi-service-no-eventstatus.json');
    const before = mapServices(doc, OUTAGE_START - 60_000);
    expect(before['imessage']?.state).toBe('ok');
    const during = mapServices(doc, OUTAGE_START + 3_600_000);
    for (const id of ['imessage', 'facetime', 'messages-for-business', 'homekit']) expect(during[id]?.state).toBe('outage');
    expect(during['homekit-secure-video']?.state).toBe('ok');
    expect(during['walkie-talkie']?.state).toBe('ok');
    expect(during['imessage']?.start).toBe(OUTAGE_START);
    // Same document once Apple adds an end date: resolved after it.
    const ended = structuredClone(doc);
    for (const s of ended.services) for (const e of s.events) e.epochEndDate = OUTAGE_START + 7_200_000;
    expect(mapServices(ended, OUTAGE_START + 3_600_000)['facetime']?.state).toBe('outage');
    const after = mapServices(ended, OUTAGE_START + 7_200_000);
    expect(after['facetime']).toMatchObject({
      state: 'ok',
      start: null,
      message: 'Users may be experiencing a problem with the services listed above.',
    });
  });

  it('names the other services Apple lists in the same ongoing event, tracked or not, only while it is open', () => {
    const doc = shared('multi-service-no-eventstatus.json');
    const during = mapServices(doc, OUTAGE_START + 60_000);
    expect(during['imessage']?.otherServices).toEqual(['Apple Messages for Business', 'FaceTime', 'HomeKit']);
    expect(during['homekit']?.otherServices).toEqual(['Apple Messages for Business', 'iMessage', 'FaceTime']);
    expect(during['imessage']?.usersAffected).toBe('Some users are affected');
    expect(during['walkie-talkie']?.otherServices).toBeUndefined();
    // A service Apple names in the event but this app does not track still counts as "also in this incident".
    const untracked = structuredClone(doc);
    for (const s of untracked.services)
      for (const e of s.events) e.affectedServices = [...(e.affectedServices ?? []), 'Maps Routing &amp; Navigation'];
    expect(mapServices(untracked, OUTAGE_START + 60_000)['imessage']?.otherServices).toContain('Maps Routing & Navigation');
    const ended = structuredClone(doc);
    for (const s of ended.services) for (const e of s.events) e.epochEndDate = OUTAGE_START + 7_200_000;
    expect(mapServices(ended, OUTAGE_START + 7_200_000)['imessage']?.otherServices).toBeUndefined();
    // One service alone in its event: nobody else.
    expect(mapServices(shared('mixed-events.json'), MIXED_NOW)['imessage']?.otherServices).toBeUndefined();
  });

  it('decodes &amp; in the no-eventstatus fixture to the icloud-account id', () => {
    const out = mapServices(shared('multi-service-no-eventstatus.json'), OUTAGE_START);
    expect(out['icloud-account']?.name).toBe('iCloud Account & Sign In');
  });

  it('decodes entities in names and messages and ignores services it does not track', () => {
    const out = mapServices(bad('entities-and-unknown-services.json'), MIXED_NOW);
    expect(Object.keys(out).sort()).toEqual(['apple-account', 'icloud-account', 'walkie-talkie']);
    expect(out['icloud-account']).toMatchObject({
      state: 'issue',
      message: 'Sign in may be slower than usual \u2014 we\u2019re investigating & will update.'.replace('\u2019', "'"),
    });
    expect(out['apple-account']?.name).toBe('Apple Account');
    expect(out['walkie-talkie']?.name).toBe('Walkie-Talkie');
  });

  it('maps the developer feed: APNS performance → issue, APNS Sandbox ok', () => {
    const out = mapServices(bad('developer-apns.jsonp'), MIXED_NOW);
    expect(out['apns']).toMatchObject({ name: 'APNS', state: 'issue', message: 'Push notifications may be delayed.' });
    expect(out['apns-sandbox']?.state).toBe('ok');
    expect(Object.keys(out).sort()).toEqual(['apns', 'apns-sandbox']);
  });

  it('picks the worst ongoing event and dedupes repeats by messageId', () => {
    const ev = (id: string, statusType: FeedEvent['statusType'], start: number): FeedEvent => ({
      messageId: id,
      statusType,
      eventStatus: null,
      epochStartDate: start,
      epochEndDate: null,
      usersAffected: null,
      message: `${statusType} ${id}`,
      affectedServices: null,
    });
    const doc = {
      drpost: false,
      services: [
        { serviceName: 'iMessage', events: [ev('1', 'Maintenance', 10), ev('2', 'Outage', 5), ev('2', 'Outage', 5), ev('3', 'Issue', 20)] },
      ],
    };
    expect(mapServices(doc, 100)['imessage']).toMatchObject({ state: 'outage', message: 'Outage 2', start: 5 });
    const noOutage = { drpost: false, services: [{ serviceName: 'iMessage', events: [ev('1', 'Maintenance', 10), ev('3', 'Issue', 20)] }] };
    expect(mapServices(noOutage, 100)['imessage']?.state).toBe('issue');
    const onlyMaintenance = { drpost: false, services: [{ serviceName: 'FaceTime', events: [ev('1', 'Maintenance', 10)] }] };
    expect(mapServices(onlyMaintenance, 100)['facetime']?.state).toBe('maintenance');
    expect(mapServices(onlyMaintenance, 5)['facetime']?.state).toBe('ok');
  });

  it('applies an event listed under one service to the services it names as affected', () => {
    const doc = {
      drpost: false,
      services: [
        {
          serviceName: 'HomeKit',
          events: [
            {
              messageId: '9',
              statusType: 'Outage' as const,
              eventStatus: 'ongoing' as const,
              epochStartDate: 1,
              epochEndDate: null,
              usersAffected: null,
              message: 'x',
              affectedServices: ['FaceTime'],
            },
          ],
        },
        { serviceName: 'FaceTime', events: [] },
      ],
    };
    const out = mapServices(doc, 2);
    expect(out['facetime']?.state).toBe('outage');
    expect(out['homekit']?.state).toBe('outage');
  });

  it('is safe with prototype-named services and affectedServices', () => {
    const out = mapServices(bad('prototype-pollution.json'), MIXED_NOW);
    expect(Object.keys(out)).toEqual(['imessage']);
    expect(out['imessage']?.state).toBe('issue');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('eventPhase trusts Apple when it says, the epochs when it does not', () => {
    const base: FeedEvent = {
      messageId: '1',
      statusType: 'Outage',
      eventStatus: null,
      epochStartDate: 100,
      epochEndDate: 200,
      usersAffected: null,
      message: null,
      affectedServices: null,
    };
    expect([50, 100, 199, 200, 500].map((now) => eventPhase(base, now))).toEqual(['upcoming', 'ongoing', 'ongoing', 'ended', 'ended']);
    expect(eventPhase({ ...base, eventStatus: 'completed' }, 150)).toBe('ended');
    expect(eventPhase({ ...base, eventStatus: 'ongoing' }, 500)).toBe('ongoing');
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities and leaves junk alone', () => {
    expect(decodeEntities('a &amp; b &lt;c&gt; &#39;d&#x27; &quot;e&quot;')).toBe('a & b <c> \'d\' "e"');
    expect(decodeEntities('&bogus; &#xD800; &#99999999; &amp')).toBe('&bogus; &#xD800; &#99999999; &amp');
    expect(decodeEntities('&constructor; &__proto__;')).toBe('&constructor; &__proto__;');
  });
});
