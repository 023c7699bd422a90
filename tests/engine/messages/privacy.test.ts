// The Messages source's privacy: counts only, never text, subjects or who, whatever the rows hold.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countScript, MESSAGES_COUNT_COLUMNS, MESSAGES_COUNT_QUERY } from '../../../main/engine/messages/query.ts';
import { createChatDb, sqlite } from '../../../lab/messages/chat-db.ts';
import { runSqlite } from '../../../main/engine/messages/sqlite-cli.ts';
import { counts, freshDirEachTest, MIN, NOW, read, WINDOW } from './source-fixtures.ts';

const dir = freshDirEachTest();

describe('Messages source privacy', () => {
  it('never yields text, attributed bodies, subjects or handles, whatever the rows hold', async () => {
    const db = join(dir(), 'chat.db');
    const secret = 'SECRET-7f3a';
    const DAY = 24 * 60 * MIN;
    createChatDb(db, [
      { at: NOW - MIN, error: 22, handleId: 1, text: secret },
      { at: NOW - MIN, error: 22, handleId: 2, text: secret },
      { at: NOW - MIN, service: 'SMS', handleId: 3, text: secret },
      // Going green: iMessages reached handles 1 and 5 days ago; text messages now go to their SMS handles 4 and 6.
      { at: NOW - 3 * DAY, handleId: 1, text: secret },
      { at: NOW - 3 * DAY, handleId: 5, text: secret },
      { at: NOW - MIN, service: 'SMS', handleId: 4, text: secret },
      { at: NOW - MIN, service: 'SMS', handleId: 4, text: secret },
      { at: NOW - MIN, service: 'RCS', handleId: 6, text: secret },
    ]);
    sqlite(
      db,
      `UPDATE message SET attributedBody = CAST('${secret}' AS BLOB), subject = '${secret}', account = '${secret}';
      INSERT INTO handle (ROWID, id, service) VALUES (1, '+1555${secret}', 'iMessage'), (2, '${secret}@example.com', 'iMessage'),
        (3, '+1666${secret}', 'SMS'), (4, '+1555${secret}', 'SMS'), (5, '+1777${secret}', 'iMessage'), (6, '+1777${secret}', 'RCS');`,
    );
    const r = await read(db);
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(counts(r)).toMatchObject({ failed: 2, smsSent: 4, greenSent: 3, greenRecipients: 2 });
    expect(Object.keys(counts(r)).sort()).toEqual(['windowMs', ...MESSAGES_COUNT_COLUMNS].sort());
    // What leaves sqlite3 itself, before any parsing: one row of numbers under the count columns, nothing else.
    const run = await runSqlite('sqlite3', db, countScript(NOW - WINDOW, 1000), 10_000);
    expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toMatch(/\+1|@/);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual([...MESSAGES_COUNT_COLUMNS]);
    for (const value of Object.values(rows[0]!)) expect(value === null || typeof value === 'number').toBe(true);
  });

  it('the query is a fixed text that names only the counted columns of message, and handle only to match people', () => {
    // Every identifier in the text is SQL, one of our own aliases, or one of the columns we may read.
    const keywords =
      'with as select case when then else end from where or and between in is not null count sum coalesce max distinct join on exists'.split(
        ' ',
      );
    const aliases = [
      ...['mine', 'imessage', 'recent', 'last', 'at_ms', 'failed', 'delivered', 'recipient', 'green', 'person', 'known', 'earlier'],
      ...MESSAGES_COUNT_COLUMNS,
    ].map((a) => a.toLowerCase());
    const readable = ['message', 'date', 'error', 'is_delivered', 'is_from_me', 'service', 'handle_id', 'handle', 'rowid', 'id'];
    const withoutStrings = MESSAGES_COUNT_QUERY.replace(/'[^']*'/g, "''").replace(/@(cutoff|known)_(ns|s)\b/g, '');
    const identifiers = new Set(withoutStrings.toLowerCase().match(/[a-z_][a-z0-9_]*/g));
    const unexpected = [...identifiers].filter((id) => !keywords.includes(id) && !aliases.includes(id) && !readable.includes(id));
    expect(unexpected).toEqual([]);
    // The only literals are service names: which rows are counted, never a value read out.
    expect(MESSAGES_COUNT_QUERY.match(/'[^']*'/g)).toEqual(["'iMessage'", "'iMessage'", "'SMS'", "'RCS'", "'iMessage'"]);
    // Tables: message (the window, and the last 30 days' iMessages) and handle; the rest are the query's own steps.
    const tables = [...MESSAGES_COUNT_QUERY.matchAll(/\b(?:from|join)\s+([a-z_]+)/gi)].map((m) => m[1]!.toLowerCase());
    expect(tables.filter((t) => !['mine', 'recent', 'last', 'green'].includes(t)).sort()).toEqual([
      'handle',
      'handle',
      'message',
      'message',
    ]);
    // Of handle, only ROWID and id, and id only to compare one person with another inside SQLite.
    const handleColumns = [...MESSAGES_COUNT_QUERY.matchAll(/\b(?:person|known)\.([a-z_]+)/gi)].map((m) => m[1]);
    expect(new Set(handleColumns)).toEqual(new Set(['ROWID', 'id']));
    expect(MESSAGES_COUNT_QUERY).toMatch(/known\.id = person\.id/);
    expect(MESSAGES_COUNT_QUERY.match(/\bperson\.id\b/g)).toHaveLength(2); // the one above, and `person.id AS person`
    expect(MESSAGES_COUNT_QUERY).toMatch(/COUNT\(DISTINCT person\) FROM green/);
    // The script around it only sets the busy timeout, JSON output and the four numeric cutoffs.
    const script = countScript(NOW - WINDOW, 1000).split('\n');
    expect(script.slice(0, 6)).toEqual([
      '.timeout 1000',
      '.mode json',
      expect.stringMatching(/^\.parameter set @cutoff_ns \d+$/),
      expect.stringMatching(/^\.parameter set @cutoff_s \d+$/),
      expect.stringMatching(/^\.parameter set @known_ns \d+$/),
      expect.stringMatching(/^\.parameter set @known_s \d+$/),
    ]);
    expect(script.slice(6).join('\n').trim()).toBe(MESSAGES_COUNT_QUERY);
  });
});
