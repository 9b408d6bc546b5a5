import { memo, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Stage } from './konva';
import type { Editor } from '../editor/editor';
import { TOOLS, toolHint } from '../editor/tools';
import { useStore } from '../lib/useStore';
import { useRemoteSelections } from '../model/presence-hooks';
import { useScene } from '../model/scene-store';
import { useBallot, useFacilitation } from '../facilitation/hooks';
import { openVote } from '../../shared/facilitation/doc';
import type { Dots } from './SessionMarks';
import { boundsOf, rectOf } from '../../shared/model/geometry';
import { flowLabels } from '../../shared/model/labels';
import { STRIDE, type Stride } from '../../shared/model/schema';
import { intersects, union, visibleWorld } from './camera';
import { CanvasController } from './controller';
import { Cursors } from './Cursors';
import { useOpenCounts } from '../comments/store';
import { Overlay } from './Overlay';
import { isBehind, Scene, type Link } from './Scene';
import { later, useLater } from '../lib/later';
import { useUnseenChanges } from '../since/context';
import { useMineHighlight } from '../people/canvas-mine';
import { lazyRetry } from '../lib/lazy-retry';

// Shown only after a user action (a selection; `?`): each its own chunk, fetched the first time.
const SelectionToolbar = lazyRetry(() => import('./SelectionToolbar').then((m) => ({ default: m.SelectionToolbar })));
const ShortcutSheet = lazyRetry(() => import('./ShortcutSheet').then((m) => ({ default: m.ShortcutSheet })));
// Drawn only when there is something to mark: open comments, changes since the last visit. Each is its
// own chunk, fetched the first time it is needed.
const CommentMarkers = lazyRetry(() => import('../comments/CommentMarkers').then((m) => ({ default: m.CommentMarkers })));
const ChangeRings = lazyRetry(() => import('../since/ChangeRings').then((m) => ({ default: m.ChangeRings })));
// The text field for labels is fetched a moment after the board is up (see later.ts), before anyone
// needs it: typing into a new note never waits for it.
const loadTextEditor = () => import('./TextEditor');
const TextEditor = lazyRetry(() => loadTextEditor().then((m) => ({ default: m.TextEditor })));

/** Below this zoom note text is too small to read, so it is not drawn (big boards stay fluid). */
const TEXT_MIN_ZOOM = 0.4;
/**
 * Shapes this many screen pixels outside the window are still drawn, so panning shows no pop-in. Not while
 * a board first paints: a moment later (useLater), so the first frame draws only what is on screen (a
 * third fewer notes on a full board at 75 %).
 */
const CULL_MARGIN_PX = 200;

/**
 * The canvas: a Konva stage that only draws, plus HTML overlays (cursors, text editor, selection
 * toolbar). Input is handled by CanvasController on the host element.
 *
 * Layers: the board layer holds everything at rest; shapes being dragged (and the flows and connector
 * lines attached to them) move to the drag layer for the duration of the drag, so a drag redraws only
 * what moves, not the thousands of notes around it; the overlay layer draws handles and previews.
 * Memoized: the board page re-renders on every change of the connection status; the stage reads its own
 * stores.
 */
export const BoardStage = memo(function BoardStage({ editor }: { editor: Editor }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<CanvasController | null>(null);
  const camera = useStore(editor.viewport.camera);
  const size = useStore(editor.viewport.size);
  const { list, byId, hidden } = useScene(editor.shapes);
  const dots = useDots(editor);
  const selection = useStore(editor.selection);
  const editing = useStore(editor.editing);
  const tool = useStore(editor.tool);
  const remoteSelections = useRemoteSelections(editor.presence);
  const view = useStore(editor.currentView);
  const unseen = useUnseenChanges();
  const commentCounts = useOpenCounts(editor.doc);
  // The shortcut sheet mounts the first time it is asked for (`?`) and stays: its dialog closes itself.
  const sheetOpen = useStore(editor.shortcutsOpen);
  const [sheetWanted, setSheetWanted] = useState(false);
  if (sheetOpen && !sheetWanted) setSheetWanted(true);
  useEffect(() => later(() => void loadTextEditor().catch(() => undefined)), []);

  // Before the first paint: the canvas's size is known and the stage drawn in the same task as the page
  // around it (after a paint, a 2,000-note board's page would be laid out and painted twice).
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const c = new CanvasController(editor, host);
    const unmarkFocus = markKeyboardFocus(host);
    setController(c);
    const ro = new ResizeObserver(() => editor.viewport.size.set({ w: host.clientWidth, h: host.clientHeight }));
    ro.observe(host);
    editor.viewport.size.set({ w: host.clientWidth, h: host.clientHeight });
    return () => {
      ro.disconnect();
      unmarkFocus();
      c.destroy();
      setController(null);
    };
  }, [editor]);

  // Kinds drawn behind (boundaries) first, then everything else in z order.
  const inView = useMemo(() => {
    const mine = list.filter((s) => s.view === view);
    return [...mine.filter(isBehind), ...mine.filter((s) => !isBehind(s))];
  }, [list, view]);

  // Open threats per element and letter ("T2 I1"), and the note → element connector lines.
  const { badges, links } = useMemo(() => {
    const counts = new Map<string, Partial<Record<Stride, number>>>();
    const links: Link[] = [];
    for (const s of inView) {
      if (s.kind !== 'threat') continue;
      for (const el of s.elements) {
        const target = byId.get(el);
        if (!target || target.view !== s.view) continue;
        links.push({ key: `${s.id}>${el}`, threat: s, target });
        if (s.status !== 'open') continue;
        const c = counts.get(el) ?? {};
        c[s.stride] = (c[s.stride] ?? 0) + 1;
        counts.set(el, c);
      }
    }
    const badges = new Map<string, string>();
    for (const [id, c] of counts) badges.set(id, STRIDE.filter((l) => c[l]).map((l) => `${l}${c[l]}`).join(' '));
    return { badges, links };
  }, [inView, byId]);

  // Flow label pills along their lines where they fit (the same places threat notes keep clear of).
  const labels = useMemo(() => flowLabels(inView), [inView]);
  const bright = useMineHighlight(editor, inView);

  const margin = useLater(list.length > 0) ? CULL_MARGIN_PX : 0;
  const area = useMemo(() => {
    const m = margin / camera.zoom;
    const v = visibleWorld(camera, size);
    return { x: v.x - m, y: v.y - m, w: v.w + 2 * m, h: v.h + 2 * m };
  }, [camera, size, margin]);

  const visible = useMemo(() => inView.filter((s) => intersects(area, boundsOf(s, byId))), [inView, byId, area]);
  const visibleLinks = useMemo(
    () =>
      links.filter((l) => {
        const b = union([rectOf(l.threat), boundsOf(l.target, byId)]);
        return b !== null && intersects(area, b);
      }),
    [links, byId, area],
  );

  const showText = camera.zoom >= TEXT_MIN_ZOOM;
  // The dot grid moves and scales with the camera, so panning feels like moving the paper.
  const grid = 24 * camera.zoom;
  const background =
    camera.zoom < 0.35
      ? { backgroundImage: 'none' }
      : { backgroundSize: `${grid}px ${grid}px`, backgroundPosition: `${camera.x}px ${camera.y}px` };
  const hint = toolHint(tool);

  return (
    <>
      <div ref={hostRef} className="canvas-host" style={background} tabIndex={0} role="application" aria-label="Board canvas" aria-describedby="canvas-help">
        <p id="canvas-help" className="visually-hidden">
          The shapes and notes of this view are listed in the board outline.{' '}
          {editor.canEdit ? `Press ${shapeKeys()}, Delete to remove the selection, ? for all shortcuts.` : ''}
        </p>
        {size.w > 0 && (
          <Stage width={size.w} height={size.h} x={camera.x} y={camera.y} scaleX={camera.zoom} scaleY={camera.zoom}>
            {controller ? (
              <Scene
                controller={controller}
                shapes={visible}
                links={visibleLinks}
                byId={byId}
                badges={badges}
                labels={labels}
                hidden={hidden}
                dots={dots}
                selection={selection}
                remoteSelections={remoteSelections}
                editing={editing}
                showText={showText}
                bright={bright}
              />
            ) : null}
            {controller && unseen.size > 0 && (
              <Suspense fallback={null}>
                <ChangeRings shapes={visible} byId={byId} unseen={unseen} />
              </Suspense>
            )}
            {controller && <Overlay editor={editor} controller={controller} byId={byId} selection={selection} editing={editing} zoom={camera.zoom} />}
          </Stage>
        )}
        {commentCounts.size > 0 && (
          <Suspense fallback={null}>
            <CommentMarkers />
          </Suspense>
        )}
        <Cursors />
        {editing && (
          <Suspense fallback={null}>
            <TextEditor key={editing} editor={editor} id={editing} />
          </Suspense>
        )}
        {editor.canEdit && !editing && selection.size > 0 && (
          <Suspense fallback={null}>
            <SelectionToolbar editor={editor} />
          </Suspense>
        )}
        {hint && (
          <p className="banner" role="status">
            {hint} Press Esc to cancel.
          </p>
        )}
      </div>
      {sheetWanted && (
        <Suspense fallback={null}>
          <ShortcutSheet editor={editor} />
        </Suspense>
      )}
    </>
  );
});

/** "N to add a note, E, P, S, F, B or X for diagram shapes": the keys of the kinds' tools. */
function shapeKeys(): string {
  const kinds = TOOLS.filter((t) => t.edits);
  const notes = kinds.filter((t) => t.keyPlaces).map((t) => `${t.shortcut} to add a ${t.label.toLowerCase()}`);
  const diagram = kinds.filter((t) => !t.keyPlaces).map((t) => t.shortcut);
  const list = diagram.length > 1 ? `${diagram.slice(0, -1).join(', ')} or ${diagram.at(-1)}` : diagram.join('');
  return [...notes, ...(list ? [`${list} for diagram shapes`] : [])].join(', ');
}

/**
 * The canvas gets focus from clicks all the time (so shortcuts work) and from text editing ending;
 * a focus ring then is noise. Show it only when focus arrived with the Tab key.
 */
function markKeyboardFocus(host: HTMLElement): () => void {
  let tabbed = false;
  const onKey = (e: KeyboardEvent) => {
    tabbed = e.key === 'Tab';
  };
  const onPointer = () => {
    tabbed = false;
  };
  const onFocus = () => host.classList.toggle('keyboard-focus', tabbed);
  const onBlur = () => host.classList.remove('keyboard-focus');
  window.addEventListener('keydown', onKey, true);
  window.addEventListener('pointerdown', onPointer, true);
  host.addEventListener('focus', onFocus);
  host.addEventListener('blur', onBlur);
  return () => {
    window.removeEventListener('keydown', onKey, true);
    window.removeEventListener('pointerdown', onPointer, true);
    host.removeEventListener('focus', onFocus);
    host.removeEventListener('blur', onBlur);
  };
}

const NO_DOTS: ReadonlyMap<string, Dots> = new Map();

/**
 * Dots to draw: while a vote is open, only this user's own (nobody sees a partial tally); once it is
 * closed, the results of the latest vote (threats that got dots), until another vote opens.
 */
function useDots(editor: Editor): ReadonlyMap<string, Dots> {
  const state = useFacilitation(editor);
  const open = openVote(state);
  const ballot = useBallot(editor, open?.status === 'open' ? open.id : undefined);
  const latest = state.votes[0];
  return useMemo(() => {
    if (open) {
      const out = new Map<string, Dots>();
      for (const [id, n] of Object.entries(ballot)) if (n > 0) out.set(id, { mine: n, total: null });
      return out;
    }
    if (latest?.status === 'closed' && latest.results) {
      const out = new Map<string, Dots>();
      for (const [id, n] of Object.entries(latest.results.tallies)) if (n > 0) out.set(id, { mine: 0, total: n });
      return out;
    }
    return NO_DOTS;
  }, [open, ballot, latest]);
}
