import { newId } from '../../../shared/model/board-doc';
import { clipboardPayload, copyRecords, parseClipboard, pasteRecords } from '../../../shared/model/clipboard';
import { boundsOf } from '../../../shared/model/geometry';
import type { Shape } from '../../../shared/model/schema';
import { intersects, union, type Vec } from '../../canvas/camera';
import { LOCAL_ORIGIN } from '../undo';
import type { ActionContext } from './context';
import { zKeys } from './order';

const DUPLICATE_OFFSET = 20;
/** localStorage key of the clipboard shared by every board open in this browser. */
export const CLIPBOARD_KEY = 'threatboard:clipboard';

/** Duplicate, copy and paste. Holds how often the same copy was pasted in place (each paste moves on). */
export class Clipboard {
  private pasteCount = 0;

  constructor(private readonly ctx: ActionContext) {}

  /** Copies of the selection 20 px down and right; flows between copied elements join the copies. */
  duplicateSelected(): string[] {
    const records = copyRecords(this.ctx.session.selection.get(), this.ctx.scene.get().byId);
    return this.insertCopies(records, { x: DUPLICATE_OFFSET, y: DUPLICATE_OFFSET });
  }

  /**
   * Copy the selection to this browser's storage (shared by every board open in it) and, where the
   * browser allows, to the system clipboard. Returns how many records were copied.
   */
  copySelected(): number {
    const records = copyRecords(this.ctx.session.selection.get(), this.ctx.scene.get().byId);
    if (records.length === 0) return 0;
    const text = JSON.stringify(clipboardPayload(records));
    this.pasteCount = 0;
    try {
      localStorage.setItem(CLIPBOARD_KEY, text);
    } catch {
      /* storage full or disabled: the system clipboard may still work */
    }
    try {
      void navigator.clipboard?.writeText(text).catch(() => undefined);
    } catch {
      /* not allowed here */
    }
    return records.length;
  }

  /**
   * Paste what was copied (from this or another board): where it was, slightly offset, if that place
   * is in the window; otherwise in the middle of the window.
   */
  paste(text?: string | null): string[] {
    if (!this.ctx.live.canEdit) return [];
    let source = text;
    if (source == null) {
      try {
        source = localStorage.getItem(CLIPBOARD_KEY);
      } catch {
        source = null;
      }
    }
    const records = parseClipboard(source);
    if (!records || records.length === 0) return [];
    const index = new Map(records.map((r) => [r.id, r] as const));
    const bounds = union(records.map((r) => boundsOf(r, index)));
    const { viewport } = this.ctx.session;
    let offset: Vec = { x: 0, y: 0 };
    if (bounds && intersects(viewport.visibleRect(), bounds)) {
      this.pasteCount++;
      offset = { x: DUPLICATE_OFFSET * this.pasteCount, y: DUPLICATE_OFFSET * this.pasteCount };
    } else if (bounds) {
      const c = viewport.centreWorld();
      offset = { x: Math.round(c.x - (bounds.x + bounds.w / 2)), y: Math.round(c.y - (bounds.y + bounds.h / 2)) };
    }
    return this.insertCopies(records, offset);
  }

  /** Add copies of `records` (see shared/model/clipboard.ts) moved by `offset`, select them, one undo step. */
  private insertCopies(all: Shape[], offset: Vec): string[] {
    const { ctx } = this;
    const { live, session } = ctx;
    // Into a locked view only notes and threats can be pasted.
    const records = all.filter((r) => live.mayAdd(r.kind));
    if (!live.canEdit || records.length === 0) return [];
    const copies = pasteRecords(records, {
      view: session.view,
      offset,
      zKeys: zKeys(ctx, records.length, 'top'),
      newId,
      createdBy: ctx.me.userId,
      now: Date.now(),
      target: ctx.scene.get().byId,
    });
    ctx.undo.act(() =>
      ctx.doc.transact(() => {
        for (const c of copies) live.add(c);
      }, LOCAL_ORIGIN),
    );
    const ids = copies.map((c) => c.id);
    session.editing.set(null);
    session.select(ids);
    return ids;
  }
}
