import Konva from 'konva/lib/Core';
import { ApiError } from '../../shared/api';
import { REPORT_CSP, exportFormat, metaCsp, type ExportFormat } from '../../shared/formats/registry';
import { boundsOf } from '../../shared/model/geometry';
import type * as Y from 'yjs';
import type { SessionState } from '../editor/session-state';
import { union } from '../canvas/camera';
import { shapesStoreFor } from '../model/hooks';
import { loadSession } from '../session';

/**
 * The board's downloads. Files come from the server's export endpoint, which builds them with the writers
 * of `shared/formats/registry.ts` (one implementation of every format); only the PNG is made here, from
 * the canvas, because only the browser has the drawing.
 */
export class ExportError extends Error {}

/** The file name from a Content-Disposition header: the UTF-8 `filename*` when there is one. */
export function filenameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain?.[1] || fallback;
}

/** Fetch one export of the board with this browser's session token. */
export async function fetchExport(boardId: string, format: ExportFormat): Promise<{ blob: Blob; filename: string }> {
  const session = loadSession(boardId);
  if (!session) throw new ExportError('Your session for this board has expired. Open your invite link again, then retry.');
  let res: Response;
  try {
    res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/export?format=${encodeURIComponent(format.id)}`, { headers: { authorization: `Bearer ${session.token}` } });
  } catch {
    throw new ExportError('Cannot reach the Threatboard server. Check your connection and try again.');
  }
  if (!res.ok) {
    const body = ApiError.safeParse(await res.json().catch(() => null));
    const why = body.success ? body.data.error : `the server answered ${res.status}`;
    throw new ExportError(res.status === 401 || res.status === 403 ? 'Your session is no longer accepted. Open your invite link again, then retry.' : `The file could not be made: ${why}.`);
  }
  return { blob: await res.blob(), filename: filenameFrom(res.headers.get('content-disposition'), `board.${format.extension}`) };
}

/** Hand a file to the browser's downloads. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the browser to start reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The policy the server sends with the report, as a meta tag: a report opened from a blob: URL has our
 * origin and no response headers, so it carries its own. Everything in it is escaped already; this is the
 * second lock on the door.
 */
const REPORT_META_CSP = `<meta http-equiv="Content-Security-Policy" content="${metaCsp(REPORT_CSP)}">`;

export function withCsp(html: string): string {
  const i = html.search(/<head[^>]*>/i);
  if (i < 0) return REPORT_META_CSP + html;
  const end = html.indexOf('>', i) + 1;
  return html.slice(0, end) + REPORT_META_CSP + html.slice(end);
}

/**
 * Open the printable HTML report in a new tab (for the browser's Print → Save as PDF). The tab is opened
 * before the request, while the click still counts as a user gesture, so no pop-up blocker stops it.
 */
export async function openPrintableReport(boardId: string): Promise<void> {
  const win = window.open('', '_blank');
  if (win) {
    win.opener = null;
    win.document.title = 'Preparing the report…';
    win.document.body.textContent = 'Preparing the report…';
  }
  try {
    const { blob } = await fetchExport(boardId, exportFormat('html'));
    const html = withCsp(await blob.text());
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    if (win) win.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 120_000);
  } catch (e) {
    win?.close();
    throw e;
  }
}

// ── PNG of the current view ────────────────────────────────────────────

const PNG_PADDING = 32;
/** Largest picture made, in pixels: a huge view gets a lower pixel ratio rather than an out-of-memory tab. */
const MAX_PIXELS = 24_000_000;

function nextFrame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => r()));
}

/** The Konva stage of the board canvas (Konva keeps a list of live stages). */
function boardStage(): Konva.Stage | null {
  return Konva.stages.find((s) => s.container().isConnected && s.container().closest('.canvas-host') !== null) ?? null;
}

/**
 * A PNG of everything on the current view at 100 % zoom, drawn at pixel ratio 2, on white. The canvas
 * only draws what is in the window (and hides text when zoomed far out), so for the picture the stage is
 * briefly given the size of the whole drawing at 100 %, then put back as it was, selection included.
 */
export async function viewPng(doc: Y.Doc, session: SessionState): Promise<Blob> {
  const stage = boardStage();
  if (!stage) throw new ExportError('The canvas is not ready yet. Try again in a moment.');
  // The board's shapes only: this user's unrevealed brainstorm notes are not part of the view.
  const { list, byId } = shapesStoreFor(doc).get();
  const view = session.currentView.get();
  const shapes = list.filter((s) => s.view === view);
  const b = union(shapes.map((s) => boundsOf(s, byId)));
  if (!b) throw new ExportError('This view is empty: there is nothing to picture yet.');
  const rect = { x: Math.floor(b.x - PNG_PADDING), y: Math.floor(b.y - PNG_PADDING), w: Math.ceil(b.w + 2 * PNG_PADDING), h: Math.ceil(b.h + 2 * PNG_PADDING) };

  const savedCamera = session.viewport.camera.get();
  const savedSize = session.viewport.size.get();
  const savedSelection = [...session.selection.get()];
  try {
    session.select([]);
    session.viewport.size.set({ w: rect.w, h: rect.h });
    session.viewport.camera.set({ x: -rect.x, y: -rect.y, zoom: 1 });
    // One frame for React to draw the shapes the new camera shows, one for Konva to settle.
    await nextFrame();
    await nextFrame();
    const pixelRatio = Math.min(2, Math.sqrt(MAX_PIXELS / (rect.w * rect.h)));
    const drawing = stage.toCanvas({ x: 0, y: 0, width: rect.w, height: rect.h, pixelRatio });
    const out = document.createElement('canvas');
    out.width = drawing.width;
    out.height = drawing.height;
    const ctx = out.getContext('2d');
    if (!ctx) throw new ExportError('This browser cannot make the picture.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(drawing, 0, 0);
    return await new Promise<Blob>((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new ExportError('The picture could not be encoded.'))), 'image/png'));
  } finally {
    session.viewport.size.set(savedSize);
    session.viewport.camera.set(savedCamera);
    session.select(savedSelection);
  }
}
