import type { BoardData } from './board-data';

/**
 * Every file a board can be downloaded as, in the order of the Export menu. The server's export route,
 * the Export menu and the tests iterate this list; adding a format is one entry here (see "How to add an
 * export format" in docs/architecture.md).
 *
 * Files are built by the server from the live document (every role may download every format), so the
 * browser only needs the descriptions: each writer is imported on first use, which keeps the report and
 * Threat Dragon code out of the browser's bundle. The PNG of a view is not here: only the browser has the
 * drawing, so it is made by the Export menu itself.
 */
export interface ExportFormat {
  /** The `format` of `GET /api/boards/:id/export?format=…`; never renamed once shipped (scripts use it). */
  readonly id: string;
  /** The Export menu's item, and the hint beside it. */
  readonly label: string;
  readonly hint: string;
  /** The file in words, for progress and failures: "Preparing the backup…". */
  readonly what: string;
  /** Put between the board's title and the extension in the download's name: `Pump report.md`. */
  readonly suffix: string;
  /** Without the dot. */
  readonly extension: string;
  readonly contentType: string;
  /** Response headers this format needs beyond the ones every download gets. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly write: (data: BoardData) => Promise<string>;
}

/**
 * The policy of the HTML report. The page has no script; the policy makes sure nothing in it could run one
 * (an escaping bug, an image pretending to be markup), and `sandbox` gives it an opaque origin if a browser
 * shows it inline. The browser adds the same policy as a meta tag when it opens the report from a blob:
 * URL (`metaCsp`).
 */
export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/** Directives a `<meta http-equiv>` policy may not carry (browsers ignore them there, with a warning). */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'sandbox', 'report-uri']);

/** A policy as it can be written in a meta tag: the same, less the directives only a header may carry. */
export function metaCsp(policy: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !HEADER_ONLY_DIRECTIVES.has(d.split(/\s+/)[0]!))
    .join('; ');
}

const JSON_TYPE = 'application/json; charset=utf-8';

const FORMATS = [
  {
    id: 'json',
    label: 'JSON backup',
    hint: '.json',
    what: 'the backup',
    suffix: '.threatboard',
    extension: 'json',
    contentType: JSON_TYPE,
    write: async (data) => {
      const { toBackup } = await import('./board-data');
      return JSON.stringify(toBackup(data), null, 2);
    },
  },
  {
    id: 'csv',
    label: 'CSV register',
    hint: 'Excel',
    what: 'the CSV register',
    suffix: ' register',
    extension: 'csv',
    contentType: 'text/csv; charset=utf-8; header=present',
    write: async (data) => (await import('./csv')).registerCsv(data),
  },
  {
    id: 'threat-dragon',
    label: 'Threat Dragon v2',
    hint: '.json',
    what: 'the Threat Dragon model',
    suffix: ' threat-dragon',
    extension: 'json',
    contentType: JSON_TYPE,
    write: async (data) => JSON.stringify((await import('./threat-dragon/export')).boardToThreatDragon(data).model, null, 2),
  },
  {
    id: 'markdown',
    label: 'Markdown report',
    hint: '.md',
    what: 'the Markdown report',
    suffix: ' report',
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    write: async (data) => (await import('./report')).reportMarkdown(data),
  },
  {
    id: 'html',
    label: 'HTML report',
    hint: '.html',
    what: 'the HTML report',
    suffix: ' report',
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    headers: { 'Content-Security-Policy': REPORT_CSP },
    write: async (data) => (await import('./report')).reportHtml(data),
  },
] as const satisfies readonly ExportFormat[];

export const EXPORT_FORMATS: readonly ExportFormat[] = FORMATS;
export type ExportFormatId = (typeof FORMATS)[number]['id'];

/** The format with this id; undefined for anything else (`constructor` included: no object lookup). */
export function exportFormat(id: ExportFormatId): ExportFormat;
export function exportFormat(id: string): ExportFormat | undefined;
export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}

/** What follows the board's title in a download's name: `.threatboard.json`, ` report.md`. */
export function fileSuffix(format: ExportFormat): string {
  return `${format.suffix}.${format.extension}`;
}
