// The lean report path: plain report requests (lean-report-head.ts) are read and answered straight on the socket,
// without node:http's request, response and stream objects (≈ half of a plain node:http server's cost a request).
// At the first request that is anything else — another route, an incomplete or unusual request — the connection is
// handed to node:http for good, its unread bytes first. One request is served at a time, so answers keep their order.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { JSON_TYPE, STORAGE_UNAVAILABLE } from './http-io.ts';
import type { Answer } from './report-answer.ts';
import type { LeanReportHead } from './lean-report-head.ts';
import { leanReportHead, leanRequestLength } from './lean-report-head.ts';
import type { ReportReply } from './report-route.ts';

/** What the server does with a recognised report, and with a connection the lean path lets go. */
export interface LeanReportRoutes {
  serve(head: LeanReportHead, body: Buffer, socket: Socket, reply: ReportReply): void;
  handOff(socket: Socket): void;
}

/**
 * Bytes a client may send ahead while its answer is pending; beyond that the socket stops being read (and it is not
 * read either while answers wait for the client to take them: memory per connection stays bounded).
 */
const MAX_AHEAD = 65_536;
const JSON_HEADERS = `Content-Type: ${JSON_TYPE}\r\n`;

/** The sockets the lean path holds now (each until it closes or is handed off). */
export class LeanReportSockets {
  private readonly held = new Set<LeanReportSocket>();

  constructor(private readonly routes: LeanReportRoutes) {}

  /** Takes a new connection (after the connection gate admitted it). */
  take(socket: Socket): void {
    const lean = new LeanReportSocket(socket, this.routes, () => this.held.delete(lean));
    this.held.add(lean);
  }

  /** Closes connections with no request being served (at shutdown; node:http closes its own). */
  closeIdle(): void {
    for (const s of this.held) if (!s.busy) s.socket.destroy();
  }

  closeAll(): void {
    for (const s of this.held) s.socket.destroy();
  }

  /** Requests being served now (their answers not yet written). */
  get serving(): number {
    let n = 0;
    for (const s of this.held) if (s.busy) n += 1;
    return n;
  }
}

class LeanReportSocket implements ReportReply {
  /** Bytes received and not yet served. */
  private unread: Buffer | null = null;
  /** A request is being served (its answer not yet written). */
  busy = false;
  private closeAfter = false;
  private serving = false;
  private readonly onData = (chunk: Buffer) => this.received(chunk);
  private readonly onEnd = () => this.peerEnded();
  /** Answers wait in memory for a client that reads slower than it sends: no request is read until they are out. */
  private waitingDrain = false;
  private readonly onDrain = () => {
    this.waitingDrain = false;
    this.socket.resume();
    this.serveUnread();
  };

  constructor(
    readonly socket: Socket,
    private readonly routes: LeanReportRoutes,
    private readonly release: () => void,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.once('close', release);
    // A reset peer is an error event; the close that follows releases the socket (node:http adds its own on hand-off).
    socket.on('error', ignore);
  }

  refuse(status: number, body: { error: string; field?: string }, headers?: Record<string, string>): void {
    this.closeAfter = true;
    this.write(status, JSON.stringify(body), headers);
  }

  invalid(body: object): void {
    this.write(400, JSON.stringify(body));
  }

  answer(answer: Answer): void {
    this.write(answer.status, answer.body);
  }

  unavailable(): void {
    this.write(503, JSON.stringify(STORAGE_UNAVAILABLE.body), { 'Retry-After': STORAGE_UNAVAILABLE.retryAfter });
  }

  drop(): void {
    this.socket.destroy();
  }

  /**
   * The client sent its last byte (node:http servers allow half-open sockets, so nothing closes ours by itself). As
   * node:http does: the request being served gets its answer and the connection then ends; bytes behind it are dropped.
   */
  private peerEnded(): void {
    this.unread = null;
    if (this.busy) this.closeAfter = true;
    else this.finish();
  }

  private received(chunk: Buffer): void {
    this.unread = this.unread === null ? chunk : Buffer.concat([this.unread, chunk]);
    if (!this.busy && !this.waitingDrain) this.serveUnread();
    else if (this.unread.length > MAX_AHEAD) this.socket.pause();
  }

  /** Serves the requests already received, in order, until one waits for its answer or is not a plain report. */
  private serveUnread(): void {
    if (this.serving) return; // an answer written synchronously: the loop below goes on
    this.serving = true;
    while (!this.busy && !this.waitingDrain && this.unread !== null && !this.socket.destroyed) {
      const head = leanReportHead(this.unread);
      if (!head) {
        this.handOff();
        break;
      }
      const length = leanRequestLength(head);
      const body = this.unread.subarray(head.bodyStart, length);
      this.unread = length < this.unread.length ? this.unread.subarray(length) : null;
      this.busy = true;
      this.closeAfter = head.close;
      this.routes.serve(head, body, this.socket, this);
    }
    this.serving = false;
  }

  private write(status: number, body: string, headers?: Record<string, string>): void {
    if (!this.busy) return; // one answer per request
    this.busy = false;
    const socket = this.socket;
    if (socket.destroyed) return;
    let extra = '';
    if (headers) for (const name in headers) extra += `${name}: ${headers[name]}\r\n`;
    const connection = this.closeAfter ? 'Connection: close\r\n' : 'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n';
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${JSON_HEADERS}Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Date: ${httpDate()}\r\n${extra}${connection}\r\n${body}`,
    );
    if (this.closeAfter) return this.finish();
    if (socket.writableNeedDrain) {
      this.waitingDrain = true;
      socket.pause();
      socket.once('drain', this.onDrain);
      return;
    }
    if (socket.isPaused()) socket.resume();
    this.serveUnread();
  }

  /** Ends the connection once what is written has gone out, then frees it (no half-open leftover holds a slot). */
  private finish(): void {
    this.unread = null;
    this.detach();
    this.socket.destroySoon();
  }

  /** node:http takes the connection from here: the unread bytes go back in front of the stream. */
  private handOff(): void {
    const socket = this.socket;
    const unread = this.unread;
    this.unread = null;
    this.detach();
    socket.pause();
    if (unread) socket.unshift(unread);
    this.routes.handOff(socket);
    // Resumed on the next tick, once node:http listens (its parser then reads the unshifted bytes first).
    process.nextTick(() => socket.resume());
  }

  private detach(): void {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('drain', this.onDrain);
    this.socket.off('close', this.release);
    this.release();
  }
}

function ignore(): void {}

/** The Date header, rebuilt at most once a second (as node:http caches it). */
let dateText = '';
let dateSecond = -1;
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}
