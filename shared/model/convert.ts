import type * as Y from 'yjs';
import { boardMaps, shapeToYMap } from './board-doc';
import { Shape, type NoteShape, type ShapeInput, type Stride, type ThreatShape } from './schema';

/**
 * A plain sticky note turned into a threat and back, keeping its id (so links, selection and presence
 * follow it), place, size, z order and author. The text travels: a note's first line becomes the
 * threat's title and the rest its description; a threat's title and description become the note's text.
 * What has no counterpart (a note's colour; a threat's register fields and number) is dropped.
 */
const TITLE_MAX = 300;

function common(s: NoteShape | ThreatShape) {
  return { id: s.id, view: s.view, z: s.z, createdBy: s.createdBy, createdAt: s.createdAt, pos: s.pos, size: s.size };
}

export function noteToThreat(note: NoteShape, stride: Stride): ShapeInput {
  const text = note.text.trim();
  const [first = '', ...rest] = text.split('\n');
  const overflow = first.length > TITLE_MAX ? first.slice(TITLE_MAX) : '';
  return {
    kind: 'threat',
    ...common(note),
    stride,
    title: first.slice(0, TITLE_MAX).trim(),
    description: [overflow, ...rest].join('\n').trim(),
    elements: [],
    num: 0,
  };
}

export function threatToNote(threat: ThreatShape): ShapeInput {
  const text = [threat.title.trim(), threat.description.trim()].filter(Boolean).join('\n');
  return { kind: 'note', ...common(threat), text: text.slice(0, 10_000) };
}

/** Put a record of another kind in place of the one with the same id (one Yjs change, so one undo step). */
export function replaceShape(doc: Y.Doc, input: ShapeInput, origin?: unknown): Shape {
  const shape = Shape.parse(input);
  doc.transact(() => boardMaps(doc).shapes.set(shape.id, shapeToYMap(shape)), origin);
  return shape;
}
