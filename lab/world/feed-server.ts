// Apple's System Status feed server on 127.0.0.1: the consumer and developer documents with ETag and
// Last-Modified (the engine polls conditionally), malformed data for `garbage`, refused connections when shut.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AppleFeed } from './apple-feed.ts';
import { Gate } from './gate.ts';

export const CONSUMER_PATH = '/support/systemstatus/data/system_status_en_US.js';
export const DEVELOPER_PATH = '/support/systemstatus/data/developer/system_status_en_US.js';

// What a broken CDN might send: a document cut off mid-way, then an HTML error page.
const GARBAGE = [
  'jsonCallback({"drpost": false, "drMessage": null, "services": [{"redirectUrl": null, "serviceName": "iMess',
  '<html><body><h1>502 Bad Gateway</h1></body></html>',
];

export class FeedServer {
  private garbage = false;
  private garbageServed = 0;
  private lastBody = new Map<string, { body: string; modified: string }>();

  private constructor(
    private readonly feed: AppleFeed,
    private gate: Gate | null = null,
  ) {}

  /** Starts the feed server on a free port. */
  static async start(feed: AppleFeed): Promise<FeedServer> {
    const server = new FeedServer(feed);
    server.gate = await Gate.start(createServer((req, res) => server.handle(req, res)));
    return server;
  }

  get consumerUrl(): string {
    return `http://127.0.0.1:${this.gate?.boundPort}${CONSUMER_PATH}`;
  }

  get developerUrl(): string {
    return `http://127.0.0.1:${this.gate?.boundPort}${DEVELOPER_PATH}`;
  }

  /** `garbage`: answer 200 with malformed documents. */
  setGarbage(garbage: boolean): void {
    this.garbage = garbage;
  }

  /** Reachable (listening) or refusing connections. */
  setReachable(reachable: boolean): Promise<void> {
    return this.gate?.set(reachable) ?? Promise.resolve();
  }

  close(): Promise<void> {
    return this.gate?.shut() ?? Promise.resolve();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (path !== CONSUMER_PATH && path !== DEVELOPER_PATH)
      return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
    if (this.garbage) {
      const body = GARBAGE[this.garbageServed++ % GARBAGE.length] ?? '';
      return void res.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'no-cache' }).end(body);
    }
    const body = path === CONSUMER_PATH ? this.feed.consumer() : this.feed.developer();
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    // Last-Modified moves only when the document does.
    const previous = this.lastBody.get(path);
    const modified = previous && previous.body === body ? previous.modified : new Date().toUTCString();
    this.lastBody.set(path, { body, modified });
    const headers = {
      etag,
      'last-modified': modified,
      'cache-control': 'max-age=0',
      'content-type': 'application/javascript; charset=utf-8',
    };
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, headers).end();
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  }
}
