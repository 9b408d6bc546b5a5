import { memo } from 'react';
import type { Shape } from '../../shared/model/schema';
import { boundsOf } from '../../shared/model/geometry';
import { Group, Layer, Rect, Text } from '../canvas/konva';
import { DIAGRAM } from '../canvas/shapes/common';
import type { ChangeKind } from './summary';

const RING = '#b45309';
const PAD = 6;

/**
 * Rings around the shapes others added or changed since this person's last visit, each with a pill
 * saying "new" or "changed" (text, not colour alone), until they select the shape or mark all as seen.
 * Its own layer above the shapes, drawn only for shapes in the window.
 */
export const ChangeRings = memo(function ChangeRings({ shapes, byId, unseen }: { shapes: readonly Shape[]; byId: ReadonlyMap<string, Shape>; unseen: ReadonlyMap<string, ChangeKind> }) {
  if (unseen.size === 0) return null;
  return (
    <Layer listening={false}>
      {shapes.map((s) => {
        const change = unseen.get(s.id);
        if (!change) return null;
        const b = boundsOf(s, byId);
        const text = change === 'added' ? 'new' : 'changed';
        const pillW = text.length * 7.5 + 14;
        return (
          <Group key={s.id} x={b.x - PAD} y={b.y - PAD}>
            <Rect width={b.w + 2 * PAD} height={b.h + 2 * PAD} cornerRadius={8} stroke={RING} strokeWidth={3} strokeScaleEnabled={false} dash={[10, 4]} perfectDrawEnabled={false} />
            <Group x={0} y={-20}>
              <Rect width={pillW} height={18} cornerRadius={9} fill={RING} perfectDrawEnabled={false} />
              <Text width={pillW} height={18} text={text} align="center" verticalAlign="middle" fontSize={12} fontStyle="bold" fontFamily={DIAGRAM.font} fill="#ffffff" perfectDrawEnabled={false} />
            </Group>
          </Group>
        );
      })}
    </Layer>
  );
});
