import { z } from 'zod';
import { longText, SCHEMA_VERSION } from './shapes/common';

/**
 * Record schemas of the board document. Every record carries a schema version `v`; reading goes
 * through `parse*` so that an old record gets defaults and a bad one is reported and skipped,
 * never crashing a client or stopping sync.
 */
export { SCHEMA_VERSION, Point, Size, NOTE_SIZE } from './shapes/common';
export { NOTE_COLORS, NoteColor, NoteShape } from './shapes/note';
export { EntityShape } from './shapes/entity';
export { RUNS_ON, ProcessShape } from './shapes/process';
export { StoreShape } from './shapes/store';
export { PROTOCOLS, Protocol, FlowShape } from './shapes/flow';
export { BoundaryShape } from './shapes/boundary';
export { TextShape } from './shapes/text';
export {
  STRIDE,
  Stride,
  THREAT_STATUSES,
  SEVERITIES,
  EXPLOITABILITIES,
  STRATEGIES,
  LINK_STATUSES,
  MitigationLink,
  ThreatShape,
  type ThreatStatus,
  type Severity,
  type Exploitability,
  type Strategy,
} from './shapes/threat';
/** Every shape kind is one module in `shapes/`, registered once in `shapes/index.ts`; the union is built there. */
export { Shape, LOCKABLE_KINDS, SHAPE_KIND_LABELS, type ShapeKind, type ShapeInput } from './shapes/index';

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
  /** Authorship, stamped by the server's policy (client values are put back). */
  createdBy: z.string().max(64).optional().catch(undefined),
  createdAt: z.number().int().nonnegative().default(0),
  updatedBy: z.string().max(64).optional().catch(undefined),
  updatedAt: z.number().int().nonnegative().optional().catch(undefined),
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
