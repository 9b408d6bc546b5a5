import type { z } from 'zod';
import type { TdCell } from '../../formats/threat-dragon/model';
import type { Rect } from '../rect';
import type { Point, Size } from './common';
import type { Stride } from './threat';

/** The smallest thing every shape record is: a kind, an id, a view. */
export interface AnyShape {
  kind: string;
  id: string;
  view: string;
}

/** Shapes by id, to resolve a flow's ends or a threat's elements. */
export type ShapeIndex = ReadonlyMap<string, AnyShape>;

/** The field a shape's text editor edits: what a person would call the shape by. */
export type TextField = 'text' | 'label' | 'title';

export interface SvgContext {
  /** Every shape of the board, for flows' ends and threats' elements. */
  index: ShapeIndex;
  /** The view being drawn. */
  view: string;
  /** Prefix of ids inside this picture (arrow markers), unique per picture in one page. */
  idPrefix: string;
  /** Bounds of any shape of the index (through its kind's module). */
  bounds(s: AnyShape): Rect;
}

/** What a kind's `describe` may ask about other shapes. */
export interface DescribeContext {
  index: ShapeIndex;
  /** A shape's text (what a person calls it), trimmed. */
  text(s: AnyShape): string;
  /** What a person calls its kind ("Data flow"). */
  label(s: AnyShape): string;
  /** Its kind's own description, or null when the kind has none (then its text is the description). */
  describe(s: AnyShape): string | null;
}

/** What the export gives a kind to write its Threat Dragon cell. */
export interface TdExportContext {
  index: ShapeIndex;
  /** Ids of the shapes that are cells of this diagram: a flow attaches only to those. */
  exported: ReadonlySet<string>;
  /** `id`, `zIndex`, `visible`, and for a boxed shape `position` and `size`. */
  common: Record<string, unknown>;
  /** Threat Dragon threats of the threats attached to this shape (Threat Dragon keeps threats on cells). */
  threats: ReadonlyArray<Record<string, unknown>>;
  hasOpenThreats: boolean;
}

/** Element fields as Threat Dragon keeps them (v2 in `data`, v1 on the cell). */
export interface TdElementData {
  description?: string | undefined;
  isALog?: boolean | undefined;
  isBidirectional?: boolean | undefined;
  isEncrypted?: boolean | undefined;
  isPublicNetwork?: boolean | undefined;
  protocol?: string | undefined;
}

/** What the import gives a kind to build its shape from one Threat Dragon cell. */
export interface TdImportContext {
  cell: TdCell;
  data: TdElementData;
  /** `v`, `view`, `createdBy`, `createdAt`, `id` and `z` of the new shape. */
  base: { v: number; view: string; createdBy: string; createdAt: number; id: string; z: string };
  /** Position and size of a box cell (defaults filled, size clamped). */
  pos: Point;
  size: Size;
  /** The cell's name, and the element fields every DFD element has (clipped to the schema's limits). */
  name: string;
  element: { label: string; description: string; outOfScope: boolean; outOfScopeReason: string };
  /** A flow end: the attached element (must be `connectable`) or the free point. */
  end(which: 'source' | 'target'): { id: string | null; pt: Point };
  warn(message: string): void;
  /** Cut text to a schema's limit, with an ellipsis. */
  clip(text: string | undefined, max: number): string;
}

/** How a kind reads Threat Dragon cells: the cell names it claims, and whether it links other cells. */
export interface TdReader<S> {
  /** Cell `shape` (v2) or `type` (v1) names, lower case. */
  names: readonly string[];
  /** Read after every box cell, because it refers to them (a flow's ends). */
  links?: boolean;
  read(ctx: TdImportContext): S;
}

export interface TdMapping<S> {
  /** Cells are written in this order (lower first): boundaries lie behind. */
  layer: number;
  /** The Threat Dragon cell of this shape. */
  cell(s: S, ctx: TdExportContext): Record<string, unknown>;
  /** Cell kinds of Threat Dragon that become this kind on import. */
  readers?: ReadonlyArray<TdReader<S>>;
}

/**
 * Everything the shared code knows about one shape kind, in one object: the record's schema and default
 * size, which text it edits, its geometry, its data-flow-diagram facts, how the report draws it and how it
 * maps to and from Threat Dragon. One module per kind (`shapes/<kind>.ts`), registered in `shapes/index.ts`;
 * nothing elsewhere lists or switches on kinds. The client's half (Konva view, tool, properties) lives in
 * `client/canvas/shapes/`.
 */
export interface ShapeKindModule<S extends AnyShape = AnyShape> {
  readonly kind: S['kind'];
  /** What a person calls it, in lists, reports and announcements. */
  readonly label: string;
  /** The record schema; defaults fill missing fields, so an old record reads. */
  readonly schema: z.ZodType<S>;
  /** Size of a newly placed one; null for a kind drawn between others (a flow). */
  readonly defaultSize: Size | null;
  readonly textField: TextField;
  /** Text a person would call this shape by. */
  text(s: S): string;
  /** A DFD element: STRIDE per element applies, threats attach to it, coverage lists it. */
  readonly isElement: boolean;
  /** Part of the data flow diagram as the report lists it (elements and trust boundaries). */
  readonly inDiagram: boolean;
  /** A data flow can start or end at it. */
  readonly connectable: boolean;
  /** Frozen while a facilitator locks its view (the diagram; notes and threats stay free). */
  readonly lockable: boolean;
  /** STRIDE letters worth discussing for this kind (STRIDE per element); empty unless an element. */
  readonly stride: readonly Stride[];
  /** The letters for one shape, when its fields narrow them (a store that is not a log: no R). */
  strideOf?(s: S): readonly Stride[];
  /** Bounding rectangle in world coordinates. */
  bounds(s: S, index: ShapeIndex): Rect;
  /** Flow labels are placed off it (diagram boxes and texts; notes move and boundaries enclose, so not them). */
  readonly avoidedByLabels: boolean;
  /** Is p on the shape (within `tolerance` for lines and outlines)? */
  hit(s: S, p: Point, tolerance: number, index: ShapeIndex): boolean;
  /** One line describing it in lists ("Phone → Cloud (HTTPS)"); default: its text, "(empty)" if none. */
  describe?(s: S, ctx: DescribeContext): string;
  /** Report drawing order: lower is drawn first (boundaries 0 … threats 5). */
  readonly svgLayer: number;
  /** Standalone SVG of the shape for the report; every piece of user text escaped. */
  svg(s: S, ctx: SvgContext): string;
  /** Drawn under every shape of the picture (a threat's dashed connectors to its elements). */
  svgUnder?(s: S, ctx: SvgContext): string;
  /** Its node in a Mermaid flowchart, around an already quoted label (`[…]`, `([…])`); absent if no node. */
  mermaidNode?(label: string): string;
  /** Threat Dragon mapping; null when the kind is no cell there (threats ride on their elements). */
  readonly td: TdMapping<S> | null;
}

/** Bounds of a box-shaped shape. */
export type BoxedFields = { pos: Point; size: Size };

export type { Rect };
