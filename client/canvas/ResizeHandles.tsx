import type Konva from 'konva';
import 'konva/lib/shapes/Transformer';
import { useEffect, useRef } from 'react';
import type { BoxedShape } from '../../shared/model/geometry';
import type { Editor } from '../editor/editor';
import { MIN_SIZE } from '../editor/editor';
import { connectable } from '../editor/tools';
import type { Rect as R } from './camera';
import type { CanvasController } from './controller';
import { Rect, Transformer } from './konva';
import { SELECTION_COLOR } from './theme';

/**
 * Resize with a Konva Transformer attached to invisible stand-ins of the selected shapes: Konva does
 * the anchor dragging, and the new rectangles are written once, when the resize ends (one undo step).
 * Elements that flows connect to get corner anchors only: their side midpoints are connection handles.
 */
export function ResizeHandles({ editor, controller, shapes, zoom }: { editor: Editor; controller: CanvasController; shapes: BoxedShape[]; zoom: number }) {
  const tr = useRef<Konva.Transformer>(null);
  const proxies = useRef(new Map<string, Konva.Rect>());
  const ids = shapes.map((s) => s.id).join(' ');
  const onlyBoundaries = shapes.every((s) => s.kind === 'boundary');
  const cornersOnly = shapes.some((s) => connectable(s.kind));

  useEffect(() => {
    const t = tr.current;
    if (!t) return;
    t.nodes(ids.split(' ').flatMap((id) => proxies.current.get(id) ?? []));
    t.getLayer()?.batchDraw();
  }, [ids]);

  useEffect(() => {
    // Tell the controller which presses belong to Konva (the anchors), so it does not start a drag.
    controller.overlayHit = (p) => {
      const stage = tr.current?.getStage();
      const hit = stage?.getIntersection(p);
      return !!hit && hit.getParent() === tr.current;
    };
    return () => {
      controller.overlayHit = () => false;
    };
  }, [controller]);

  const onTransformEnd = () => {
    const rects = new Map<string, R>();
    for (const [id, node] of proxies.current) {
      if (!ids.split(' ').includes(id)) continue;
      const w = node.width() * node.scaleX();
      const h = node.height() * node.scaleY();
      rects.set(id, { x: node.x(), y: node.y(), w, h });
      node.scale({ x: 1, y: 1 });
      node.width(w);
      node.height(h);
    }
    editor.resize(rects);
  };

  return (
    <>
      {shapes.map((s) => (
        <Rect
          key={s.id}
          ref={(node) => {
            if (node) proxies.current.set(s.id, node);
            else proxies.current.delete(s.id);
          }}
          x={s.pos.x}
          y={s.pos.y}
          width={s.size.w}
          height={s.size.h}
          scaleX={1}
          scaleY={1}
          listening={false}
        />
      ))}
      <Transformer
        ref={tr}
        rotateEnabled={false}
        flipEnabled={false}
        ignoreStroke
        keepRatio={false}
        borderEnabled={shapes.length > 1}
        borderStroke={SELECTION_COLOR}
        borderDash={[4, 3]}
        anchorStroke={SELECTION_COLOR}
        anchorSize={9}
        anchorCornerRadius={2}
        enabledAnchors={cornersOnly ? ['top-left', 'top-right', 'bottom-left', 'bottom-right'] : undefined}
        boundBoxFunc={(oldBox, newBox) => {
          const min = onlyBoundaries ? { w: 8, h: 8 } : MIN_SIZE;
          if (newBox.width < min.w * zoom || newBox.height < min.h * zoom) return oldBox;
          return newBox;
        }}
        onTransformEnd={onTransformEnd}
      />
    </>
  );
}
