import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A load balancer in miniature for fault tests: each new TCP connection goes to the first backend in
 * `order()` that accepts it (a killed instance refuses at once, so its clients land on the next one, as
 * behind Caddy or nginx). `hold()` makes new connections wait (accepted, nothing forwarded) until
 * `release()`, so a test can look at storage before reconnecting clients resend anything.
 */
export class FailoverProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private held: Socket[] | null = null;
  /** Every forwarded connection: when, and to which backend port. */
  readonly forwarded: Array<{ at: number; port: number }> = [];

  constructor(private readonly order: () => number[]) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      client.pause();
      this.track(client);
      if (this.held) this.held.push(client);
      else this.forward(client, 0);
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return (this.server!.address() as { port: number }).port;
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = null;
    for (const c of waiting) if (!c.destroyed) this.forward(c, 0);
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => {});
  }

  private forward(client: Socket, i: number): void {
    const ports = this.order();
    const port = ports[i];
    if (port === undefined || client.destroyed) return void client.destroy();
    const upstream = connect({ host: '127.0.0.1', port });
    const refused = () => this.forward(client, i + 1);
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      this.track(upstream);
      this.forwarded.push({ at: Date.now(), port });
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.resume();
    });
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}
