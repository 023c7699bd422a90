// Incremental Server-Sent Events parser (the WHATWG event-stream format), fed with decoded text chunks.

export interface SseEvent {
  event: string;
  data: string;
  /** The last event id seen so far on this stream (sticky across events). */
  id: string | null;
}

export interface SseParser {
  /** Parses a chunk; returns the events it completed. Throws when a line grows beyond the limit. */
  push(chunk: string): SseEvent[];
  lastEventId(): string | null;
  /** The server's `retry:` hint, ms. */
  retryMs(): number | null;
}

/** Creates a parser; `maxLineChars` bounds memory when a server never ends a line. */
export function createSseParser(maxLineChars = 1_000_000, initialId: string | null = null): SseParser {
  let buffer = '';
  let data: string[] = [];
  let dataSize = 0;
  let eventName = '';
  let lastId = initialId;
  let retry: number | null = null;

  function line(text: string, out: SseEvent[]): void {
    if (text === '') {
      if (data.length > 0) out.push({ event: eventName || 'message', data: data.join('\n'), id: lastId });
      data = [];
      dataSize = 0;
      eventName = '';
      return;
    }
    if (text.startsWith(':')) return; // comment / heartbeat
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      data.push(value);
      dataSize += value.length + 1;
    } else if (field === 'event') eventName = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
    else if (field === 'retry' && /^\d{1,9}$/.test(value)) retry = Number(value);
  }

  return {
    push(chunk) {
      buffer += chunk;
      const out: SseEvent[] = [];
      const breaks = /\r\n|\r|\n/g;
      let pos = 0;
      for (;;) {
        breaks.lastIndex = pos;
        const match = breaks.exec(buffer);
        if (!match) break;
        // A lone \r at the very end may be the first half of \r\n: wait for more.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        line(buffer.slice(pos, match.index), out);
        pos = match.index + match[0].length;
      }
      buffer = buffer.slice(pos);
      if (buffer.length > maxLineChars) throw new Error('the event stream sent a line that never ends');
      if (dataSize > maxLineChars) throw new Error('the event stream sent an event that never ends');
      return out;
    },
    lastEventId: () => lastId,
    retryMs: () => retry,
  };
}
