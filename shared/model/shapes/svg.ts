/** Small helpers for the report's SVG drawings, shared by every kind's `svg`. */

const XML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for XML content and quoted attributes: every label is typed by someone, so it is always escaped. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A number for an SVG attribute, to one decimal. */
export function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Word-wrap to lines of at most `width` characters, at most `maxLines` lines (the last one ellipsised). */
export function wrap(text: string, width: number, maxLines: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = word.length > width ? `${word.slice(0, width - 1)}…` : word;
      if (line && line.length + 1 + w.length > width) {
        out.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    out.push(line);
  }
  const lines = out.filter((l, i) => l !== '' || i === 0);
  if (lines.length > maxLines) return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]!.slice(0, width - 1)}…`];
  return lines;
}

export interface SvgTextOptions {
  size?: number;
  anchor?: 'middle' | 'start';
  weight?: string;
  fill?: string;
}

/** Lines of text centred vertically on y. */
export function svgText(lines: string[], x: number, y: number, opts: SvgTextOptions = {}): string {
  const size = opts.size ?? 12;
  const top = y - ((lines.length - 1) * size * 1.2) / 2;
  const tspans = lines.map((l, i) => `<tspan x="${n(x)}" y="${n(top + i * size * 1.2)}">${escapeXml(l)}</tspan>`).join('');
  return `<text font-size="${size}" text-anchor="${opts.anchor ?? 'middle'}" dominant-baseline="middle"${opts.weight ? ` font-weight="${opts.weight}"` : ''}${opts.fill ? ` fill="${opts.fill}"` : ''}>${tspans}</text>`;
}

/** A rectangle element. `extra` is trusted attribute text written by a kind module, never user text. */
export function svgRect(r: { x: number; y: number; w: number; h: number }, extra: string): string {
  return `<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.w)}" height="${n(r.h)}" ${extra}/>`;
}
