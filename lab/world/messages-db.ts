// The lab's stand-in for this Mac's Messages app: a chat.db-format database (the real `message` schema, WAL mode)
// in a temporary folder, gaining outgoing-message rows at the rates the timeline sets. Recipient k is one person with
// two handles, as in Messages: iMessage rows go to their iMessage handle, SMS rows to their SMS handle.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleSql, insertSql, MESSAGE_SCHEMA_SQL, personHandles, type HandleRow, type MessageRow } from '../messages/chat-db.ts';
import type { MessagesSet } from './messages-key.ts';

/** How often due rows are written, as a fraction of a compressed minute. */
const TICKS_PER_MINUTE = 4;
/** Rows of one kind written per compressed minute at most: far past any real outbox, small enough for one insert. */
const MESSAGES_CEILING_PER_MINUTE = 60_000;

interface Rates {
  sent: number;
  failed: number;
  recipients: number;
  smsSent: number;
  smsFailed: number;
  received: number;
}

type RowKind = keyof Omit<Rates, 'recipients'>;
const ROW_KINDS: readonly RowKind[] = ['sent', 'failed', 'smsSent', 'smsFailed', 'received'];

/** Writes rows per compressed minute (one probe interval, as the lab's time scale has it). */
export class LabMessagesDb {
  readonly path: string;
  private readonly dir: string;
  private rates: Rates = { sent: 0, failed: 0, recipients: 3, smsSent: 0, smsFailed: 0, received: 0 };
  private present = false;
  private readonly due: Record<RowKind, number> = { sent: 0, failed: 0, smsSent: 0, smsFailed: 0, received: 0 };
  // Each kind rotates over the recipients on its own, so a mix still spreads failures over all of them.
  private readonly nextRecipient: Record<RowKind, number> = { sent: 0, failed: 0, smsSent: 0, smsFailed: 0, received: 0 };
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly minuteMs: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'imsm-lab-messages-'));
    this.path = join(this.dir, 'chat.db');
  }

  /** Applies one step's `messages`: named keys change; the database is created on first use. */
  async apply(set: MessagesSet): Promise<void> {
    const { database, ...rates } = set;
    this.rates = { ...this.rates, ...rates };
    if (database === 'missing') await this.remove();
    else if (!this.present) await this.create();
    this.timer ??= setInterval(() => this.tick(), this.minuteMs / TICKS_PER_MINUTE);
  }

  /** Stops writing and deletes the folder. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.writing;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async create(): Promise<void> {
    this.present = true;
    await this.run(`PRAGMA journal_mode=WAL;\n${MESSAGE_SCHEMA_SQL}`);
  }

  // The Messages app's files vanish (a user or a cleaner deleting them): the engine must shrug.
  private async remove(): Promise<void> {
    this.present = false;
    await this.writing;
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${this.path}${suffix}`, { force: true });
  }

  private tick(): void {
    if (!this.present) return;
    const rows: MessageRow[] = [];
    const people = new Set<number>();
    const at = Date.now();
    for (const kind of ROW_KINDS) this.due[kind] += Math.min(this.rates[kind], MESSAGES_CEILING_PER_MINUTE) / TICKS_PER_MINUTE;
    // Interleave kinds so a mix of sent and failed reads as a mix, not as blocks.
    let more = true;
    while (more) {
      more = false;
      for (const kind of ROW_KINDS) {
        if (this.due[kind] < 1) continue;
        this.due[kind] -= 1;
        const person = (this.nextRecipient[kind]++ % Math.max(1, this.rates.recipients)) + 1;
        people.add(person);
        rows.push(this.row(kind, person, at + rows.length));
        more = true;
      }
    }
    // Each person's handles go in with their first rows (a person already there is kept).
    const handles: HandleRow[] = [...people].flatMap((k) => Object.values(personHandles(k)));
    if (rows.length > 0) void this.run(`${handleSql(handles)}\n${insertSql(rows)}`);
  }

  private row(kind: RowKind, person: number, at: number): MessageRow {
    const { imessage, sms } = personHandles(person);
    switch (kind) {
      case 'sent':
        return { at, handleId: imessage.rowid };
      case 'failed':
        return { at, handleId: imessage.rowid, error: 22, delivered: false };
      case 'smsSent':
        return { at, handleId: sms.rowid, service: 'SMS' };
      case 'smsFailed':
        return { at, handleId: sms.rowid, service: 'SMS', error: 22, delivered: false };
      case 'received':
        return { at, handleId: imessage.rowid, fromMe: false };
    }
  }

  /** Runs SQL in order with the previous writes; a failure (the file just removed) is dropped. */
  private run(sql: string): Promise<void> {
    this.writing = this.writing.then(
      () =>
        new Promise<void>((resolve) => {
          if (!this.present) return resolve();
          const child = execFile('sqlite3', ['-bail', '-batch', this.path], () => resolve());
          child.stdin?.end(`PRAGMA busy_timeout=1000;\n${sql}\n`);
        }),
    );
    return this.writing;
  }
}
