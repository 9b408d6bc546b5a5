import { memo } from 'react';
import { Group, Text } from '../konva';
import type { TextShape } from '../../../shared/model/schema';
import { DIAGRAM, SelectionFrame } from './common';
import type { ClientShape, ShapeViewProps } from './types';
import { ToolIcon } from './tool-icon';

export const TEXT_STYLE = { fontSize: 16, lineHeight: 1.3, padding: 4 };

/** Free text on the diagram: no frame; an empty one shows a muted placeholder so it can be found. */
export const TextView = memo(function TextView({ shape, selected, remoteColor, editing, showText }: ShapeViewProps<TextShape>) {
  const { w, h } = shape.size;
  return (
    <Group x={shape.pos.x} y={shape.pos.y} listening={false}>
      {showText && !editing && (
        <Text
          x={TEXT_STYLE.padding}
          y={TEXT_STYLE.padding}
          width={Math.max(8, w - 2 * TEXT_STYLE.padding)}
          height={Math.max(8, h - 2 * TEXT_STYLE.padding)}
          text={shape.text || 'Text'}
          fontSize={TEXT_STYLE.fontSize}
          lineHeight={TEXT_STYLE.lineHeight}
          fontFamily={DIAGRAM.font}
          fill={shape.text ? DIAGRAM.ink : '#94a3b8'}
          wrap="word"
          ellipsis
          perfectDrawEnabled={false}
        />
      )}
      <SelectionFrame w={w} h={h} selected={selected} remoteColor={remoteColor} radius={2} />
    </Group>
  );
});

export const text: ClientShape<TextShape> = {
  kind: 'text',
  View: TextView,
  editBox: (s) => ({ rect: { ...s.pos, ...s.size }, label: 'Text', fontSize: TEXT_STYLE.fontSize, padding: TEXT_STYLE.padding, background: '#ffffff', align: 'left', enterCommits: false, maxLength: 10_000 }),
  tool: {
    label: 'Text',
    shortcut: 'X',
    hint: 'Click to place a text.',
    icon: (
      <ToolIcon>
        <path d="M6 6h12M12 6v13M9.5 19h5" />
      </ToolIcon>
    ),
    mode: 'click',
  },
  outlineGroup: 4,
};
