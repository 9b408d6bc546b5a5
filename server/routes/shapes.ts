import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { BoardId } from '../../shared/roles';
import type { TokenSigner } from '../auth';
import type { MetaStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';
import { acceptsEncoding } from '../static';
import { bearerClaims } from './api';

const gunzipAsync = promisify(gunzip);

/**
 * `GET /api/boards/:id/shapes` for any member of the board (viewers too: they receive the whole board
 * document over the sync socket anyway): every valid shape of the board, placed from the position log
 * and in z order, exactly as a client's shapes store reads them (`BoardShapes`). The board page asks for
 * it while its scripts still load and paints this list first, then applies the document
 * (client/sync/first-paint.ts): a 2,000-note board shows without waiting for the Yjs update of its whole
 * history to be applied. The document is read through the shared schemas only; invalid records are left
 * out, as every client leaves them out. How the list is made and kept: `RoomRegistry.shapesList`.
 */
export function shapesRoutes({ meta, signer, registry }: { meta: Pick<MetaStore, 'isRemoved'>; signer: TokenSigner; registry: Pick<RoomRegistry, 'shapesList'> }) {
  return new Hono().get('/boards/:id/shapes', async (c) => {
    const id = BoardId.safeParse(c.req.param('id'));
    if (!id.success) throw new HTTPException(404, { message: 'no such board' });
    await bearerClaims(c.req.raw, { signer, meta }, id.data);
    const zipped = await registry.shapesList({ kind: 'board', boardId: id.data, name: id.data });
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
    if (acceptsEncoding(c.req.header('accept-encoding'), 'gzip')) return c.body(zipped as Uint8Array<ArrayBuffer>, 200, { ...headers, 'Content-Encoding': 'gzip' });
    return c.body(new Uint8Array(await gunzipAsync(zipped)), 200, headers);
  });
}
