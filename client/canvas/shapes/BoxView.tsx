import { memo } from 'react';
import { Group, Rect, Text } from 'react-konva';
import type { BoxedShape } from '../../../shared/model/geometry';
import { NOTE_TEXT, SELECTION_COLOR } from '../theme';
import type { ShapeViewProps } from './registry';

const KIND_LABEL: Record<string, string> = {
  entity: 'External entity',
  process: 'Process',
  store: 'Data store',
  boundary: 'Trust boundary',
  text: 'Text',
  threat: 'Threat',
};

/**
 * Stand-in drawing for diagram kinds this client does not draw yet: their box, kind and label, so the
 * content is visible, selectable and movable rather than silently missing.
 */
export const BoxView = memo(function BoxView({ shape, selected, remoteColor, showText }: ShapeViewProps<BoxedShape>) {
  const { w, h } = shape.size;
  const label = 'label' in shape ? shape.label : 'title' in shape ? shape.title : 'text' in shape ? shape.text : '';
  const boundary = shape.kind === 'boundary';
  return (
    <Group x={shape.pos.x} y={shape.pos.y} listening={false}>
      <Rect
        width={w}
        height={h}
        cornerRadius={boundary ? 0 : 6}
        fill={boundary ? undefined : '#ffffff'}
        stroke={boundary ? '#c2410c' : '#475569'}
        dash={boundary ? [10, 6] : undefined}
        strokeWidth={1.5}
        strokeScaleEnabled={false}
      />
      {showText && (
        <Text
          x={8}
          y={8}
          width={Math.max(8, w - 16)}
          height={Math.max(8, h - 16)}
          text={`${KIND_LABEL[shape.kind] ?? shape.kind}${label ? `\n${label}` : ''}`}
          fontSize={13}
          fontFamily={NOTE_TEXT.fontFamily}
          fill="#334155"
          wrap="word"
          ellipsis
        />
      )}
      {(selected || remoteColor) && (
        <Rect
          x={-3}
          y={-3}
          width={w + 6}
          height={h + 6}
          stroke={selected ? SELECTION_COLOR : remoteColor}
          dash={selected ? undefined : [6, 4]}
          strokeWidth={2}
          strokeScaleEnabled={false}
        />
      )}
    </Group>
  );
});
