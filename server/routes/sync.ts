import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { TokenClaims } from '../../shared/api';
import { colorFor } from '../../shared/presence';
import { CloseCode } from '../../shared/protocol';
import { accessTo, parseRoomName, type Access, type RoomRef } from '../../shared/roles';
import type { TokenSigner } from '../auth';
import { BadFrameError, Connection, type Room } from '../sync/room';
import type { RoomRegistry } from '../sync/registry';

/** Frames that arrive while a document is still loading are queued, up to this many bytes. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

type Session = { ref: RoomRef; claims: TokenClaims; access: Access };

export interface SyncDeps {
  registry: RoomRegistry;
  signer: TokenSigner;
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  log: (msg: string) => void;
}

/**
 * `/sync/<room>`: y-websocket endpoint. Authorization happens before the upgrade, so a bad token gets a
 * real HTTP 401 and a token for another board or another user's private document a 403.
 */
export function syncRoutes({ registry, signer, upgradeWebSocket, log }: SyncDeps) {
  return new Hono<{ Variables: { session: Session } }>().get(
    '/:room{.+}',
    async (c, next) => {
      const ref = parseRoomName(c.req.param('room'));
      if (!ref) return c.json({ error: 'no such document' }, 404);
      const token = c.req.query('token');
      const claims = token ? await signer.verify(token) : null;
      if (!claims) return c.json({ error: 'missing, expired or invalid token' }, 401);
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
      let alive = true;
      let pinger: NodeJS.Timeout | undefined;

      const handle = (ws: WSContext<WebSocket>, data: Uint8Array) => {
        try {
          room!.receive(conn!, data);
        } catch (err) {
          if (!(err instanceof BadFrameError)) throw err;
          log(`closing a connection to ${ref.name}: bad frame (${err.message})`);
          ws.close(CloseCode.BadFrame, 'bad frame');
        }
      };

      return {
        onOpen(_evt, ws) {
          conn = new Connection(
            {
              send: (data) => {
                if (ws.readyState === 1) ws.send(data as Uint8Array<ArrayBuffer>);
              },
              close: (code, reason) => ws.close(code, reason),
            },
            user,
            access,
          );
          const raw = ws.raw;
          raw?.on('pong', () => (alive = true));
          pinger = setInterval(() => {
            if (!alive) return raw?.terminate();
            alive = false;
            raw?.ping();
          }, PING_INTERVAL_MS);
          registry.get(ref).then(
            (r) => {
              room = r;
              r.join(conn!);
              if (closed) {
                r.leave(conn!);
                return registry.released(r);
              }
              for (const data of queue.splice(0)) handle(ws, data);
            },
            (err: unknown) => {
              log(`could not load ${ref.name}: ${String(err)}`);
              ws.close(1011, 'could not load document');
            },
          );
        },
        onMessage(evt, ws) {
          if (!(evt.data instanceof ArrayBuffer)) {
            ws.close(CloseCode.BadFrame, 'text frames are not part of the protocol');
            return;
          }
          const data = new Uint8Array(evt.data);
          if (room) return handle(ws, data);
          queuedBytes += data.byteLength;
          if (queuedBytes > MAX_QUEUED_BYTES) ws.close(CloseCode.MessageTooBig, 'too much data before the document loaded');
          else queue.push(data);
        },
        onClose() {
          closed = true;
          clearInterval(pinger);
          if (room && conn) {
            room.leave(conn);
            registry.released(room);
          }
        },
      };
    }),
  );
}
