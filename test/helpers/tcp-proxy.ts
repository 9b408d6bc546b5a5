import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy the test can cut and restore: a database outage for the code under test without stopping the
 * PostgreSQL that other processes on this machine share. While cut, open connections are reset and new
 * ones are closed at once. `freeze()` models a partition instead: open connections stay open but nothing
 * passes any more, so neither side hears of the other.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private cutOff = false;
  private readonly pairs: Array<[Socket, Socket]> = [];

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      if (this.cutOff) return void client.destroy();
      const upstream = connect({ host: this.targetHost, port: this.targetPort });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      this.pairs.push([client, upstream]);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return (this.server!.address() as { port: number }).port;
  }

  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.resetAndDestroy();
  }

  freeze(): void {
    for (const [client, upstream] of this.pairs.splice(0)) {
      client.unpipe(upstream);
      upstream.unpipe(client);
    }
  }

  restore(): void {
    this.cutOff = false;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((r) => this.server?.close(r));
  }
}
