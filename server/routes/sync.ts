import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { TokenClaims } from '../../shared/api';
import { colorFor } from '../../shared/presence';
import { CloseCode } from '../../shared/protocol';
import { accessTo, parseRoomName, type Access, type RoomRef } from '../../shared/roles';
import type { TokenSigner } from '../auth';
import type { Config } from '../config';
import type { Metrics } from '../metrics';
import type { MetaStore } from '../store/types';
import { BadFrameError, Connection, type Room } from '../sync/room';
import type { RoomRegistry } from '../sync/registry';
import { isFreshSyncStep1, syncStep2Frame } from '../sync/frames';

/** Frames that arrive while a document is still loading are queued, up to this many bytes. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;
/** Longest delay a Node timer takes (about 24.8 days); a later expiry is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Run `fn` at `when` (ms since the epoch), even when that is further away than one timer can wait. */
function runAt(when: number, fn: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const wait = when - Date.now();
    if (wait <= 0) return fn();
    timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}

type Session = { ref: RoomRef; claims: TokenClaims; access: Access };

export interface SyncDeps {
  registry: RoomRegistry;
  signer: TokenSigner;
  meta: Pick<MetaStore, 'isRemoved'>;
  metrics: Metrics;
  config: Pick<Config, 'MAX_BUFFERED_BYTES'>;
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  log: (msg: string) => void;
}

/**
 * `/sync/<room>`: y-websocket endpoint. Authorization happens before the upgrade, so a bad token gets a
 * real HTTP 401 and a token for another board, another user's private document or a removed person a 403.
 * An open socket is closed with `Unauthorized` when its token expires, with `Removed` when a facilitator
 * removes its person (see RoomRegistry.closeUser), and with `SlowConsumer` when it stops reading.
 */
export function syncRoutes({ registry, signer, meta, metrics, config, upgradeWebSocket, log }: SyncDeps) {
  return new Hono<{ Variables: { session: Session } }>().get(
    '/:room{.+}',
    async (c, next) => {
      const ref = parseRoomName(c.req.param('room'));
      if (!ref) return c.json({ error: 'no such document' }, 404);
      const token = c.req.query('token');
      const claims = token ? await signer.verify(token) : null;
      if (!claims) return c.json({ error: 'missing, expired or invalid token' }, 401);
      if (await meta.isRemoved(claims.board, claims.sub)) return c.json({ error: 'you were removed from this board' }, 403);
      const access = accessTo(ref, { role: claims.role, userId: claims.sub, boardId: claims.board });
      if (!access.read) return c.json({ error: 'this token does not give access to that document' }, 403);
      c.set('session', { ref, claims, access });
      return next();
    },
    upgradeWebSocket((c) => {
      const { ref, claims, access } = c.get('session');
      const user = { id: claims.sub, name: claims.name, role: claims.role, color: colorFor(claims.sub) };
      let room: Room | undefined;
      let conn: Connection | undefined;
      let closed = false;
      let queuedBytes = 0;
      const queue: Uint8Array[] = [];
      /** The state vector of the stored snapshot this client got while its room was loading. */
      let answeredFrom: Uint8Array | undefined;
      let spoke = () => {};
      let alive = true;
      let pinger: NodeJS.Timeout | undefined;
      let expiry: { cancel(): void } | undefined;
      /** Set once the server has decided to close this socket: nothing more is sent or received. */
      let ending = false;
      const end = (ws: WSContext<WebSocket>, code: number, reason: string) => {
        if (ending) return;
        ending = true;
        ws.close(code, reason);
      };

      const handle = (ws: WSContext<WebSocket>, data: Uint8Array) => {
        try {
          room!.receive(conn!, data);
        } catch (err) {
          if (!(err instanceof BadFrameError)) throw err;
          log(`closing a connection to ${ref.name}: bad frame (${err.message})`);
          end(ws, CloseCode.BadFrame, 'bad frame');
        }
      };

      return {
        onOpen(_evt, ws) {
          metrics.connections.inc({ role: user.role });
          conn = new Connection(
            {
              send: (data) => {
                if (ending || ws.readyState !== 1) return;
                ws.send(data as Uint8Array<ArrayBuffer>);
                metrics.bytesOut.inc(data.byteLength);
                // A socket that stops reading would queue output without limit: drop it instead.
                if ((ws.raw?.bufferedAmount ?? 0) > config.MAX_BUFFERED_BYTES) {
                  metrics.refused.inc({ reason: 'slow-consumer' });
                  log(`closing a connection to ${ref.name}: it does not read what it is sent (slow consumer)`);
                  if (room && conn) {
                    room.leave(conn);
                    registry.released(room);
                  }
                  end(ws, CloseCode.SlowConsumer, 'slow consumer');
                }
              },
              close: (code, reason) => end(ws, code, reason),
            },
            user,
            access,
          );
          // The session ends when its token does, also on a socket that is already open.
          expiry = runAt(claims.exp * 1000, () => end(ws, CloseCode.Unauthorized, 'token expired'));
          const raw = ws.raw;
          raw?.on('pong', () => (alive = true));
          spoke = registry.early.opened(ref.name);
          pinger = setInterval(() => {
            if (!alive) return raw?.terminate();
            alive = false;
            raw?.ping();
          }, PING_INTERVAL_MS);
          registry.get(ref).then(
            (r) => {
              room = r;
              r.join(conn!, answeredFrom);
              if (closed || ending) {
                r.leave(conn!);
                return registry.released(r);
              }
              for (const data of queue.splice(0)) handle(ws, data);
              // Removed between the check at the upgrade and now: closeUser did not see this socket yet.
              void meta.isRemoved(claims.board, claims.sub).then((removed) => {
                if (removed) conn!.socket.close(CloseCode.Removed, 'removed from the board');
              });
            },
            (err: unknown) => {
              log(`could not load ${ref.name}: ${String(err)}`);
              end(ws, 1011, 'could not load document');
            },
          );
        },
        onMessage(evt, ws) {
          if (ending) return;
          if (!(evt.data instanceof ArrayBuffer)) {
            end(ws, CloseCode.BadFrame, 'text frames are not part of the protocol');
            return;
          }
          const data = new Uint8Array(evt.data);
          metrics.bytesIn.inc(data.byteLength);
          spoke();
          if (room) return handle(ws, data);
          queuedBytes += data.byteLength;
          if (queuedBytes > MAX_QUEUED_BYTES) return end(ws, CloseCode.MessageTooBig, 'too much data before the document loaded');
          queue.push(data);
          // A client with nothing yet, of a room being loaded: answered from the stored snapshot if it may be.
          if (queue.length !== 1 || !isFreshSyncStep1(data)) return;
          registry.early.fresh(ref.name, (known) => {
            if (room || ending || queue[0] !== data || !ws.raw) return null;
            queue.shift();
            answeredFrom = known.stateVector;
            const frame = syncStep2Frame(known.snapshot);
            metrics.bytesOut.inc(frame.byteLength);
            return new Promise<void>((resolve) => ws.raw!.send(frame, () => resolve()));
          });
        },
        onClose() {
          if (!closed) metrics.connections.dec({ role: user.role });
          closed = true;
          spoke();
          clearInterval(pinger);
          expiry?.cancel();
          if (room && conn) {
            room.leave(conn);
            registry.released(room);
          }
        },
      };
    }),
  );
}
