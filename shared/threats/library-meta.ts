import type { Stride } from '../model/schema';

/**
 * The small part of the threat library that the board needs before anyone opens the library: tags,
 * element kinds, STRIDE per element and the category names. The entries themselves are in library.ts,
 * which the client loads when the library, suggestions or a drop need them.
 */
export const LIBRARY_TAGS = [
  'BLE',
  'Wi-Fi',
  'firmware update',
  'cloud API',
  'mobile app',
  'HL7/FHIR',
  'DICOM',
  'USB/service port',
  'hospital network',
  'logging',
  'supply chain',
  'authentication',
  'alarms',
  'physical access',
  'backup/restore',
  'patient data',
  'programming commands',
] as const;
export type LibraryTag = (typeof LIBRARY_TAGS)[number];

export type ElementKind = 'entity' | 'process' | 'store' | 'flow';
export const ELEMENT_KINDS: readonly ElementKind[] = ['entity', 'process', 'store', 'flow'];

/**
 * STRIDE per element, as a discussion prompt. For a store, 'R' applies only when the store is a log.
 */
export const STRIDE_PER_ELEMENT: Readonly<Record<ElementKind, readonly Stride[]>> = {
  entity: ['S', 'R'],
  process: ['S', 'T', 'R', 'I', 'D', 'E'],
  store: ['T', 'R', 'I', 'D'],
  flow: ['T', 'I', 'D'],
};

export const STRIDE_NAMES: Readonly<Record<Stride, string>> = {
  S: 'Spoofing',
  T: 'Tampering',
  R: 'Repudiation',
  I: 'Information disclosure',
  D: 'Denial of service',
  E: 'Elevation of privilege',
};

