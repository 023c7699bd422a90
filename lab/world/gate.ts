// A listener that can stop and resume on the same 127.0.0.1 port: closed means connections are refused
// (nothing listens), as when a server is down. Used for Apple's feed server and in front of the aggregator.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { portOutsideEphemeralRange } from '../net/stable-port.ts';

export class Gate {
  private readonly sockets = new Set<Socket>();
  private listening = false;
  private port = 0;

  private constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    });
  }

  /** Starts `server` on a free port outside the ephemeral range, open. */
  static async start(server: Server): Promise<Gate> {
    const gate = new Gate(server);
    await gate.open();
    return gate;
  }

  /** A TCP pass-through to 127.0.0.1:targetPort behind a gate. */
  static proxy(targetPort: number): Promise<Gate> {
    const server = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      const end = (): void => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    return Gate.start(server);
  }

  get boundPort(): number {
    return this.port;
  }

  get isOpen(): boolean {
    return this.listening;
  }

  /**
   * Listens again (same port after the first time). The first port is outside the ephemeral range, so nothing else
   * takes it while the gate is shut; a port taken between the check and the listen is swapped for another.
   */
  async open(): Promise<void> {
    if (this.listening) return;
    if (this.port !== 0) return this.listen(this.port);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.listen(await portOutsideEphemeralRange());
      } catch (error) {
        if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
    }
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = port;
        this.listening = true;
        resolve();
      });
    });
  }

  /** Stops listening and drops every open connection, keep-alive ones included. */
  shut(): Promise<void> {
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
  }

  /** Opens or shuts. */
  set(open: boolean): Promise<void> {
    return open ? this.open() : this.shut();
  }
}
