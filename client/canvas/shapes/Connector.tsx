import { memo } from 'react';
import { Line } from '../konva';
import { borderPoint, centerOf, isBoxed, rectOf } from '../../../shared/model/geometry';
import type { Shape, ThreatShape } from '../../../shared/model/schema';
import { polylineMidpoint } from '../handles';
import { flowPolyline } from './flow';

/**
 * The thin dashed line from a threat note to an element it concerns (a flow: to its middle). Drawn
 * from the records of both (and a flow's ends), so it follows either when moved.
 */
export const Connector = memo(function Connector({
  threat,
  target,
  fromShape,
  toShape,
}: {
  threat: ThreatShape;
  target: Shape;
  fromShape?: Shape | undefined;
  toShape?: Shape | undefined;
}) {
  const note = rectOf(threat);
  let end;
  if (target.kind === 'flow') end = polylineMidpoint(flowPolyline(target, fromShape, toShape));
  else if (isBoxed(target)) end = borderPoint(rectOf(target), centerOf(note));
  else return null;
  const start = borderPoint(note, end);
  return (
    <Line
      points={[start.x, start.y, end.x, end.y]}
      stroke="#475569"
      strokeWidth={1.25}
      dash={[5, 4]}
      opacity={0.8}
      strokeScaleEnabled={false}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
});
