/**
 * The threat model report: one model (`report-model.ts`) rendered as a printable HTML page and as
 * Markdown. This module is what the rest of the code imports.
 */
export { escapeHtml, escapeMarkdown, isImageDataUrl, type ReportOptions } from './report-common';
export { reportHtml } from './report-html';
export { reportMarkdown } from './report-markdown';
export { viewSvg } from './report-svg';
