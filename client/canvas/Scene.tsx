import { memo, Suspense, useLayoutEffect, useMemo, useState } from 'react';
import { Group, Layer } from './konva';
import type { LabelPlace } from '../../shared/model/labels';
import { isBoxed } from '../../shared/model/geometry';
import type { Shape, ThreatShape } from '../../shared/model/schema';
import type { CanvasController } from './controller';
import type { Dots } from './SessionMarks';
import { Connector } from './shapes/Connector';
import { shapeModule, ShapeView } from './shapes/registry';
import { useLater, useSticky } from '../lib/later';
import { useStore } from '../lib/useStore';
import { DIMMED_OPACITY } from '../people/canvas-mine';
import { lazyRetry } from '../lib/lazy-retry';

// Drawn only when there is something to mark: hidden brainstorm notes and dots of a vote. Their own
// chunk, fetched the first time it is needed.
const HiddenMark = lazyRetry(() => import('./SessionMarks').then((m) => ({ default: m.HiddenMark })));
const DotMarks = lazyRetry(() => import('./SessionMarks').then((m) => ({ default: m.DotMarks })));

/** Kinds drawn behind everything else (trust boundaries). */
export const isBehind = (s: Shape) => !!shapeModule(s.kind).behind;

/** A connector line from a threat note to an element it is about. */
export interface Link {
  key: string;
  threat: ThreatShape;
  target: Shape;
}

export interface SceneProps {
  controller: CanvasController;
  shapes: readonly Shape[];
  links: readonly Link[];
  byId: ReadonlyMap<string, Shape>;
  badges: ReadonlyMap<string, string>;
  labels: ReadonlyMap<string, LabelPlace>;
  /** This user's hidden brainstorm notes: drawn with the "hidden until reveal" look. */
  hidden: ReadonlySet<string>;
  /** Dots on threat notes (own dots while voting, results after). */
  dots: ReadonlyMap<string, Dots>;
  selection: ReadonlySet<string>;
  remoteSelections: ReadonlyMap<string, string>;
  editing: string | null;
  showText: boolean;
  /** "Assigned to me" is on: only these shapes are drawn at full strength (null: all are). */
  bright: ReadonlySet<string> | null;
}

/**
 * The board layer and the drag layer (see BoardStage). Every layer is a canvas the size of the stage, and
 * a browser allocates its pixels at its first use (13-29 ms each for 1366×768 in headless Chromium), so
 * the drag layer, empty until something is dragged, joins a moment after the board is up (useLater), or
 * at the first drag if that comes sooner, and then stays.
 */
export function Scene({ controller, shapes, links, ...rest }: SceneProps) {
  const dragging = useStore(controller.dragging);
  const [still, moving] = useMemo(() => split(shapes, (s) => dragging.has(s.id)), [shapes, dragging]);
  const [stillLinks, movingLinks] = useMemo(() => split(links, (l) => dragging.has(l.threat.id) || dragging.has(l.target.id)), [links, dragging]);
  const dragLayer = useSticky(useLater(true) || dragging.size > 0);
  return (
    <>
      <ShapesLayer shapes={still} links={stillLinks} {...rest} />
      {dragLayer && <ShapesLayer shapes={moving} links={movingLinks} {...rest} />}
    </>
  );
}

function split<T>(items: readonly T[], pred: (t: T) => boolean): [T[], T[]] {
  const a: T[] = [];
  const b: T[] = [];
  for (const x of items) (pred(x) ? b : a).push(x);
  return [a, b];
}

const ShapesLayer = memo(function ShapesLayer({
  shapes,
  links,
  byId,
  badges,
  labels,
  hidden,
  dots,
  selection,
  remoteSelections,
  editing,
  showText,
  bright,
}: Omit<SceneProps, 'controller'>) {
  // Konva draws a layer at once when it joins the stage, and React fills a new layer before it joins: a
  // board's notes would be drawn twice in its first frame. So the layer joins empty, and its shapes follow
  // in a second render in the same task, drawn once in the next frame.
  const [joined, setJoined] = useState(false);
  useLayoutEffect(() => setJoined(true), []);
  if (!joined) return <Layer listening={false} />;
  const flowEnd = (s: Shape, end: 'from' | 'to') => {
    if (s.kind !== 'flow') return undefined;
    const id = s[end];
    return id ? byId.get(id) : undefined;
  };
  // Connector lines sit above boundaries and below everything else, so they never cross text.
  const firstNonBoundary = shapes.findIndex((s) => !isBehind(s));
  const cut = firstNonBoundary < 0 ? shapes.length : firstNonBoundary;
  const renderShape = (s: Shape) => {
    const view = (
      <ShapeView
        key={s.id}
        shape={s}
        selected={selection.has(s.id)}
        remoteColor={remoteSelections.get(s.id)}
        editing={editing === s.id}
        showText={showText}
        badges={badges.get(s.id) ?? ''}
        fromShape={flowEnd(s, 'from')}
        toShape={flowEnd(s, 'to')}
        label={labels.get(s.id)}
      />
    );
    // A hidden note is drawn a little faded; its frame and label come with the marks, above everything.
    if (bright && !bright.has(s.id)) {
      return (
        <Group key={s.id} opacity={DIMMED_OPACITY}>
          {view}
        </Group>
      );
    }
    return hidden.has(s.id) ? (
      <Group key={s.id} opacity={0.82}>
        {view}
      </Group>
    ) : (
      view
    );
  };
  /** Hidden-note frames and dots, drawn after every shape so a neighbour never covers them. */
  const renderMarks = (s: Shape) => {
    const d = dots.get(s.id);
    const isHidden = hidden.has(s.id);
    if ((!d && !isHidden) || !isBoxed(s)) return null;
    return (
      <Group key={`marks:${s.id}`} x={s.pos.x} y={s.pos.y}>
        <Suspense fallback={null}>
          {isHidden && <HiddenMark w={s.size.w} h={s.size.h} />}
          {d && <DotMarks w={s.size.w} dots={d} />}
        </Suspense>
      </Group>
    );
  };
  return (
    <Layer listening={false}>
      {shapes.slice(0, cut).map(renderShape)}
      {links.map((l) => {
        const line = <Connector key={l.key} threat={l.threat} target={l.target} fromShape={flowEnd(l.target, 'from')} toShape={flowEnd(l.target, 'to')} />;
        return bright && !bright.has(l.threat.id) ? (
          <Group key={l.key} opacity={DIMMED_OPACITY}>
            {line}
          </Group>
        ) : (
          line
        );
      })}
      {shapes.slice(cut).map(renderShape)}
      {(hidden.size > 0 || dots.size > 0) && shapes.map(renderMarks)}
    </Layer>
  );
});
