import { memo } from 'react';
import { Circle, Group, Rect, Text } from '../konva';
import type { ThreatShape } from '../../../shared/model/schema';
import { threatLabel } from '../../../shared/threats/numbering';
import { STRIDE_COLORS } from '../../../shared/threats/stride';
import { NOTE_TEXT } from '../theme';
import { DIAGRAM, SelectionFrame } from './common';
import { fitFontSize } from './fitText';
import type { ClientShape, ShapeViewProps } from './types';

/** Geometry of a threat note, shared with its title editor. */
export const THREAT_NOTE = { header: 34, padding: 10 };

const STATUS_TEXT: Record<ThreatShape['status'], string> = {
  open: '',
  mitigated: '✓ mitigated',
  accepted: 'accepted',
  transferred: 'transferred',
  eliminated: '✓ eliminated',
  'not-applicable': 'not applicable',
};

/**
 * A threat note: a sticky note in its STRIDE colour with the letter in a circle (colour is never the
 * only cue), its T-number and title. Status other than open is written at the bottom.
 */
export const ThreatView = memo(function ThreatView({ shape, selected, remoteColor, editing, showText }: ShapeViewProps<ThreatShape>) {
  const { w, h } = shape.size;
  const fill = STRIDE_COLORS[shape.stride];
  const pad = THREAT_NOTE.padding;
  const innerW = w - 2 * pad;
  const status = STATUS_TEXT[shape.status];
  const innerH = h - THREAT_NOTE.header - pad - (status ? 16 : 0);
  const fontSize = showText && !editing ? Math.min(15, fitFontSize(shape.title, innerW, innerH, NOTE_TEXT)) : 15;
  if (!showText && !selected && !remoteColor) {
    return <Rect x={shape.pos.x} y={shape.pos.y} width={w} height={h} fill={fill} listening={false} perfectDrawEnabled={false} />;
  }
  return (
    <Group x={shape.pos.x} y={shape.pos.y} listening={false}>
      <Rect x={1} y={3} width={w} height={h} cornerRadius={4} fill="rgba(15, 23, 42, 0.10)" perfectDrawEnabled={false} />
      <Rect width={w} height={h} cornerRadius={4} fill={fill} stroke="rgba(15, 23, 42, 0.30)" strokeWidth={1} strokeScaleEnabled={false} perfectDrawEnabled={false} />
      <Circle x={pad + 11} y={pad + 9} radius={11} fill="#ffffff" stroke={DIAGRAM.ink} strokeWidth={1.5} perfectDrawEnabled={false} />
      {showText && (
        <>
          <Text
            x={pad}
            y={pad + 1}
            width={22}
            height={17}
            text={shape.stride}
            align="center"
            verticalAlign="middle"
            fontSize={13}
            fontStyle="bold"
            fontFamily={DIAGRAM.font}
            fill={DIAGRAM.ink}
            perfectDrawEnabled={false}
          />
          <Text
            x={pad + 28}
            y={pad + 2}
            width={innerW - 28}
            text={threatLabel(shape.num)}
            fontSize={13}
            fontStyle="bold"
            fontFamily={DIAGRAM.font}
            fill={DIAGRAM.ink}
            wrap="none"
            perfectDrawEnabled={false}
          />
          {!editing && (
            <Text
              x={pad}
              y={THREAT_NOTE.header}
              width={innerW}
              height={innerH}
              text={shape.title || 'Untitled threat'}
              fontSize={fontSize}
              lineHeight={NOTE_TEXT.lineHeight}
              fontFamily={NOTE_TEXT.fontFamily}
              fill={shape.title ? NOTE_TEXT.color : DIAGRAM.muted}
              wrap="word"
              ellipsis
              perfectDrawEnabled={false}
            />
          )}
          {status && (
            <Text x={pad} y={h - pad - 13} width={innerW} text={status} fontSize={12} fontStyle="bold" fontFamily={DIAGRAM.font} fill="#374151" perfectDrawEnabled={false} />
          )}
        </>
      )}
      <SelectionFrame w={w} h={h} selected={selected} remoteColor={remoteColor} radius={4} />
    </Group>
  );
});

export const threat: ClientShape<ThreatShape> = {
  kind: 'threat',
  View: ThreatView,
  editBox: (s) => ({
    rect: { x: s.pos.x, y: s.pos.y + THREAT_NOTE.header - 4, w: s.size.w, h: s.size.h - THREAT_NOTE.header + 4 },
    label: 'Threat title',
    fontSize: 15,
    padding: THREAT_NOTE.padding,
    background: STRIDE_COLORS[s.stride],
    align: 'left',
    enterCommits: true,
    maxLength: 300,
  }),
  outlineGroup: 3,
};
