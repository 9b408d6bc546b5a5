import type { Stride } from '../model/schema';
import { ELEMENT_KINDS, shapeModule, type ElementKind } from '../model/shapes/index';

/**
 * The small part of the threat library that the board needs before anyone opens the library: tags,
 * element kinds (from the shape registry), STRIDE per element and the category names. The entries themselves are in library.ts,
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

export { ELEMENT_KINDS, type ElementKind } from '../model/shapes/index';

/**
 * STRIDE per element, as a discussion prompt: each kind's letters, from its module. For a store, 'R'
 * applies only when the store is a log (see `applicableStride`).
 */
export const STRIDE_PER_ELEMENT: Readonly<Record<ElementKind, readonly Stride[]>> = Object.fromEntries(
  ELEMENT_KINDS.map((k) => [k, shapeModule(k).stride]),
) as Record<ElementKind, readonly Stride[]>;

export const STRIDE_NAMES: Readonly<Record<Stride, string>> = {
  S: 'Spoofing',
  T: 'Tampering',
  R: 'Repudiation',
  I: 'Information disclosure',
  D: 'Denial of service',
  E: 'Elevation of privilege',
};

