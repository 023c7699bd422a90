// The Messages source against real SQLite files built with the real `message` schema: counts, dates, failures
// (its privacy: privacy.test.ts).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMessagesSource } from '../../../main/engine/messages/source.ts';
import { createChatDb, insertSql, MESSAGE_SCHEMA_SQL, personHandles, sqlite } from '../../../lab/messages/chat-db.ts';
import { counts, freshDirEachTest, MIN, NOW, read, WINDOW } from './source-fixtures.ts';

const dir = freshDirEachTest();

describe('Messages source counts', () => {
  it('counts outgoing iMessages in the window: sent, failed, delivered, recipients, last delivery', async () => {
    const db = join(dir(), 'chat.db');
    createChatDb(db, [
      { at: NOW - 20 * MIN, error: 22, handleId: 9 }, // before the window
      { at: NOW - 9 * MIN, handleId: 1 }, // delivered
      { at: NOW - 8 * MIN, handleId: 2 }, // delivered: the last one
      { at: NOW - 6 * MIN, error: 22, handleId: 3 },
      { at: NOW - 5 * MIN, error: 22, handleId: 4 },
      { at: NOW - 4 * MIN, error: 4, handleId: 4 },
      { at: NOW - 3 * MIN, service: 'SMS', error: 22, handleId: 5 }, // SMS never counts
      { at: NOW - 3 * MIN, service: 'RCS', error: 22, handleId: 6 },
      { at: NOW - 2 * MIN, fromMe: false, error: 22, handleId: 7 }, // incoming never counts
    ]);
    expect(counts(await read(db))).toEqual({
      windowMs: WINDOW,
      sent: 5,
      failed: 3,
      delivered: 2,
      failedRecipients: 2,
      lastDeliveryAt: NOW - 8 * MIN,
      failedSinceDelivery: 3,
      recipientsSinceDelivery: 2,
      smsSent: 0,
      greenSent: 0,
      greenRecipients: 0,
    });
  });

  it('counts text messages to people whose phones got this Mac’s iMessages in the last 30 days (gone green)', async () => {
    const db = join(dir(), 'chat.db');
    const [p1, p2, p3, p4, p5, p6, p7] = [1, 2, 3, 4, 5, 6, 7].map(personHandles);
    const DAY = 24 * 60 * MIN;
    createChatDb(
      db,
      [
        { at: NOW - 20 * DAY, handleId: p1!.imessage.rowid },
        { at: NOW - 29 * DAY, handleId: p2!.imessage.rowid, dateUnit: 's' }, // an old database's seconds
        { at: NOW - 31 * DAY, handleId: p3!.imessage.rowid }, // too long ago
        { at: NOW - 2 * DAY, handleId: p4!.imessage.rowid, error: 22 }, // never reached them
        { at: NOW - 10 * DAY, handleId: p6!.imessage.rowid },
        { at: NOW - 1 * DAY, handleId: p7!.imessage.rowid, fromMe: false }, // they wrote to this Mac
        { at: NOW - 20 * MIN, handleId: p1!.sms.rowid, service: 'SMS' }, // before the window
        { at: NOW - 5 * MIN, handleId: p1!.sms.rowid, service: 'SMS' }, // green
        { at: NOW - 4 * MIN, handleId: p1!.sms.rowid, service: 'SMS' }, // green
        { at: NOW - 4 * MIN, handleId: p2!.sms.rowid, service: 'SMS' }, // green
        { at: NOW - 3 * MIN, handleId: p3!.sms.rowid, service: 'SMS' },
        { at: NOW - 3 * MIN, handleId: p4!.sms.rowid, service: 'SMS' },
        { at: NOW - 3 * MIN, handleId: p5!.sms.rowid, service: 'SMS' }, // never had an iMessage
        { at: NOW - 3 * MIN, handleId: p6!.sms.rowid, service: 'SMS', error: 22 }, // the carrier failed it: not green
        { at: NOW - 3 * MIN, handleId: p7!.sms.rowid, service: 'SMS' },
        { at: NOW - 2 * MIN, handleId: 90, service: 'RCS' }, // person 1's RCS handle: the same person
        { at: NOW - 2 * MIN, handleId: p2!.sms.rowid, service: 'SMS', fromMe: false }, // incoming
      ],
      [...[p1, p2, p3, p4, p5, p6, p7].flatMap((p) => [p!.imessage, p!.sms]), { ...p1!.sms, rowid: 90, service: 'RCS' }],
    );
    expect(counts(await read(db))).toMatchObject({ smsSent: 8, greenSent: 4, greenRecipients: 2, sent: 0 });
  });

  it('a delivered iMessage after the texts ends the burst: only texts since then are green', async () => {
    const db = join(dir(), 'chat.db');
    const [p1, p2] = [1, 2].map(personHandles);
    createChatDb(
      db,
      [
        { at: NOW - 60 * MIN, handleId: p1!.imessage.rowid },
        { at: NOW - 60 * MIN, handleId: p2!.imessage.rowid },
        { at: NOW - 6 * MIN, handleId: p1!.sms.rowid, service: 'SMS' },
        { at: NOW - 5 * MIN, handleId: p2!.sms.rowid, service: 'SMS' },
        { at: NOW - 4 * MIN, handleId: p2!.imessage.rowid }, // iMessage works again
        { at: NOW - 3 * MIN, handleId: p1!.sms.rowid, service: 'SMS' },
      ],
      [p1!.imessage, p1!.sms, p2!.imessage, p2!.sms],
    );
    expect(counts(await read(db))).toMatchObject({ smsSent: 3, greenSent: 1, greenRecipients: 1, delivered: 1 });
  });

  it('counts text messages this Mac sent without an error, apart from every iMessage count', async () => {
    const db = join(dir(), 'chat.db');
    createChatDb(db, [
      { at: NOW - 20 * MIN, service: 'SMS', handleId: 1 }, // before the window
      { at: NOW - 7 * MIN, service: 'SMS', handleId: 1 },
      { at: NOW - 6 * MIN, service: 'RCS', handleId: 2 },
      { at: NOW - 5 * MIN, service: 'SMS', error: 22, handleId: 3 }, // failed: forwarding did not work
      { at: NOW - 4 * MIN, service: 'SMS', fromMe: false, handleId: 4 }, // incoming
      { at: NOW - 3 * MIN, error: 22, handleId: 5 }, // an iMessage
    ]);
    expect(counts(await read(db))).toMatchObject({ smsSent: 2, sent: 1, failed: 1, delivered: 0, failedRecipients: 1 });
  });

  it('failures before a later delivery are not "since the last delivery"', async () => {
    const db = join(dir(), 'chat.db');
    createChatDb(db, [
      { at: NOW - 6 * MIN, error: 22, handleId: 1 },
      { at: NOW - 5 * MIN, error: 22, handleId: 2 },
      { at: NOW - 4 * MIN, handleId: 3 },
      { at: NOW - 3 * MIN, error: 22, handleId: 1 },
    ]);
    const c = counts(await read(db));
    expect([c.failed, c.failedRecipients, c.failedSinceDelivery, c.recipientsSinceDelivery]).toEqual([3, 2, 1, 1]);
  });

  it('reads old (seconds) and new (nanoseconds) dates alike', async () => {
    const db = join(dir(), 'chat.db');
    createChatDb(db, [
      { at: NOW - 5 * MIN, error: 22, handleId: 1, dateUnit: 's' },
      { at: NOW - 4 * MIN, error: 22, handleId: 2, dateUnit: 'ns' },
      { at: NOW - 3 * MIN, handleId: 3, dateUnit: 's' },
      { at: NOW - 30 * MIN, handleId: 3, dateUnit: 's' },
    ]);
    const c = counts(await read(db));
    expect([c.sent, c.failed, c.delivered, c.lastDeliveryAt]).toEqual([3, 2, 1, NOW - 3 * MIN]);
  });

  it('an empty window is zeros and no last delivery', async () => {
    const db = join(dir(), 'chat.db');
    createChatDb(db);
    expect(counts(await read(db))).toMatchObject({ sent: 0, failed: 0, delivered: 0, failedRecipients: 0, lastDeliveryAt: null });
  });

  it('sees rows still in the write-ahead log while another connection holds the database open', async () => {
    const db = join(dir(), 'chat.db');
    createChatDb(db);
    // Auto-checkpoint off: the new rows stay in chat.db-wal, as while Messages is running.
    sqlite(
      db,
      `PRAGMA wal_autocheckpoint=0;\n${insertSql([
        { at: NOW - MIN, error: 22, handleId: 1 },
        { at: NOW - MIN, error: 22, handleId: 2 },
      ])}`,
    );
    expect(counts(await read(db))).toMatchObject({ failed: 2, recipientsSinceDelivery: 2 });
  });
});

describe('Messages source failures', () => {
  it('a missing file is "missing", and reading never creates it', async () => {
    const db = join(dir(), 'nope', 'chat.db');
    const r = await read(db);
    expect(r).toMatchObject({ state: 'missing' });
  });

  it('a file that is not SQLite is "unsupported"', async () => {
    const db = join(dir(), 'chat.db');
    writeFileSync(db, 'this is not a database, just text that is long enough to have a header '.repeat(20));
    expect(await read(db)).toMatchObject({ state: 'unsupported', message: expect.stringContaining('not a SQLite database') });
  });

  it('a SQLite database without the message columns is "unsupported"', async () => {
    const noTable = join(dir(), 'other.db');
    sqlite(noTable, 'CREATE TABLE notes (id INTEGER);');
    expect(await read(noTable)).toMatchObject({ state: 'unsupported' });
    const noColumn = join(dir(), 'old.db');
    sqlite(noColumn, 'CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER, service TEXT);');
    expect(await read(noColumn)).toMatchObject({ state: 'unsupported', message: expect.stringContaining('columns') });
  });

  it('a database locked by a writer is "busy" after the busy timeout, not an error', async () => {
    const db = join(dir(), 'chat.db');
    // A rollback-journal database under an exclusive lock: readers get SQLITE_BUSY (WAL readers never block).
    sqlite(db, MESSAGE_SCHEMA_SQL);
    const holder = spawn('sqlite3', [db], { stdio: ['pipe', 'pipe', 'pipe'] });
    holder.stdin.write(`BEGIN EXCLUSIVE;\n${insertSql([{ at: NOW, handleId: 1 }])}\nSELECT 'locked';\n`);
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const r = await createMessagesSource({ dbPath: db, busyTimeoutMs: 50 }).read(NOW - WINDOW, WINDOW);
      expect(r).toMatchObject({ state: 'busy' });
    } finally {
      holder.stdin.end('ROLLBACK;\n');
      await new Promise((resolve) => holder.once('close', resolve));
    }
  });

  it('no sqlite3 tool is an error state, not a crash', async () => {
    const db = join(dir(), 'chat.db');
    createChatDb(db);
    const r = await createMessagesSource({ dbPath: db, sqliteBinary: join(dir(), 'no-such-sqlite3') }).read(NOW - WINDOW, WINDOW);
    expect(r).toMatchObject({ state: 'error', message: expect.stringContaining('sqlite3') });
  });
});
