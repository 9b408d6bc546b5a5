import * as Y from 'yjs';
import { Title } from '../../shared/api';
import { initFacilitation } from '../../shared/facilitation/doc';
import { BACKUP_FORMAT, dataToDoc, parseBackup, type BoardData } from '../../shared/formats/board-data';
import { decodeUtf8, MAX_JSON_BYTES, parseJsonSafe } from '../../shared/formats/safe-json';
import { isThreatDragonModel, threatDragonToData } from '../../shared/formats/threat-dragon';
import { numberMitigations, numberThreats } from '../../shared/threats/numbering';

/** Uploads up to 20 MB: a large board with pictures-free data is far below that. */
export const MAX_IMPORT_BYTES = MAX_JSON_BYTES;

export type ImportFormat = 'threatboard-backup' | 'threat-dragon-v1' | 'threat-dragon-v2';

/** A refused upload: the HTTP status and what is wrong, for the `{ error, issues }` answer. */
export type ImportFailure = { ok: false; status: 400 | 422; message: string; issues: string[] };

/** An upload turned into the first log rows of a new board. */
export type PreparedImport = {
  ok: true;
  format: ImportFormat;
  warnings: string[];
  title: string;
  /** The board document as Yjs updates, a few hundred records each (see chunkedUpdates). */
  board: Uint8Array[];
  /** The facilitation document as one Yjs update. */
  facilitation: Uint8Array;
};

const fail = (status: 400 | 422, message: string, issues: string[]): ImportFailure => ({ ok: false, status, message, issues });

type Detected = { ok: true; format: ImportFormat; data: BoardData; warnings: string[] };

/** Read an uploaded file: which format it is and the board it holds, or what is wrong with it. */
function readUpload(bytes: Uint8Array): Detected | ImportFailure {
  const text = decodeUtf8(bytes);
  if (text === null) return fail(400, 'the file is not UTF-8 text', ['expected a JSON file']);
  const json = parseJsonSafe(text, { maxBytes: MAX_IMPORT_BYTES });
  if (!json.ok) return fail(400, 'the file cannot be read as JSON', json.errors);
  const value = json.value;
  const isObject = !!value && typeof value === 'object' && !Array.isArray(value);
  if (isObject && 'format' in value && (value as { format: unknown }).format === BACKUP_FORMAT) {
    const r = parseBackup(value);
    if (!r.ok) return fail(422, 'the Threatboard backup is not valid', r.errors);
    return { ok: true, format: 'threatboard-backup', data: r.value, warnings: r.warnings };
  }
  if (isThreatDragonModel(value)) {
    const r = threatDragonToData(value);
    if (!r.ok) return fail(422, 'the Threat Dragon model is not valid', r.errors);
    return { ok: true, format: r.version === 1 ? 'threat-dragon-v1' : 'threat-dragon-v2', data: r.value, warnings: r.warnings };
  }
  return fail(422, 'the file is neither a Threatboard backup nor a Threat Dragon model', [
    'expected "format": "threatboard-backup", or a Threat Dragon model with "detail.diagrams"',
  ]);
}

/**
 * Everything an import costs in CPU: parse, validate, build the documents, number threats and
 * mitigations, encode. Runs in the import worker (see pool.ts), so a large file never blocks the server.
 */
export function prepareImport(bytes: Uint8Array): PreparedImport | ImportFailure {
  const upload = readUpload(bytes);
  if (!upload.ok) return upload;
  const title = Title.safeParse(upload.data.meta.title);
  const boardTitle = title.success ? title.data : 'Imported board';
  const doc = new Y.Doc();
  const fac = new Y.Doc();
  try {
    const written = dataToDoc({ ...upload.data, meta: { ...upload.data.meta, title: boardTitle } }, doc);
    if (!written.ok) return fail(422, 'the file does not make a valid board', written.errors);
    // Numbered now, so that the board's first download already has T- and M-numbers.
    numberThreats(doc);
    numberMitigations(doc);
    initFacilitation(fac);
    return {
      ok: true,
      format: upload.format,
      warnings: upload.warnings,
      title: boardTitle,
      board: chunkedUpdates(doc),
      facilitation: Y.encodeStateAsUpdate(fac),
    };
  } finally {
    doc.destroy();
    fac.destroy();
  }
}

/** Records per update in chunkedUpdates: a few hundred kilobytes, stored in a few milliseconds. */
const RECORDS_PER_UPDATE = 400;

/**
 * The same document as several updates of at most RECORDS_PER_UPDATE records each, so that the server
 * stores a large import row by row, yielding between rows, instead of blocking on one 20 MB row. Copies
 * every root map entry by entry (records are one-level maps of plain values, as dataToDoc writes them);
 * if the copy is not identical to the source, the source is returned as one update instead.
 */
export function chunkedUpdates(source: Y.Doc): Uint8Array[] {
  const target = new Y.Doc();
  const out: Uint8Array[] = [];
  target.on('update', (u: Uint8Array) => out.push(u));
  try {
    for (const [name, root] of source.share) {
      if (!(root instanceof Y.Map)) return [Y.encodeStateAsUpdate(source)];
      const entries = [...(root as Y.Map<unknown>).entries()];
      const into = target.getMap<unknown>(name);
      for (let i = 0; i < entries.length; i += RECORDS_PER_UPDATE) {
        target.transact(() => {
          for (const [key, value] of entries.slice(i, i + RECORDS_PER_UPDATE)) {
            into.set(key, value instanceof Y.Map ? new Y.Map(Object.entries(value.toJSON() as object)) : value);
          }
        });
      }
    }
    const same = JSON.stringify(target.toJSON()) === JSON.stringify(source.toJSON());
    return same && out.length > 0 ? out : [Y.encodeStateAsUpdate(source)];
  } finally {
    target.destroy();
  }
}
