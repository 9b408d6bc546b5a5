import { centerOf, pointInRect, rectOf, type ShapeIndex } from '../model/geometry';
import type { BoundaryShape, FlowShape, Point, Shape } from '../model/schema';
import { shapeModule, textOf } from '../model/shapes/index';
import type { BoardData } from './board-data';

/**
 * One view of a board as a Mermaid flowchart, which GitHub and GitLab draw in place of a fenced
 * ```mermaid block and which stays readable as text: each box element as its kind's node shape (external
 * entities as rectangles, processes as rounded stadiums, data stores as cylinders), flows as labelled arrows (both ways when bidirectional),
 * trust boundaries as subgraphs nested by containment. Out-of-scope elements are dashed.
 *
 * Node ids are generated (`e1`, `b1`, `x1`), never taken from the board, and every label is quoted with
 * the characters Mermaid or HTML give meaning to written as Mermaid entity codes, so no label can end a
 * statement, open a link or inject markup.
 */
/** A node of the chart: a shape whose kind draws one (`mermaidNode`), i.e. the box elements. */
type Element = Shape & { pos: Point; size: { w: number; h: number }; outOfScope: boolean };

const isElement = (s: Shape): s is Element => !!shapeModule(s.kind as string).mermaidNode;

/** A label inside double quotes: `#` first (it starts every entity code), then the rest. */
export function mermaidText(s: string): string {
  const codes: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;', '|': '#124;', '\\': '#92;' };
  const one = s.replace(/\s+/g, ' ').trim();
  return `"${one.replace(/[#"<>&`|\\]/g, (ch) => codes[ch]!)}"`;
}

function nodeShape(s: Element, label: string): string {
  return shapeModule(s.kind as string).mermaidNode!(label);
}

function area(b: BoundaryShape): number {
  return b.size.w * b.size.h;
}

/** The smallest boundary of `boundaries` whose rectangle contains the point, if any. */
function innermost(p: { x: number; y: number }, boundaries: readonly BoundaryShape[], except?: BoundaryShape): BoundaryShape | undefined {
  return boundaries
    .filter((b) => b !== except && pointInRect(p, rectOf(b)) && (!except || area(b) > area(except)))
    .sort((a, b) => area(a) - area(b))[0];
}

export function viewMermaid(data: BoardData, viewId: string, title: string): string {
  const shapes = data.shapes.filter((s) => s.view === viewId);
  const index: ShapeIndex = new Map(data.shapes.map((s) => [s.id, s] as const));
  const elements = shapes.filter(isElement);
  const flows = shapes.filter((s): s is FlowShape => s.kind === 'flow');
  const boundaries = shapes.filter((s): s is BoundaryShape => s.kind === 'boundary');

  const ids = new Map<string, string>();
  elements.forEach((s, i) => ids.set(s.id, `e${i + 1}`));
  boundaries.forEach((b, i) => ids.set(b.id, `b${i + 1}`));

  // Containment: each element and each boundary sits in the smallest boundary around its centre.
  const parentOf = new Map<string, string | undefined>();
  for (const s of elements) parentOf.set(s.id, innermost(centerOf(rectOf(s)), boundaries)?.id);
  for (const b of boundaries) parentOf.set(b.id, innermost(centerOf(rectOf(b)), boundaries, b)?.id);
  const children = (parent: string | undefined) => [...boundaries, ...elements].filter((s) => parentOf.get(s.id) === parent);

  // accTitle runs to the end of its line; Mermaid sanitises it, and angle brackets are dropped anyway.
  const lines: string[] = ['flowchart LR', `  accTitle: Data flow diagram: ${title.replace(/[\r\n<>]+/g, ' ').trim()}`];
  const dashed: string[] = [];
  const emit = (parent: string | undefined, depth: number, seen: Set<string>) => {
    const pad = '  '.repeat(depth);
    for (const s of children(parent)) {
      if (seen.has(s.id)) continue; // boundaries drawn inside each other in a loop: draw each once
      seen.add(s.id);
      if (s.kind === 'boundary') {
        lines.push(`${pad}subgraph ${ids.get(s.id)}[${mermaidText(s.label || 'Trust boundary')}]`);
        emit(s.id, depth + 1, seen);
        lines.push(`${pad}end`);
      } else {
        lines.push(`${pad}${ids.get(s.id)}${nodeShape(s, mermaidText(textOf(s) || `Unnamed ${s.kind}`))}`);
        if (s.outOfScope) dashed.push(ids.get(s.id)!);
      }
    }
  };
  emit(undefined, 1, new Set());

  // A flow end that is not attached to an element of this view gets a small point of its own.
  let free = 0;
  const end = (attached: string | null): string => {
    const id = attached ? ids.get(attached) : undefined;
    if (id && index.get(attached!)?.view === viewId) return id;
    free += 1;
    lines.push(`  x${free}(("unconnected"))`);
    return `x${free}`;
  };
  for (const f of flows) {
    const from = end(f.from);
    const to = end(f.to);
    const text = f.label.trim() + (f.protocol ? ` (${f.protocol})` : '');
    const arrow = f.bidirectional ? '<-->' : '-->';
    lines.push(`  ${from} ${arrow}${text ? `|${mermaidText(text)}|` : ''} ${to}`);
  }
  if (dashed.length) {
    lines.push('  classDef outOfScope stroke-dasharray: 4 3');
    lines.push(`  class ${dashed.join(',')} outOfScope`);
  }
  return lines.join('\n');
}
