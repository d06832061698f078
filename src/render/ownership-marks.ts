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

/**
 * Sets the ownership label and annotations on `m`'s own `metadata`, creating the maps when absent,
 * keys sorted (D5). The label and annotation maps are replaced, never changed, so `m` may share
 * them (and everything outside `metadata`) with the template.
 */
export function markOwnership(m: JsonObject, marks: OwnerMarks): void {
  if (!isPlainObject(m['metadata'])) m['metadata'] = {};
  const meta = m['metadata'] as JsonObject;
  const labels = isPlainObject(meta['labels']) ? (meta['labels'] as Record<string, string>) : {};
  const annotations = isPlainObject(meta['annotations']) ? (meta['annotations'] as Record<string, string>) : {};
  meta['labels'] = sortRecord({ ...labels, [managedByLabel]: managedByValue });
  meta['annotations'] = sortRecord({ ...annotations, [bindingAnnotation]: marks.binding });
}

/** A copy of `m` with the ownership marks; only the top level and `metadata` are new, the rest is shared with `m`. */
export function markedCopy(m: Readonly<JsonObject>, marks: OwnerMarks): JsonObject {
  const meta = m['metadata'];
  const out: JsonObject = { ...m, metadata: isPlainObject(meta) ? { ...meta } : {} };
  markOwnership(out, marks);
  return out;
}
