import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { CreateBoardResponse } from '../../shared/api';
import { BoardId } from '../../shared/roles';
import { boardToData } from '../../shared/formats/board-data';
import { EXPORT_FORMATS, exportFormat, fileSuffix } from '../../shared/formats/registry';
import { hashInvites, newInvites, randomKey, type TokenSigner } from '../auth';
import type { DocStore, MetaStore } from '../store/types';
import type { RoomRegistry } from '../sync/registry';
import { bearerClaims } from './api';
import { MAX_IMPORT_BYTES, type ImportFormat } from '../imports/prepare';
import type { ImportPool } from '../imports/pool';

export interface FileDeps {
  meta: MetaStore;
  docs: DocStore;
  signer: TokenSigner;
  registry: RoomRegistry;
  imports: Pick<ImportPool, 'prepare'>;
}

/**
 * `Content-Disposition` for a download named after a board. The title is user text: control characters
 * (CR/LF could split the header) are removed before it goes anywhere near a header; the plain `filename`
 * keeps printable ASCII only and `filename*` carries the full name percent-encoded (RFC 6266 / 8187).
 */
function contentDisposition(title: string, suffix: string): string {
  const clean = title.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'board';
  const ascii =
    `${clean}${suffix}`
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 ._-]+/g, '')
      .replace(/\s+/g, '-')
      .replace(/^[-.]+/, '') || `board${suffix.replace(/\s+/g, '-')}`;
  const encoded = encodeURIComponent(`${clean}${suffix}`).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function boardIdParam(raw: string): string {
  const r = BoardId.safeParse(raw);
  if (!r.success) throw new HTTPException(404, { message: 'no such board' });
  return r.data;
}

const uploadLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  // JSON like every other error; the server drains the rest of the upload, so the client reads the 413.
  onError: (c) => c.json({ error: `the file is too large (${MAX_IMPORT_BYTES / 1024 / 1024} MB at most)`, issues: [] }, 413),
});

/** Content types a JSON file may arrive with: browsers send files as the type they guess, or none. */
function acceptableType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json' || type === 'text/plain' || type === 'application/octet-stream' || type === '';
}

export function fileRoutes({ meta, docs, signer, registry, imports }: FileDeps) {
  return new Hono()
    .get('/boards/:id/export', async (c) => {
      const boardId = boardIdParam(c.req.param('id'));
      await bearerClaims(c.req.raw, { signer, meta }, boardId);
      const name = c.req.query('format') ?? 'json';
      const format = exportFormat(name);
      if (!format) {
        throw new HTTPException(400, { message: `unknown format "${name.slice(0, 40)}"`, cause: [`format is one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`] });
      }
      const board = await meta.getBoard(boardId);
      if (!board) throw new HTTPException(404, { message: 'no such board' });
      // Built from the live document, so the file has every edit made up to now, saved or not.
      const data = await registry.use({ kind: 'board', boardId, name: boardId }, (room) => boardToData(room.doc));
      const body = await format.write(data);
      c.header('Content-Type', format.contentType);
      c.header('Content-Disposition', contentDisposition(data.meta.title, fileSuffix(format)));
      c.header('X-Content-Type-Options', 'nosniff');
      c.header('Cache-Control', 'no-store');
      for (const [header, value] of Object.entries(format.headers ?? {})) c.header(header, value);
      return c.body(body);
    })
    .post('/boards/import', uploadLimit, async (c) => {
      if (!acceptableType(c.req.header('content-type'))) {
        throw new HTTPException(415, {
          message: 'send the file itself as the request body',
          cause: ['Content-Type should be application/json (a multipart form is not accepted)'],
        });
      }
      // Parsing, validation and building the documents run in a worker thread: a 20 MB file would
      // otherwise block every board on this server for seconds.
      const upload = await imports.prepare(new Uint8Array(await c.req.arrayBuffer()));
      if (!upload.ok) throw new HTTPException(upload.status, { message: upload.message, cause: upload.issues });
      const id = randomKey(12);
      const invites = newInvites();
      // As for a new board: the content is in the log before the board exists.
      // Row by row, letting other work run in between: one 20 MB row would block the store for a second.
      for (const update of upload.board) {
        await docs.append(id, update);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await docs.append(`${id}/facilitation`, upload.facilitation);
      await meta.createBoard({ id, title: upload.title, createdAt: Date.now() }, hashInvites(invites));
      const res: CreateBoardResponse & { format: ImportFormat; warnings: string[] } = {
        id,
        title: upload.title,
        invites,
        format: upload.format,
        warnings: upload.warnings,
      };
      return c.json(res, 201);
    });
}
