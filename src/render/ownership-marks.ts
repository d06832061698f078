/** Ownership label and annotations on every rendered manifest (DESIGN "Contracts"). */
import {
  bindingAnnotation,
  isPlainObject,
  managedByLabel,
  managedByValue,
  sortRecord,
  type JsonObject,
} from '../api/index.ts';

/**
 * The identity written into `flotilla.io/binding`: `namespace/name` of the binding, or its name.
 * No revision: a manifest changes only when its content does (DESIGN "Contracts": which revision
 * an object came from is recorded without rewriting objects that did not change).
 */
export interface OwnerMarks {
  readonly binding: string;
}

/** Sets the ownership label and annotations in place, creating the maps when absent, keys sorted (D5). */
export function markOwnership(m: JsonObject, marks: OwnerMarks): void {
  if (!isPlainObject(m['metadata'])) m['metadata'] = {};
  const meta = m['metadata'] as JsonObject;
  const labels = isPlainObject(meta['labels']) ? (meta['labels'] as Record<string, string>) : {};
  const annotations = isPlainObject(meta['annotations']) ? (meta['annotations'] as Record<string, string>) : {};
  labels[managedByLabel] = managedByValue;
  annotations[bindingAnnotation] = marks.binding;
  meta['labels'] = sortRecord(labels);
  meta['annotations'] = sortRecord(annotations);
}
