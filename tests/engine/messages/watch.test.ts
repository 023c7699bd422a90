// The engine's view of the Messages source: opt-in, the window, local faults, and one automatic report per outage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../contracts/settings.ts';
import type { ReportRequest, ServiceState } from '../../../contracts/status.ts';
import { MessagesAutoReport } from '../../../main/engine/messages/auto-report.ts';
import { messagesWiring } from '../../../main/engine/messages/platform.ts';
import { reportEvidence } from '../../../main/engine/messages/report-evidence.ts';
import { createMessagesSource } from '../../../main/engine/messages/source.ts';
import { MessagesWatch } from '../../../main/engine/messages/watch.ts';
import { createChatDb, insertSql, personHandles, sqlite, type MessageRow } from '../../../lab/messages/chat-db.ts';
import { VerdictJudge } from '../../../main/engine/verdict/judge.ts';
import { community, round } from '../verdict/rounds.ts';

let dir: string;
let db: string;
const START = Date.UTC(2026, 10, 27, 12, 0, 0);
let now = START;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imsm-watch-'));
  db = join(dir, 'chat.db');
  now = START;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const watchOn = (enabled = () => true) => new MessagesWatch({ source: createMessagesSource({ dbPath: db }), enabled, now: () => now });

describe('MessagesWatch', () => {
  it('is off until opted in, and reads nothing then', async () => {
    createChatDb(db, [
      { at: START - 1000, error: 22, handleId: 1 },
      { at: START - 1000, error: 22, handleId: 2 },
    ]);
    let on = false;
    const watch = watchOn(() => on);
    await watch.refresh(60_000, 'online');
    expect(watch.status()).toMatchObject({ state: 'off', counts: null });
    on = true;
    await watch.refresh(60_000, 'online');
    expect(watch.status()).toMatchObject({
      state: 'ok',
      failing: true,
      message: '2 iMessages to 2 people failed in the last 10 minutes, with nothing delivered since.',
    });
    expect(watch.evidence()).toMatchObject({ failedSinceDelivery: 2, recipientsSinceDelivery: 2 });
  });

  it('the window follows the probe interval (ten rounds, at most 10 minutes)', async () => {
    createChatDb(db, [
      { at: START - 15_000, error: 22, handleId: 1 },
      { at: START - 15_000, error: 22, handleId: 2 },
    ]);
    const watch = watchOn();
    await watch.refresh(1_000, 'online');
    expect(watch.status().counts).toMatchObject({ windowMs: 10_000, failed: 0 });
    await watch.refresh(2_000, 'online');
    expect(watch.status().counts).toMatchObject({ windowMs: 20_000, failed: 2 });
  });

  it('failures from while this Mac was offline never count once it is back', async () => {
    createChatDb(db, [
      { at: START - 5_000, error: 22, handleId: 1 },
      { at: START - 4_000, error: 22, handleId: 2 },
    ]);
    const watch = watchOn();
    await watch.refresh(60_000, 'offline');
    now = START + 30_000;
    await watch.refresh(60_000, 'online');
    expect(watch.evidence()).toBeNull();
    sqlite(
      db,
      insertSql([
        { at: now + 1_000, error: 22, handleId: 3 },
        { at: now + 2_000, error: 22, handleId: 4 },
      ]),
    );
    now += 5_000;
    await watch.refresh(60_000, 'online');
    expect(watch.evidence()).toMatchObject({ failedSinceDelivery: 2 });
  });

  it('a database that disappears is "missing", and comes back when the file does', async () => {
    createChatDb(db);
    const watch = watchOn();
    await watch.refresh(60_000, 'online');
    expect(watch.status().state).toBe('ok');
    rmSync(db);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    await watch.refresh(60_000, 'online');
    expect(watch.status()).toMatchObject({ state: 'missing', counts: null, failing: false });
    expect(watch.evidence()).toBeNull();
    createChatDb(db);
    await watch.refresh(60_000, 'online');
    expect(watch.status().state).toBe('ok');
  });
});

describe('MessagesWatch, going green', () => {
  const people = [1, 2, 3].map(personHandles);
  /** iMessages reached three people a week ago; now `texts` text messages go to them in turn. */
  function greenDb(texts: number): void {
    const earlier: MessageRow[] = people.map((p) => ({ at: START - 7 * 24 * 3_600_000, handleId: p.imessage.rowid }));
    const now: MessageRow[] = Array.from({ length: texts }, (_, i) => ({
      at: START - 30_000 + i,
      handleId: people[i % people.length]!.sms.rowid,
      service: 'SMS',
    }));
    createChatDb(
      db,
      [...earlier, ...now],
      people.flatMap((p) => [p.imessage, p.sms]),
    );
  }

  it('a burst is evidence, told apart from failures in the words, and makes iMessage degraded through the real judge', async () => {
    greenDb(5);
    const watch = watchOn();
    await watch.refresh(60_000, 'online');
    expect(watch.status()).toMatchObject({
      state: 'ok',
      failing: false,
      message: '5 messages to 3 iMessage users went as text messages in the last 10 minutes, with no iMessage delivered since.',
    });
    expect(watch.evidence()).toMatchObject({ greenSent: 5, greenRecipients: 3 });
    const judge = new VerdictJudge();
    for (let i = 0; i < 2; i += 1)
      judge.judge({ round: round(), official: null, community: null, messages: watch.evidence(), now: START + i });
    expect(judge.services.imessage.state).toBe('degraded');
    expect(judge.services.facetime.state).toBe('operational');
    // With the crowd seeing problems too, it is an outage.
    const crowd = community({ imessage: 'degraded' }, START);
    for (let i = 2; i < 4; i += 1)
      judge.judge({ round: round(), official: null, community: crowd, messages: watch.evidence(), now: START + i });
    expect(judge.services.imessage.state).toBe('outage');
  });

  it('two texts are no burst; and texts alone never send an automatic "not delivered" report', async () => {
    greenDb(2);
    const watch = watchOn();
    await watch.refresh(60_000, 'online');
    expect(watch.evidence()).toBeNull();
    expect(watch.status().message).toBe('No iMessages sent from this Mac in the last 10 minutes.');

    rmSync(db);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    greenDb(6);
    await watch.refresh(60_000, 'online');
    expect(watch.evidence()).not.toBeNull();
    const sent: ReportRequest[] = [];
    const auto = new MessagesAutoReport({
      watch,
      settings: () => ({ ...DEFAULT_SETTINGS, messagesAutoReport: true }),
      imessageState: () => 'outage',
      submit: async (request) => (sent.push(request), { result: 'sent', message: 'ok' }),
      log: () => {},
    });
    auto.afterRound();
    expect(sent).toEqual([]);
  });
});

describe('platform', () => {
  it('runs nothing on Windows or Linux unless a path is given; on macOS reads ~/Library/Messages/chat.db', () => {
    expect(messagesWiring(undefined, 'linux').source).toBeNull();
    expect(messagesWiring(undefined, 'win32').source).toBeNull();
    expect(messagesWiring(undefined, 'darwin', '/Users/ann')).toMatchObject({
      explicit: false,
      source: { dbPath: '/Users/ann/Library/Messages/chat.db' },
    });
    expect(messagesWiring('/tmp/x.db', 'linux')).toMatchObject({ explicit: true, source: { dbPath: '/tmp/x.db' } });
  });
});

describe('automatic reports', () => {
  async function setup(settings: Partial<Settings>) {
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'imsm-watch-'));
    db = join(dir, 'chat.db');
    createChatDb(db, [
      { at: START - 1000, error: 22, handleId: 1 },
      { at: START - 1000, error: 22, handleId: 2 },
    ]);
    const watch = watchOn();
    await watch.refresh(60_000, 'online');
    const sent: ReportRequest[] = [];
    let state: ServiceState = 'operational';
    const auto = new MessagesAutoReport({
      watch,
      settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
      imessageState: () => state,
      submit: async (request) => {
        sent.push(request);
        return { result: 'sent', message: 'ok' };
      },
      log: () => {},
    });
    return { sent, auto, setState: (s: ServiceState) => (state = s) };
  }

  it('one problem report per outage when opted in, again only after recovery', async () => {
    const { sent, auto, setState } = await setup({ messagesAutoReport: true });
    auto.afterRound();
    setState('degraded');
    auto.afterRound();
    expect(sent).toHaveLength(0);
    setState('outage');
    auto.afterRound();
    auto.afterRound();
    setState('unknown');
    auto.afterRound();
    setState('outage');
    auto.afterRound();
    expect(sent).toEqual([{ service: 'imessage', kind: 'problem', problem: 'not-delivered' }]);
    setState('operational');
    auto.afterRound();
    setState('outage');
    auto.afterRound();
    expect(sent).toHaveLength(2);
  });

  it('never without the opt-in, or with community reports off', async () => {
    for (const settings of [{}, { messagesAutoReport: true, communityReports: false }]) {
      const { sent, auto, setState } = await setup(settings);
      setState('outage');
      auto.afterRound();
      expect(sent).toHaveLength(0);
    }
  });

  it('a report carries three numbers and nothing else', () => {
    const evidence = reportEvidence({
      windowMs: 1,
      sent: 5,
      failed: 4,
      delivered: 1,
      failedRecipients: 3,
      lastDeliveryAt: 7,
      failedSinceDelivery: 3,
      recipientsSinceDelivery: 2,
    });
    expect(evidence).toEqual({ sent: 5, failed: 3, recipients: 2 });
  });
});
