// A stand-in for Apple's System Status feed: serves the consumer and developer documents, switchable per test.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type OfficialWord = 'ok' | 'outage';

export interface OfficialFeedServer {
  consumerUrl: string;
  developerUrl: string;
  set(service: 'iMessage' | 'FaceTime', word: OfficialWord): void;
  close(): Promise<void>;
}

const STATUS_TYPE = { outage: 'Outage' } as const;

/** Starts the feed on 127.0.0.1 with every service available. */
export async function startOfficialFeed(): Promise<OfficialFeedServer> {
  const words: Record<string, OfficialWord> = { iMessage: 'ok', FaceTime: 'ok' };
  const startedAt = Date.now();
  const document = () => ({
    drpost: false,
    drMessage: null,
    services: Object.entries(words).map(([serviceName, word], i) => ({
      redirectUrl: null,
      serviceName,
      events:
        word === 'ok'
          ? []
          : [
              {
                usersAffected: 'Some users are affected',
                epochStartDate: startedAt,
                epochEndDate: null,
                messageId: `e2e-${i}`,
                statusType: STATUS_TYPE[word],
                datePosted: '',
                startDate: '',
                endDate: '',
                affectedServices: null,
                eventStatus: 'ongoing',
                message: `Users may be unable to use ${serviceName}.`,
              },
            ],
    })),
  });
  const server = createServer((req, res) => {
    const body = req.url?.includes('developer')
      ? `jsonCallback(${JSON.stringify({ drpost: false, drMessage: null, services: [{ serviceName: 'APNS', redirectUrl: null, events: [] }] })});`
      : JSON.stringify(document());
    res.writeHead(200, { 'content-type': 'application/javascript', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/support/systemstatus/data`;
  return {
    consumerUrl: `${base}/system_status_en_US.js`,
    developerUrl: `${base}/developer/system_status_en_US.js`,
    set: (service, word) => {
      words[service] = word;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
