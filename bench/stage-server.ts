// A server that runs the first steps of the report path with the aggregator's own modules, then answers a fixed 202
// (nothing is counted or stored): what each step costs the HTTP thread before intake and storage. The first three on
// node:http; `lean` is `validated` on the lean report path the aggregator serves reports on.
// `tsx bench/stage-server.ts address|network|validated|lean` prints `listening <url>`; bench/report-path-stages.ts drives it.
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LeanReportSockets } from '../aggregator/http/lean-report-socket.ts';
import { TrustedProxies, clientAddress } from '../aggregator/http/client-address.ts';
import { BODY_LIMIT, isJson, readBody, sendAnswer } from '../aggregator/http/http-io.ts';
import { RateLimiter } from '../aggregator/http/rate-limit.ts';
import { isInvalid, validateReport } from '../aggregator/http/report-body.ts';
import { NetworkIds } from '../aggregator/intake/network-ids.ts';
import { loadProviderLookup } from '../aggregator/networks/provider-lookup.ts';
import { ClientIds } from '../aggregator/privacy/client-ids.ts';
import { DayKeys } from '../aggregator/privacy/day-keys.ts';

const stage = process.argv[2];
if (stage !== 'address' && stage !== 'network' && stage !== 'validated' && stage !== 'lean')
  throw new Error('stage: address | network | validated | lean');

const ANSWER = { status: 202, body: '{"id":"00000000-0000-4000-8000-000000000000","accepted":true}' };
const NO_HEADERS = Object.freeze({}) as Record<string, string>;
const trusted = new TrustedProxies(['127.0.0.1/32']);
const keys = new DayKeys('a bench secret');
const networks = new NetworkIds(keys, loadProviderLookup(), { ipv4Prefix: 24, ipv6Prefix: 48, now: Date.now, midnightMs: 60_000 });
const limiter = new RateLimiter(1_000_000, Date.now);
const clientIds = new ClientIds(keys, Date.now);

const server = createServer((req, res) => {
  const address = clientAddress(req, trusted);
  if (!address) return void res.destroy();
  if (stage === 'address') {
    req.resume();
    req.on('end', () => sendAnswer(res, ANSWER, NO_HEADERS));
    return;
  }
  const network = networks.idFor(address);
  if (stage === 'network') {
    req.resume();
    req.on('end', () => sendAnswer(res, ANSWER, NO_HEADERS));
    return;
  }
  if (!limiter.take(network.id).allowed || !isJson(req.headers['content-type'])) throw new Error('the bench load is valid');
  readBody(req, BODY_LIMIT, (body) => {
    if (!body) return void res.destroy();
    const report = validateReport(JSON.parse(body.toString('utf8')));
    if (isInvalid(report)) throw new Error(`the bench load is valid: ${report.error}`);
    report.clientId = clientIds.pseudonym(report.clientId);
    sendAnswer(res, ANSWER, NO_HEADERS);
  });
});
if (stage === 'lean') {
  server.removeAllListeners('connection');
  const lean = new LeanReportSockets({
    serve: (head, body, socket, reply) => {
      const address = clientAddress({ socket, headers: { 'x-forwarded-for': head.forwardedFor, forwarded: head.forwarded } }, trusted);
      if (!address) return reply.drop();
      const network = networks.idFor(address);
      if (!limiter.take(network.id).allowed || !isJson(head.contentType)) throw new Error('the bench load is valid');
      const report = validateReport(JSON.parse(body.toString('utf8')));
      if (isInvalid(report)) throw new Error(`the bench load is valid: ${report.error}`);
      report.clientId = clientIds.pseudonym(report.clientId);
      reply.answer(ANSWER);
    },
    handOff: (socket) => socket.destroy(),
  });
  server.on('connection', (socket: Socket) => lean.take(socket));
}
server.listen(0, '127.0.0.1', () => console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`));
