import { NOTE_SIZE, type Point, type ShapeInput, type Stride } from '../model/schema';
import type { LibraryEntry } from './library';

export interface NewThreat {
  id: string;
  view: string;
  z: string;
  createdBy: string;
  /** Top-left corner of the note. */
  pos: Point;
  stride: Stride;
  title?: string;
  description?: string;
  elements?: string[];
  entry?: LibraryEntry;
}

/**
 * The record for a new threat note, optionally prefilled from a library entry: its title, description
 * and example mitigations. Un-numbered (`num: 0`): the server gives it its T-number.
 */
export function threatInput(t: NewThreat): ShapeInput & { kind: 'threat' } {
  const fromEntry = t.entry
    ? {
        title: t.entry.title,
        description:
          t.entry.description +
          (t.entry.mitigations.length ? `\n\nExample mitigations:\n${t.entry.mitigations.map((m) => `- ${m}`).join('\n')}` : ''),
        libraryId: t.entry.id,
      }
    : {};
  return {
    kind: 'threat',
    id: t.id,
    view: t.view,
    z: t.z,
    createdBy: t.createdBy,
    createdAt: Date.now(),
    pos: t.pos,
    size: NOTE_SIZE,
    stride: t.stride,
    ...fromEntry,
    ...(t.title !== undefined ? { title: t.title } : {}),
    ...(t.description !== undefined ? { description: t.description } : {}),
    elements: t.elements ?? [],
    num: 0,
  };
}

