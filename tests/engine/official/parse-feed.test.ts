import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../apple-status-feed/feed-error.ts';
import type { FeedErrorKind } from '../../../apple-status-feed/feed-error.ts';
import { parseFeed } from '../../../apple-status-feed/parse-feed.ts';

const shared = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/apple-status', name), 'utf8');
const bad = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/apple-status-bad', name), 'utf8');

function kindOf(text: string): FeedErrorKind | 'parsed' {
  try {
    parseFeed(text);
    return 'parsed';
  } catch (err) {
    expect(err).toBeInstanceOf(FeedError);
    expect((err as FeedError).message).toMatch(/\.$/);
    return (err as FeedError).kind;
  }
}

describe('parseFeed on the shared fixtures', () => {
  it('reads all-normal.json: services, no events', () => {
    const doc = parseFeed(shared('all-normal.json'));
    expect(doc.services.map((s) => s.serviceName)).toEqual([
      'Apple Messages for Business',
      'FaceTime',
      'HomeKit',
      'iCloud Account & Sign In',
      'iMessage',
    ]);
    expect(doc.services.every((s) => s.events.length === 0)).toBe(true);
  });

  it('reads the JSONP wrapper exactly like the bare JSON', () => {
    expect(parseFeed(shared('mixed-events-jsonp.js'))).toEqual(parseFeed(shared('mixed-events.json')));
  });

  it('types the fields of mixed-events.json', () => {
    const doc = parseFeed(shared('mixed-events.json'));
    const imessage = doc.services.find((s) => s.serviceName === 'iMessage');
    expect(imessage?.events).toEqual([
      {
        messageId: '1000000842',
        statusType: 'Outage',
        eventStatus: 'ongoing',
        epochStartDate: 1749570120000,
        epochEndDate: null,
        usersAffected: 'Some users are affected',
        message: 'Users may be unable to send or receive messages.',
        affectedServices: null,
      },
    ]);
  });

  it('keeps a missing eventStatus as null and affectedServices as names', () => {
    const doc = parseFeed(shared('multi-service-no-eventstatus.json'));
    const event = doc.services[0]?.events[0];
    expect(event?.eventStatus).toBeNull();
    expect(event?.affectedServices).toEqual(['iMessage', 'FaceTime', 'Apple Messages for Business', 'HomeKit']);
  });

  it('accepts any identifier as the wrapper name, with or without the semicolon', () => {
    const body = shared('all-normal.json');
    for (const text of [`cb_1$(${body})`, `window.statusCallback (${body});`, `  jsonCallback(${body})  ;\n`]) {
      expect(parseFeed(text).services).toHaveLength(5);
    }
  });
});

describe('parseFeed on malformed and hostile documents', () => {
  it.each([
    ['truncated.json', 'truncated'],
    ['truncated.jsonp', 'truncated'],
    ['html-error-page.html', 'malformed'],
    ['wrong-types.json', 'unexpected-shape'],
    ['event-wrong-types.json', 'unexpected-shape'],
    ['nan-epochs.json', 'unexpected-shape'],
    ['huge-epoch.json', 'unexpected-shape'],
    ['unknown-status-type.json', 'unknown-value'],
    ['unknown-event-status.json', 'unknown-value'],
  ] as const)('%s → %s', (file, kind) => {
    expect(kindOf(bad(file))).toBe(kind);
  });

  it('calls every prefix of a real feed truncated or malformed, never anything else', () => {
    const full = shared('mixed-events-jsonp.js');
    for (let cut = 0; cut < full.length - 2; cut += 7) {
      expect(['truncated', 'malformed']).toContain(kindOf(full.slice(0, cut)));
    }
  });

  it('rejects empty, non-object and null documents with typed errors', () => {
    expect(kindOf('')).toBe('truncated');
    expect(kindOf('   ')).toBe('truncated');
    expect(kindOf('null')).toBe('unexpected-shape');
    expect(kindOf('[1,2,3]')).toBe('unexpected-shape');
    expect(kindOf('"services"')).toBe('unexpected-shape');
    expect(kindOf('{}')).toBe('unexpected-shape');
    expect(kindOf('cb()')).toBe('truncated');
    expect(kindOf('alert(1); jsonCallback({})')).toBe('malformed');
  });

  it('refuses a document over the size limit without parsing it', () => {
    const huge = `{"services":[],"pad":"${'x'.repeat(3_000_000)}"}`;
    expect(kindOf(huge)).toBe('malformed');
  });

  it('survives very deep nesting in fields it does not read', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(kindOf(`{"drpost":false,"services":[],"junk":${deep}}`)).toBe('parsed');
    expect(kindOf(deep)).toBe('unexpected-shape');
  });

  it('does not pollute prototypes and ignores prototype-named services', () => {
    const doc = parseFeed(bad('prototype-pollution.json'));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const event = doc.services[0]?.events[0];
    expect(event?.statusType).toBe('Issue');
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(event).not.toHaveProperty('polluted');
  });

  it('accepts numeric message ids and numeric-string epochs, rejects negative ones', () => {
    const doc = parseFeed(
      '{"services":[{"serviceName":"iMessage","events":[{"messageId":42,"statusType":"outage","epochStartDate":"1749570120000"}]}]}',
    );
    expect(doc.services[0]?.events[0]).toMatchObject({
      messageId: '42',
      statusType: 'Outage',
      epochStartDate: 1749570120000,
      eventStatus: null,
    });
    expect(kindOf('{"services":[{"serviceName":"iMessage","events":[{"messageId":"1","statusType":"Outage","epochStartDate":-1}]}]}')).toBe(
      'unexpected-shape',
    );
  });
});
