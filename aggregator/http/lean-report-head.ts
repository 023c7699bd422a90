// Recognises the one request shape the lean report path serves: a complete `POST /v1/reports HTTP/1.1` with a Host,
// exactly one plain Content-Length within the body limit, and nothing that changes how the message is framed or
// answered (no Transfer-Encoding, Expect, Upgrade or Origin). Anything else, malformed or merely unusual, is not
// parsed here at all: node:http's own parser takes the connection from that byte on (lean-report-socket.ts), so the
// lean path never decides a message boundary that node:http would decide differently.
import { BODY_LIMIT } from './http-io.ts';

/** The parts of a recognised request the report route reads. */
export interface LeanReportHead {
  /** Where the body starts in the buffer, and its length (the whole request is in the buffer). */
  bodyStart: number;
  contentLength: number;
  contentType: string | undefined;
  forwardedFor: string | undefined;
  forwarded: string | undefined;
  /** `Connection: close`: answer, then end the connection. */
  close: boolean;
}

const REQUEST_LINE = 'POST /v1/reports HTTP/1.1\r\n';
/** node:http's limits here (server.ts): header bytes and header count. */
const MAX_HEAD_BYTES = 8192;
const MAX_HEADERS = 64;
/** A control character (tab aside), a CR not before LF, an LF not after CR, or a folded line: node:http's business. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNUSUAL_BYTES = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|(?<!\r)\n|\n[\t ]/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** The raw Content-Length value (node:http refuses a tab after the digits, though it allows spaces). */
const LENGTH_VALUE = /^[\t ]*\d{1,4} *$/;

/**
 * The head of the request at the start of `buf` when it is the plain report shape and arrived whole (body included);
 * null otherwise, for node:http to handle (an incomplete request too: node:http then applies its own timeouts).
 */
export function leanReportHead(buf: Buffer): LeanReportHead | null {
  if (buf.length < REQUEST_LINE.length + 2 || buf.toString('latin1', 0, REQUEST_LINE.length) !== REQUEST_LINE) return null;
  const headEnd = buf.indexOf('\r\n\r\n', REQUEST_LINE.length - 2, 'latin1');
  if (headEnd < REQUEST_LINE.length || headEnd + 4 > MAX_HEAD_BYTES) return null;
  // Header lines, each ending in CRLF.
  const lines = buf.toString('latin1', REQUEST_LINE.length, headEnd + 2);
  if (lines.charCodeAt(0) === 32 || lines.charCodeAt(0) === 9 || UNUSUAL_BYTES.test(lines)) return null;
  let host = false;
  let contentLength = -1;
  let contentType: string | undefined;
  let forwardedFor: string | undefined;
  let forwarded: string | undefined;
  let close = false;
  let count = 0;
  for (let at = 0; at < lines.length;) {
    const eol = lines.indexOf('\r\n', at);
    const colon = lines.indexOf(':', at);
    if (colon <= at || colon > eol || (count += 1) > MAX_HEADERS) return null;
    const name = lines.slice(at, colon);
    if (!TOKEN.test(name)) return null;
    const value = trimOws(lines, colon + 1, eol);
    at = eol + 2;
    switch (name.toLowerCase()) {
      case 'host':
        host = true;
        break;
      case 'content-length':
        if (contentLength >= 0 || !LENGTH_VALUE.test(lines.slice(colon + 1, eol))) return null;
        contentLength = Number(value);
        if (contentLength > BODY_LIMIT) return null;
        break;
      case 'content-type':
        if (contentType !== undefined) return null;
        contentType = value;
        break;
      // Repeated forwarding headers join as node:http joins them.
      case 'x-forwarded-for':
        forwardedFor = forwardedFor === undefined ? value : `${forwardedFor}, ${value}`;
        break;
      case 'forwarded':
        forwarded = forwarded === undefined ? value : `${forwarded}, ${value}`;
        break;
      case 'connection': {
        const options = value.toLowerCase();
        if (options.includes('upgrade')) return null;
        if (/(^|,)[\t ]*close[\t ]*(,|$)/.test(options)) close = true;
        break;
      }
      case 'transfer-encoding':
      case 'expect':
      case 'upgrade':
      case 'origin':
        return null;
      default:
    }
  }
  if (!host || contentLength < 0 || buf.length < headEnd + 4 + contentLength) return null;
  return { bodyStart: headEnd + 4, contentLength, contentType, forwardedFor, forwarded, close };
}

/** The bytes a recognised request takes in the buffer. */
export function leanRequestLength(head: LeanReportHead): number {
  return head.bodyStart + head.contentLength;
}

/** `text[from, to)` without the optional whitespace (space, tab) HTTP allows around a header value. */
function trimOws(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a += 1;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b -= 1;
  return text.slice(a, b);
}
