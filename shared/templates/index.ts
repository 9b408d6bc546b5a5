import type * as Y from 'yjs';
import { ankleMonitor } from './ankle-monitor';
import { buildTemplate, type TemplateInfo, type TemplateSpec } from './build';
import { imagingSystem } from './imaging-system';
import { therapyBoot } from './therapy-boot';
import { threatboard } from './threatboard';

export type { TemplateInfo } from './build';

/**
 * Starter boards: the three fictional example systems of the MITRE/MDIC Playbook, each with several FDA
 * architecture views, a diagram per view and a few example threats to get a workshop going; and Threatboard's
 * own threat model (docs/threat-model.md).
 */
const SPECS: readonly TemplateSpec[] = [ankleMonitor, imagingSystem, therapyBoot, threatboard];

export const TEMPLATES: readonly TemplateInfo[] = SPECS.map((s) => s.info);

export function templateInfo(id: string): TemplateInfo | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/**
 * Fill a freshly initialised board doc (initBoard already called: meta.title set and a view 'main' exists) with
 * the template's views and shapes, in one transaction. The template's first view reuses 'main'. Throws for an
 * unknown id, before changing anything.
 */
export function applyTemplate(doc: Y.Doc, id: string, origin?: unknown): void {
  const spec = SPECS.find((s) => s.info.id === id);
  if (!spec) throw new Error(`unknown template "${id}"`);
  buildTemplate(doc, spec, origin);
}
