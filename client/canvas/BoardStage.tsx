import { useEffect, useMemo, useRef, useState } from 'react';
import { Layer, Rect, Stage } from 'react-konva';
import type { Editor } from '../editor/editor';
import { useStore } from '../lib/useStore';
import { useRemoteSelections } from '../model/presence-hooks';
import { useShapes } from '../model/hooks';
import { boundsOf } from '../../shared/model/geometry';
import { intersects, visibleWorld } from './camera';
import { CanvasController } from './controller';
import { Cursors } from './Cursors';
import { NoteEditor } from './NoteEditor';
import { ShapeView } from './shapes/registry';
import { SelectionToolbar } from './SelectionToolbar';
import { SELECTION_COLOR } from './theme';

/** Below this zoom note text is too small to read, so it is not drawn (big boards stay fluid). */
const TEXT_MIN_ZOOM = 0.4;
/** Notes this many screen pixels outside the window are still drawn, so panning shows no pop-in. */
const CULL_MARGIN_PX = 200;

/**
 * The canvas: a Konva stage that only draws, plus HTML overlays (cursors, text editor, selection
 * toolbar). Input is handled by CanvasController on the host element.
 */
export function BoardStage({ editor }: { editor: Editor }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<CanvasController | null>(null);
  const camera = useStore(editor.viewport.camera);
  const size = useStore(editor.viewport.size);
  const { list, byId } = useShapes(editor.doc);
  const selection = useStore(editor.selection);
  const editing = useStore(editor.editing);
  const remoteSelections = useRemoteSelections(editor.presence);
  const view = useStore(editor.currentView);

  useEffect(() => {
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

  const visible = useMemo(() => {
    const m = CULL_MARGIN_PX / camera.zoom;
    const v = visibleWorld(camera, size);
    const area = { x: v.x - m, y: v.y - m, w: v.w + 2 * m, h: v.h + 2 * m };
    return list.filter((s) => s.view === view && intersects(area, boundsOf(s, byId)));
  }, [list, byId, camera, size, view]);

  const showText = camera.zoom >= TEXT_MIN_ZOOM;
  // The dot grid moves and scales with the camera, so panning feels like moving the paper.
  const grid = 24 * camera.zoom;
  const background =
    camera.zoom < 0.35
      ? { backgroundImage: 'none' }
      : { backgroundSize: `${grid}px ${grid}px`, backgroundPosition: `${camera.x}px ${camera.y}px` };

  return (
    <div ref={hostRef} className="canvas-host" style={background} tabIndex={0} role="application" aria-label="Board canvas" aria-describedby="canvas-help">
      <p id="canvas-help" className="visually-hidden">
        Sticky notes on this board are listed in the board outline. {editor.canEdit ? 'Press N to add a note, Delete to remove the selection.' : ''}
      </p>
      {size.w > 0 && (
        <Stage width={size.w} height={size.h} x={camera.x} y={camera.y} scaleX={camera.zoom} scaleY={camera.zoom} listening={false}>
          <Layer listening={false}>
            {visible.map((s) => (
              <ShapeView
                key={s.id}
                shape={s}
                selected={selection.has(s.id)}
                remoteColor={remoteSelections.get(s.id)}
                editing={editing === s.id}
                showText={showText}
              />
            ))}
          </Layer>
          {controller && <MarqueeLayer controller={controller} />}
        </Stage>
      )}
      <Cursors editor={editor} />
      {editing && <NoteEditor key={editing} editor={editor} id={editing} />}
      {editor.canEdit && !editing && selection.size > 0 && <SelectionToolbar editor={editor} />}
    </div>
  );
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

function MarqueeLayer({ controller }: { controller: CanvasController }) {
  const rect = useStore(controller.marquee);
  if (!rect) return null;
  return (
    <Layer listening={false}>
      <Rect
        x={rect.x}
        y={rect.y}
        width={rect.w}
        height={rect.h}
        fill="rgba(37, 99, 235, 0.08)"
        stroke={SELECTION_COLOR}
        strokeWidth={1}
        strokeScaleEnabled={false}
      />
    </Layer>
  );
}
