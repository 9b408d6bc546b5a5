import type { FlowShape, ProcessShape, Stride } from '../model/schema';
import { applicableStride, type DfdElement } from '../model/shapes/index';
import { STRIDE_NAMES, THREAT_LIBRARY, type LibraryEntry, type LibraryTag } from './library';

/**
 * Rule-based threat suggestions for one DFD element. Pure and deterministic: the same element, context and
 * options always give the same list.
 *
 * Candidates: library entries whose `appliesTo` includes the element's kind (for a store, repudiation
 * entries only when the store is a log), minus `exclude`.
 *
 * Scoring (points add up):
 *
 * | signal                                        | what it boosts                                   | points |
 * |-----------------------------------------------|--------------------------------------------------|--------|
 * | flow.protocol BLE                             | entries tagged 'BLE'                             | 4      |
 * | flow.protocol HL7 or FHIR                     | 'HL7/FHIR' (+1 'hospital network')               | 4      |
 * | flow.protocol DICOM                           | 'DICOM' (+1 'hospital network')                  | 4      |
 * | flow.protocol USB                             | 'USB/service port' (+1 'physical access')        | 4      |
 * | flow.protocol Wi-Fi                           | 'Wi-Fi' (+2 'hospital network')                  | 4      |
 * | flow.protocol HTTPS and crossesInternet       | 'cloud API' (HTTPS inside a site: 1)             | 4      |
 * | flow.crossesInternet, other protocol          | 'cloud API'                                      | 2      |
 * | flow not authenticated, crossing a boundary   | T entries (tampering, replay, adversary in the   | 4      |
 * |   (or the internet)                           |   middle); 2 when not crossing                   |        |
 * | flow not encrypted                            | I entries                                        | 4      |
 * | process.runsOn phone                          | 'mobile app'                                     | 4      |
 * | process.runsOn cloud                          | 'cloud API'                                      | 4      |
 * | process.runsOn hospital                       | 'hospital network'                               | 4      |
 * | process.runsOn device                         | 'firmware update', 'physical access' 3;          | 3/2    |
 * |                                               |   'BLE', 'USB/service port' 2                    |        |
 * | store.isLog                                   | 'logging' 4, and R entries +3                    | 4/3    |
 * | store.holdsPatientData                        | 'patient data' 3, and I entries +3               | 3      |
 * | word in label/description (update, firmware,  | the matching tag                                 | 2      |
 * |   portal, EHR, PACS, BLE, USB, alarm, log …)  |                                                  |        |
 * | element crosses a trust boundary              | every entry that already scored above 0          | 2      |
 *
 * Broad words (hospital, network, patient, record, password, account) give 1 point instead of 2. A letter-wide
 * boost (the T, I, R rows) counts half for an entry none of whose tags matched, unless it is a generic entry.
 * On a flow with a known protocol, entries tagged only for other transports are left out (HTTPS rules out
 * BLE and USB entries only). A tag contributes once per entry, with its strongest signal. Results are sorted by score (highest first),
 * then id. Entries scoring 0 are left out, unless nothing scores at all: then the generic STRIDE-per-element
 * prompts are returned instead: one per applicable letter (id 'generic-…', else the first by id), score 0.
 */

export interface SuggestContext {
  /** Computed elsewhere from geometry: the element (or the flow's path) crosses a trust boundary. */
  crossesBoundary: boolean;
}

export interface Suggestion {
  entry: LibraryEntry;
  /** Plain words why, e.g. 'unauthenticated BLE flow crossing a trust boundary'. */
  reason: string;
  score: number;
}

/** Every DFD element, whatever its kind (the shape registry says which kinds are elements). */
export type SuggestableShape = DfdElement;

export interface SuggestOptions {
  /** Library ids already used on this element or dismissed by the group. */
  exclude?: Iterable<string>;
  /** Maximum number of suggestions; default 8. */
  limit?: number;
}

export const DEFAULT_SUGGESTION_LIMIT = 8;

interface Signal {
  weight: number;
  reason: string;
}

/** Words in an element's label or description that point at a tag. Matched on whole words, case-insensitive. */
const KEYWORDS: ReadonlyArray<readonly [RegExp, LibraryTag, number?]> = [
  [/\b(ble|bluetooth)\b/, 'BLE'],
  [/\b(wi-?fi|wlan)\b/, 'Wi-Fi'],
  [/\b(updates?|updater|updating|firmware|ota|bootloader|patch(?:es|ing)?)\b/, 'firmware update'],
  [/\b(cloud|portal|api|server|backend|back-end|web)\b/, 'cloud API'],
  [/\b(apps?|phone|smartphone|ios|android|mobile)\b/, 'mobile app'],
  [/\b(hl7|fhir|ehr|emr|lis|interface engine)\b/, 'HL7/FHIR'],
  [/\b(dicom|pacs|modality|scanner|imaging)\b/, 'DICOM'],
  [/\b(usb|service port|service mode|debug|jtag|swd|uart|maintenance)\b/, 'USB/service port'],
  [/\b(hospital|workstation|windows|network|lan|vlan)\b/, 'hospital network', 1],
  [/\b(logs?|logging|audit|journal)\b/, 'logging'],
  [/\b(build|ci|signing|supplier|vendor|sbom|manufactur\w*)\b/, 'supply chain'],
  [/\b(login|password|credentials?|authentication|authenticate|account|pairing)\b/, 'authentication', 1],
  [/\b(alarms?|alerts?|alerting|silenc\w*)\b/, 'alarms'],
  [/\b(backups?|restore|restoring)\b/, 'backup/restore'],
  [/\b(patients?|phi|ephi|records?|readings?|measurements?|vitals)\b/, 'patient data', 1],
  [/\b(dose|doses|dosing|therapy|bolus|infusion|programming|programmer|settings|configuration|config)\b/, 'programming commands'],
];

/** The HL7 and FHIR protocol values both map to one tag. */
const PROTOCOL_TAGS: Readonly<Partial<Record<FlowShape['protocol'], ReadonlyArray<readonly [LibraryTag, number]>>>> = {
  BLE: [['BLE', 4]],
  HL7: [['HL7/FHIR', 4], ['hospital network', 1]],
  FHIR: [['HL7/FHIR', 4], ['hospital network', 1]],
  DICOM: [['DICOM', 4], ['hospital network', 1]],
  USB: [['USB/service port', 4], ['physical access', 1]],
  'Wi-Fi': [['Wi-Fi', 4], ['hospital network', 2]],
};

const RUNS_ON_TAGS: Readonly<Partial<Record<ProcessShape['runsOn'], { reason: string; tags: ReadonlyArray<readonly [LibraryTag, number]> }>>> = {
  phone: { reason: 'runs on a phone', tags: [['mobile app', 4]] },
  cloud: { reason: 'runs in the cloud', tags: [['cloud API', 4]] },
  hospital: { reason: 'runs on the hospital network', tags: [['hospital network', 4]] },
  device: {
    reason: 'runs on the device',
    tags: [
      ['firmware update', 3],
      ['physical access', 3],
      ['BLE', 2],
      ['USB/service port', 2],
    ],
  },
};

/** Tags naming one transport or physical interface. */
const TRANSPORT_TAGS: ReadonlySet<LibraryTag> = new Set<LibraryTag>(['BLE', 'Wi-Fi', 'HL7/FHIR', 'DICOM', 'USB/service port']);

/**
 * On a flow whose protocol is known, an entry about a different transport (a BLE entry on a DICOM flow) is
 * noise. HTTPS may carry FHIR or DICOMweb and may run over Wi-Fi, so it only rules out BLE and USB entries.
 */
function conflictsWithProtocol(el: SuggestableShape, entry: LibraryEntry, signals: ReadonlyMap<LibraryTag, Signal>): boolean {
  if (el.kind !== 'flow') return false;
  const transports = entry.tags.filter((t) => TRANSPORT_TAGS.has(t));
  if (transports.length === 0) return false;
  // Over HTTPS, an HL7/FHIR or DICOM entry fits only when the flow's own words say it carries that.
  if (el.protocol === 'HTTPS') return transports.every((t) => t === 'BLE' || t === 'USB/service port' || ((t === 'HL7/FHIR' || t === 'DICOM') && !signals.has(t)));
  const own = PROTOCOL_TAGS[el.protocol];
  if (!own) return false;
  return !transports.some((t) => own.some(([tag]) => tag === t));
}

const BOUNDARY_POINTS = 2;
const BOUNDARY_REASON = 'crosses a trust boundary';

function addSignal(signals: Map<LibraryTag, Signal>, tag: LibraryTag, weight: number, reason: string): void {
  const prev = signals.get(tag);
  if (!prev || weight > prev.weight) signals.set(tag, { weight, reason });
}

/** Tag signals from the element's own properties and the words in its label and description. */
function tagSignals(el: SuggestableShape): Map<LibraryTag, Signal> {
  const signals = new Map<LibraryTag, Signal>();
  if (el.kind === 'flow') {
    const proto = el.protocol;
    for (const [tag, w] of PROTOCOL_TAGS[proto] ?? []) addSignal(signals, tag, w, `${proto} flow`);
    if (proto === 'HTTPS') {
      addSignal(signals, 'cloud API', el.crossesInternet ? 4 : 1, el.crossesInternet ? 'HTTPS flow over the internet' : 'HTTPS flow');
    } else if (el.crossesInternet) {
      addSignal(signals, 'cloud API', 2, 'flow crosses the internet');
    }
  } else if (el.kind === 'process') {
    const r = RUNS_ON_TAGS[el.runsOn];
    if (r) for (const [tag, w] of r.tags) addSignal(signals, tag, w, r.reason);
  } else if (el.kind === 'store') {
    if (el.isLog) addSignal(signals, 'logging', 4, 'store is a log');
    if (el.holdsPatientData) addSignal(signals, 'patient data', 3, 'store holds patient data');
  }
  const texts: Array<[string, string]> = [
    ['label', el.label],
    ['description', el.description],
  ];
  for (const [where, raw] of texts) {
    const text = raw.toLowerCase();
    if (!text) continue;
    for (const [re, tag, weight = 2] of KEYWORDS) {
      const m = re.exec(text);
      if (m) addSignal(signals, tag, weight, `${where} mentions "${m[1] ?? m[0]}"`);
    }
  }
  return signals;
}

function flowPhrase(flow: FlowShape, adjective: string, crossing: boolean): string {
  const proto = flow.protocol ? `${flow.protocol} ` : '';
  return `${adjective} ${proto}flow${crossing ? ' crossing a trust boundary' : ''}`;
}

/** Points and reasons from security properties that concern a whole STRIDE letter, not a tag. */
function strideBoost(el: SuggestableShape, ctx: SuggestContext, stride: Stride): Signal | null {
  if (el.kind === 'flow') {
    if (stride === 'T' && !el.authenticated) {
      const crossing = ctx.crossesBoundary || el.crossesInternet;
      const phrase = flowPhrase(el, 'unauthenticated', ctx.crossesBoundary);
      return { weight: crossing ? 4 : 2, reason: !ctx.crossesBoundary && el.crossesInternet ? `${phrase} over the internet` : phrase };
    }
    if (stride === 'I' && !el.encrypted) return { weight: 4, reason: flowPhrase(el, 'unencrypted', ctx.crossesBoundary) };
  } else if (el.kind === 'store') {
    if (stride === 'R' && el.isLog) return { weight: 3, reason: 'store is a log' };
    if (stride === 'I' && el.holdsPatientData) return { weight: 3, reason: 'store holds patient data' };
  }
  return null;
}

function joinReasons(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    // Skip a fragment already said by an earlier, longer one ('BLE flow' inside 'unencrypted BLE flow …').
    if (out.some((o) => o.includes(p) || (p === BOUNDARY_REASON && o.includes('trust boundary')))) continue;
    out.push(p);
  }
  return out.join('; ');
}

function byScoreThenId(a: Suggestion, b: Suggestion): number {
  return b.score - a.score || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0);
}

export function suggestThreats(element: SuggestableShape, ctx: SuggestContext, opts: SuggestOptions = {}): Suggestion[] {
  const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_SUGGESTION_LIMIT));
  if (limit === 0) return [];
  const exclude = new Set(opts.exclude ?? []);
  const letters = applicableStride(element);
  const signals = tagSignals(element);
  const candidates = THREAT_LIBRARY.filter(
    (x) => x.appliesTo.includes(element.kind) && letters.includes(x.stride) && !exclude.has(x.id) && !conflictsWithProtocol(element, x, signals),
  );

  const scored: Suggestion[] = [];
  for (const entry of candidates) {
    let score = 0;
    const reasons: Signal[] = [];
    for (const tag of entry.tags) {
      const s = signals.get(tag);
      if (!s) continue;
      score += s.weight;
      reasons.push(s);
    }
    const boost = strideBoost(element, ctx, entry.stride);
    if (boost) {
      // A letter-wide property counts fully for entries on topic (a tag matched) and for broad entries;
      // half for entries about some other surface, so they rank below the relevant ones.
      const broad = entry.tags.length === 0 || entry.id.startsWith('generic-');
      const weight = score > 0 || broad ? boost.weight : Math.floor(boost.weight / 2);
      if (weight > 0) {
        score += weight;
        reasons.unshift({ weight, reason: boost.reason });
      }
    }
    if (score === 0) continue;
    if (ctx.crossesBoundary) {
      score += BOUNDARY_POINTS;
      reasons.push({ weight: 0, reason: BOUNDARY_REASON });
    }
    // Strongest reasons first; stable for equal weights, so the order is deterministic.
    reasons.sort((a, b) => b.weight - a.weight);
    scored.push({ entry, score, reason: joinReasons(reasons.map((r) => r.reason)) });
  }

  if (scored.length > 0) return scored.sort(byScoreThenId).slice(0, limit);
  return genericSuggestions(element, letters, candidates, limit);
}

/** Nothing specific matched: one broad prompt per applicable STRIDE letter, in STRIDE order. */
function genericSuggestions(
  element: SuggestableShape,
  letters: readonly Stride[],
  candidates: readonly LibraryEntry[],
  limit: number,
): Suggestion[] {
  const what = element.kind === 'store' && element.isLog ? 'log store' : element.kind;
  const out: Suggestion[] = [];
  for (const letter of letters) {
    const ofLetter = candidates.filter((x) => x.stride === letter);
    // Prefer the library's generic prompt for the letter; else the first entry by id.
    const entry = ofLetter.find((x) => x.id.startsWith('generic-')) ?? [...ofLetter].sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    if (entry) out.push({ entry, score: 0, reason: `STRIDE per element: ${STRIDE_NAMES[letter].toLowerCase()} applies to every ${what}` });
  }
  return out.slice(0, limit);
}
