import { Suspense, useMemo } from 'react';
import { Circle, Layer, Line, Rect } from './konva';
import { ArrowLine } from './shapes/ArrowLine';
import { borderPoint, centerOf, flowPoints, isBoxed, rectOf } from '../../shared/model/geometry';
import type { Shape } from '../../shared/model/schema';
import type { Editor } from '../editor/editor';
import { connectable } from '../editor/tools';
import { useStore } from '../lib/useStore';
import { useLater, useSticky } from '../lib/later';
import { useViewLocked } from '../facilitation/hooks';
import type { Rect as R } from './camera';
import type { CanvasController } from './controller';
import { flowHandles, sideHandles } from './handles';
import { SELECTION_COLOR } from './theme';
import { lazyRetry } from '../lib/lazy-retry';

// The resize handles (Konva's Transformer, 7 KB gzip) load when something is first selected, or when
// the browser is idle after the board opened (BoardStage), whichever comes first.
const ResizeHandles = lazyRetry(() => import('./ResizeHandles').then((m) => ({ default: m.ResizeHandles })));

/** More selected shapes than this get no resize handles (select-all on a huge board stays cheap). */
const MAX_TRANSFORM = 200;

/**
 * Everything drawn above the shapes that belongs to the session, not the document: resize handles,
 * connection handles, bend handles, the flow being drawn, the boundary being drawn, the drop target
 * and the selection box. The only listening layer: Konva's transformer handles its own anchors.
 */
export function Overlay({
  editor,
  controller,
  byId,
  selection,
  editing,
  zoom,
}: {
  editor: Editor;
  controller: CanvasController;
  byId: ReadonlyMap<string, Shape>;
  selection: ReadonlySet<string>;
  editing: string | null;
  zoom: number;
}) {
  const view = useStore(editor.currentView);
  const tool = useStore(editor.tool);
  const handlesFor = useStore(controller.handlesFor);
  const connect = useStore(controller.connect);
  const draft = useStore(controller.draft);
  const dropTarget = useStore(controller.dropTarget);
  const marquee = useStore(controller.marquee);
  const dragging = useStore(controller.dragging);
  // Re-drawn when the facilitator locks or unlocks the view (handles come and go).
  useViewLocked(editor);

  const selected = useMemo(() => [...selection].flatMap((id) => byId.get(id) ?? []).filter((s) => s.view === view), [selection, byId, view]);
  // Diagram shapes of a locked view get no resize handles.
  const boxed = selected.filter(isBoxed).filter((s) => !editor.isLocked(s));
  const canTransform = editor.canEdit && tool === 'select' && editing === null && dragging.size === 0 && boxed.length > 0 && boxed.length <= MAX_TRANSFORM;
  const r = 5 / zoom;
  const sw = 1.5 / zoom;

  const handleShape = handlesFor ? byId.get(handlesFor) : undefined;
  const singleFlow = selected.length === 1 && selected[0]!.kind === 'flow' && editor.canChange(selected[0]!.id) && editing === null ? selected[0] : undefined;
  const fh = singleFlow?.kind === 'flow' ? flowHandles(singleFlow, byId) : null;
  const target = dropTarget ? byId.get(dropTarget) : undefined;
  const connectFrom = connect ? byId.get(connect.from) : undefined;
  const connectTo = connect?.target ? byId.get(connect.target) : undefined;

  let preview: number[] | null = null;
  if (connect && connectFrom && isBoxed(connectFrom)) {
    const fr = rectOf(connectFrom);
    const end = connectTo && isBoxed(connectTo) ? borderPoint(rectOf(connectTo), centerOf(fr)) : connect.to;
    const start = borderPoint(fr, end);
    preview = [start.x, start.y, end.x, end.y];
  }

  // Only the resize handles take pointer input through Konva, so the layer listens (and has a hit canvas,
  // as big as the stage) from the first time they are shown, not on a board that has just opened.
  const listening = useSticky(canTransform);
  // The layer is a canvas as big as the stage too (see Scene.tsx): it joins a moment after the
  // board is up, or as soon as it has something to draw, and then stays.
  const drawing = !!(target || connectTo || canTransform || handleShape || fh || preview || draft || marquee);
  const joined = useSticky(useLater(true) || drawing);
  if (!joined) return null;

  return (
    <Layer listening={listening}>
      {target && isBoxed(target) && <Highlight rect={rectOf(target)} zoom={zoom} />}
      {target?.kind === 'flow' && (
        <Line
          points={flowPoints(target, byId).flatMap((p) => [p.x, p.y])}
          stroke={SELECTION_COLOR}
          strokeWidth={8 / zoom}
          opacity={0.35}
          lineCap="round"
          lineJoin="round"
          listening={false}
        />
      )}
      {connectTo && isBoxed(connectTo) && <Highlight rect={rectOf(connectTo)} zoom={zoom} />}
      {canTransform && (
        <Suspense fallback={null}>
          <ResizeHandles editor={editor} controller={controller} shapes={boxed} zoom={zoom} />
        </Suspense>
      )}
      {handleShape && isBoxed(handleShape) && connectable(handleShape.kind) && !connect &&
        sideHandles(rectOf(handleShape)).map((p, i) => (
          <Circle key={i} x={p.x} y={p.y} radius={r} fill="#ffffff" stroke={SELECTION_COLOR} strokeWidth={sw} listening={false} />
        ))}
      {fh &&
        fh.mids.map((m) => (
          <Circle key={`m${m.index}`} x={m.at.x} y={m.at.y} radius={r * 0.8} fill="#ffffff" stroke={SELECTION_COLOR} strokeWidth={sw} opacity={0.85} listening={false} />
        ))}
      {fh && fh.bends.map((p, i) => <Circle key={`b${i}`} x={p.x} y={p.y} radius={r} fill={SELECTION_COLOR} stroke="#ffffff" strokeWidth={sw} listening={false} />)}
      {preview && (
        <ArrowLine points={preview} stroke={SELECTION_COLOR} strokeWidth={2 / zoom} pointerLength={11 / zoom} pointerWidth={10 / zoom} dash={[6 / zoom, 4 / zoom]} />
      )}
      {draft && <Rect x={draft.x} y={draft.y} width={draft.w} height={draft.h} cornerRadius={10} stroke="#c2410c" strokeWidth={2 / zoom} dash={[12 / zoom, 7 / zoom]} fill="rgba(194, 65, 12, 0.05)" listening={false} />}
      {marquee && (
        <Rect x={marquee.x} y={marquee.y} width={marquee.w} height={marquee.h} fill="rgba(37, 99, 235, 0.08)" stroke={SELECTION_COLOR} strokeWidth={1} strokeScaleEnabled={false} listening={false} />
      )}
    </Layer>
  );
}

function Highlight({ rect, zoom }: { rect: R; zoom: number }) {
  const m = 6 / zoom;
  return (
    <Rect
      x={rect.x - m}
      y={rect.y - m}
      width={rect.w + 2 * m}
      height={rect.h + 2 * m}
      cornerRadius={8 / zoom}
      stroke={SELECTION_COLOR}
      strokeWidth={3 / zoom}
      fill="rgba(37, 99, 235, 0.06)"
      listening={false}
    />
  );
}
