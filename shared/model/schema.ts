import { z } from 'zod';

/**
 * Record schemas of the board document. Every record carries a schema version `v`; reading goes
 * through `parse*` so that an old record gets defaults and a bad one is reported and skipped,
 * never crashing a client or stopping sync.
 */
export const SCHEMA_VERSION = 1;

const finite = z.number().finite();
export const Point = z.object({ x: finite, y: finite });
export type Point = z.infer<typeof Point>;
export const Size = z.object({ w: finite.min(8).max(20000), h: finite.min(8).max(20000) });
export type Size = z.infer<typeof Size>;

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple', 'gray'] as const;
export const NoteColor = z.enum(NOTE_COLORS);
export type NoteColor = z.infer<typeof NoteColor>;

/** Fields every shape has. `z` is a fractional index (string order), never a position in an array. */
const ShapeBase = z.object({
  id: z.string().min(1).max(64),
  v: z.number().int().min(1).default(SCHEMA_VERSION),
  view: z.string().min(1).max(64).default('main'),
  z: z.string().min(1).max(128).default('a0'),
  createdBy: z.string().max(64).default(''),
  createdAt: z.number().int().nonnegative().default(0),
});

export const NOTE_SIZE: Size = { w: 160, h: 120 };

export const NoteShape = ShapeBase.extend({
  kind: z.literal('note'),
  /** One field so that a drag writes one value per move. */
  pos: Point.default({ x: 0, y: 0 }),
  size: Size.default(NOTE_SIZE),
  text: z.string().max(10_000).default(''),
  color: NoteColor.catch('yellow').default('yellow'),
});
export type NoteShape = z.infer<typeof NoteShape>;

const label = z.string().max(200).default('');
const longText = z.string().max(20_000).default('');

/** Fields of every DFD element (entity, process, store, flow): what a reviewer needs to scope it. */
const ElementFields = {
  label,
  description: longText,
  outOfScope: z.boolean().default(false),
  outOfScopeReason: z.string().max(2000).default(''),
};

/** A box-shaped diagram element: position (one field) and size. */
const Boxed = { pos: Point.default({ x: 0, y: 0 }), size: Size.default({ w: 140, h: 80 }) };

export const EntityShape = ShapeBase.extend({ kind: z.literal('entity'), ...Boxed, ...ElementFields });
export type EntityShape = z.infer<typeof EntityShape>;

export const RUNS_ON = ['', 'device', 'phone', 'cloud', 'hospital', 'other'] as const;
export const ProcessShape = ShapeBase.extend({
  kind: z.literal('process'),
  ...Boxed,
  ...ElementFields,
  runsOn: z.enum(RUNS_ON).catch('').default(''),
});
export type ProcessShape = z.infer<typeof ProcessShape>;

export const StoreShape = ShapeBase.extend({
  kind: z.literal('store'),
  ...Boxed,
  ...ElementFields,
  holdsPatientData: z.boolean().default(false),
  isLog: z.boolean().default(false),
});
export type StoreShape = z.infer<typeof StoreShape>;

export const PROTOCOLS = ['', 'BLE', 'Wi-Fi', 'HTTPS', 'HL7', 'FHIR', 'DICOM', 'USB', 'other'] as const;
export const Protocol = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof Protocol>;

/**
 * A data flow between two elements. An end is either attached (`from`/`to` = shape id) or free
 * (`fromPt`/`toPt`), e.g. after its element was deleted; an attached end follows its element.
 */
export const FlowShape = ShapeBase.extend({
  kind: z.literal('flow'),
  ...ElementFields,
  from: z.string().max(64).nullable().default(null),
  to: z.string().max(64).nullable().default(null),
  fromPt: Point.default({ x: 0, y: 0 }),
  toPt: Point.default({ x: 100, y: 0 }),
  bends: z.array(Point).max(50).default([]),
  bidirectional: z.boolean().default(false),
  protocol: Protocol.catch('').default(''),
  encrypted: z.boolean().default(false),
  authenticated: z.boolean().default(false),
  crossesInternet: z.boolean().default(false),
});
export type FlowShape = z.infer<typeof FlowShape>;

/** A trust boundary: a closed dashed rectangle drawn behind everything else. */
export const BoundaryShape = ShapeBase.extend({
  kind: z.literal('boundary'),
  pos: Point.default({ x: 0, y: 0 }),
  size: Size.default({ w: 400, h: 300 }),
  label,
  description: longText,
});
export type BoundaryShape = z.infer<typeof BoundaryShape>;

export const TextShape = ShapeBase.extend({
  kind: z.literal('text'),
  pos: Point.default({ x: 0, y: 0 }),
  size: Size.default({ w: 240, h: 40 }),
  text: z.string().max(10_000).default(''),
});
export type TextShape = z.infer<typeof TextShape>;

export const STRIDE = ['S', 'T', 'R', 'I', 'D', 'E'] as const;
export const Stride = z.enum(STRIDE);
export type Stride = z.infer<typeof Stride>;

export const THREAT_STATUSES = ['open', 'mitigated', 'accepted', 'transferred', 'eliminated', 'not-applicable'] as const;
export type ThreatStatus = (typeof THREAT_STATUSES)[number];
/** ISO 14971 severity of patient harm; '' = not assessed yet. */
export const SEVERITIES = ['', 'negligible', 'minor', 'serious', 'critical', 'catastrophic'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const EXPLOITABILITIES = ['', 'low', 'medium', 'high'] as const;
export type Exploitability = (typeof EXPLOITABILITIES)[number];
export const STRATEGIES = ['', 'eliminate', 'mitigate', 'accept', 'transfer'] as const;
export type Strategy = (typeof STRATEGIES)[number];
export const LINK_STATUSES = ['planned', 'implemented', 'verified'] as const;

/** A threat's link to a mitigation record, with the status of that mitigation for this threat. */
export const MitigationLink = z.object({ id: z.string().min(1).max(64), status: z.enum(LINK_STATUSES).catch('planned').default('planned') });
export type MitigationLink = z.infer<typeof MitigationLink>;

/**
 * A threat note *is* the threat record: a sticky note with a STRIDE category, attached to the elements it
 * concerns. `num` is the human ID (T-<num>), handed out by the server so concurrent creators never clash;
 * 0 means "not numbered yet".
 */
export const ThreatShape = ShapeBase.extend({
  kind: z.literal('threat'),
  pos: Point.default({ x: 0, y: 0 }),
  size: Size.default(NOTE_SIZE),
  stride: Stride.catch('T').default('T'),
  title: z.string().max(300).default(''),
  description: longText,
  elements: z.array(z.string().max(64)).max(200).default([]),
  num: z.number().int().nonnegative().default(0),
  status: z.enum(THREAT_STATUSES).catch('open').default('open'),
  /** Library entry this threat was created from, if any. */
  libraryId: z.string().max(64).default(''),
  /** Dots from the last closed vote that included this threat; written by the server's tally. */
  votes: z.number().int().nonnegative().default(0),
  // Register fields (questions 3 and 4): risk before and after, response, ownership.
  severity: z.enum(SEVERITIES).catch('').default(''),
  exploitability: z.enum(EXPLOITABILITIES).catch('').default(''),
  /** CVSS 3.1 vector string, e.g. CVSS:3.1/AV:A/AC:L/…; '' when not scored. The score is computed, never stored. */
  cvss: z.string().max(200).default(''),
  strategy: z.enum(STRATEGIES).catch('').default(''),
  /** Why a threat is accepted or transferred: required for those two strategies. */
  rationale: z.string().max(5000).default(''),
  owner: z.string().max(100).default(''),
  residualSeverity: z.enum(SEVERITIES).catch('').default(''),
  residualExploitability: z.enum(EXPLOITABILITIES).catch('').default(''),
  /** Handed to the safety risk file (AAMI TIR57 / SW96). */
  safetyHandoff: z.boolean().default(false),
  mitigations: z.array(MitigationLink).max(200).default([]),
});
export type ThreatShape = z.infer<typeof ThreatShape>;

/** Every shape kind, registered once; nothing elsewhere needs a list of kinds. */
export const Shape = z.discriminatedUnion('kind', [
  NoteShape,
  ThreatShape,
  EntityShape,
  ProcessShape,
  StoreShape,
  FlowShape,
  BoundaryShape,
  TextShape,
]);
export type Shape = z.infer<typeof Shape>;
export type ShapeKind = Shape['kind'];

/** Kinds that make up a view's diagram: frozen while a facilitator locks the view (notes and threats are not). */
export const LOCKABLE_KINDS: ReadonlySet<string> = new Set<ShapeKind>(['entity', 'process', 'store', 'flow', 'boundary', 'text']);

/** What a person calls each kind, in lists, reports and announcements. */
export const SHAPE_KIND_LABELS: Readonly<Record<ShapeKind, string>> = {
  note: 'Note',
  threat: 'Threat',
  entity: 'External entity',
  process: 'Process',
  store: 'Data store',
  flow: 'Data flow',
  boundary: 'Trust boundary',
  text: 'Text',
};
export type ShapeInput = z.input<typeof Shape>;

/** The FDA architecture views (2023 premarket guidance) plus custom ones. */
export const VIEW_KINDS = ['global', 'multi-patient', 'updatability', 'security-use-case', 'custom'] as const;
export const VIEW_KIND_LABELS: Record<(typeof VIEW_KINDS)[number], string> = {
  global: 'Global system view',
  'multi-patient': 'Multi-patient harm view',
  updatability: 'Updatability / patchability view',
  'security-use-case': 'Security use case view',
  custom: 'Custom view',
};

export const View = z.object({
  id: z.string().min(1).max(64),
  v: z.number().int().min(1).default(SCHEMA_VERSION),
  title: z.string().max(200).default('Main'),
  kind: z.enum(VIEW_KINDS).catch('custom').default('custom'),
  description: longText,
  order: z.string().min(1).max(128).default('a0'),
});
export type View = z.infer<typeof View>;

/** FDA premarket guidance security control categories. */
export const CONTROL_CATEGORIES = [
  'authentication',
  'authorization',
  'cryptography',
  'integrity',
  'confidentiality',
  'logging',
  'resiliency',
  'updatability',
] as const;
export const CONTROL_CATEGORY_LABELS: Record<(typeof CONTROL_CATEGORIES)[number], string> = {
  authentication: 'Authentication',
  authorization: 'Authorization',
  cryptography: 'Cryptography',
  integrity: 'Code, data and execution integrity',
  confidentiality: 'Confidentiality',
  logging: 'Event detection and logging',
  resiliency: 'Resiliency and recovery',
  updatability: 'Updatability and patchability',
};

/** A mitigation (security control), M-<num>, linked many-to-many to threats via ThreatShape.mitigations. */
export const Mitigation = z.object({
  id: z.string().min(1).max(64),
  v: z.number().int().min(1).default(SCHEMA_VERSION),
  num: z.number().int().nonnegative().default(0),
  title: z.string().max(300).default(''),
  category: z.enum(CONTROL_CATEGORIES).catch('integrity').default('integrity'),
  description: longText,
  owner: z.string().max(100).default(''),
  /** Where it is verified: a test case, report or requirement id. */
  verification: z.string().max(2000).default(''),
  createdAt: z.number().int().nonnegative().default(0),
});
export type Mitigation = z.infer<typeof Mitigation>;

/** A stated assumption of the threat model (e.g. "the hospital network is hostile"). */
export const Assumption = z.object({
  id: z.string().min(1).max(64),
  v: z.number().int().min(1).default(SCHEMA_VERSION),
  text: z.string().max(2000).default(''),
  threats: z.array(z.string().max(64)).max(500).default([]),
  order: z.string().min(1).max(128).default('a0'),
});
export type Assumption = z.infer<typeof Assumption>;

export const Meta = z.object({
  title: z.string().max(200).default('Untitled board'),
  schemaVersion: z.number().int().min(1).default(SCHEMA_VERSION),
});
export type Meta = z.infer<typeof Meta>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ') };
}
