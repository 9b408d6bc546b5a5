
/**
 * OWASP Threat Dragon models in and out.
 *
 * Import reads v1 (JointJS: `diagramJson.cells`, kind in `type`, fields on the cell) and v2 (AntV X6:
 * `cells`, kind in `shape`, fields in `data`). Each diagram becomes a view; actors, processes, stores,
 * flows (attached to cells or ending at free points), boundary boxes, boundary curves (as the bounding box
 * of their points: a board's boundaries are rectangles) and text blocks become shapes; each threat becomes
 * a threat note attached to its element, and its mitigation text a mitigation record (one record per
 * distinct text, linked to every threat that names it).
 *
 * What the board has no field for (a threat's Threat Dragon severity and score, a type outside STRIDE) is
 * kept in a last line of the threat's description, `[Threat Dragon] severity: High; score: 5`, and read
 * back by the export, so a model survives Threat Dragon → board → Threat Dragon.
 *
 * Export writes v2 that validates against Threat Dragon's own JSON schema (see PITFALLS.md for its traps).
 */
export { isThreatDragonModel, readTrailer } from './threat-dragon/model';
export * from './threat-dragon/import';
export * from './threat-dragon/export';
