import DOMPurify from 'dompurify';

/**
 * Mermaid's own parser, in Node. Mermaid sanitises titles with DOMPurify, which without a DOM has no
 * hooks; parsing never renders, so no-op hooks and an identity sanitiser are enough here. The returned
 * structure is what Mermaid's flowchart database holds after parsing: nodes, edges and subgraphs.
 */
export interface ParsedFlowchart {
  nodes: { id: string; text: string; type: string }[];
  edges: { start: string; end: string; text: string; type: string }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
}

let ready: Promise<typeof import('mermaid').default> | null = null;
function mermaid() {
  const p = DOMPurify as unknown as Record<string, unknown>;
  p.addHook ??= () => {};
  p.removeHook ??= () => {};
  p.removeAllHooks ??= () => {};
  if (!('isSupported' in p) || !p.isSupported) p.sanitize = (s: string) => s;
  ready ??= import('mermaid').then((m) => m.default);
  return ready;
}

interface FlowDb {
  getVertices(): Map<string, { text: string; type: string }>;
  getEdges(): { start: string; end: string; text: string; type: string }[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
}

/** Parse one Mermaid block; throws on a syntax error, as mermaid.parse does. */
export async function parseFlowchart(text: string): Promise<ParsedFlowchart> {
  const m = await mermaid();
  await m.parse(text);
  const api = (m as unknown as { mermaidAPI: { getDiagramFromText(t: string): Promise<{ db: FlowDb }> } }).mermaidAPI;
  const { db } = await api.getDiagramFromText(text);
  return {
    nodes: [...db.getVertices().entries()].map(([id, v]) => ({ id, text: v.text, type: v.type })),
    edges: db.getEdges().map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: [...s.nodes] })),
  };
}

/** The ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

const NAMED: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&', apos: "'" };

/**
 * A label as Mermaid shows it: its parser keeps entity codes (`#quot;`, `#35;`) as placeholders that its
 * renderer turns into HTML entities, which the browser then shows as characters. This does both steps.
 */
export function decode(text: string): string {
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (m, name: string) => NAMED[name] ?? m);
}
