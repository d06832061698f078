/**
 * labelsOverrider / annotationsOverrider: add, remove or replace keys of `metadata.labels` or
 * `metadata.annotations` (Karmada pkg/util/overridemanager/labelannotationoverrider.go).
 * `add` creates the map when it is absent; `remove` and `replace` skip keys that do not exist,
 * silently, as Karmada does.
 */
import { isPlainObject, sortedKeys, type JsonObject, type LabelAnnotationOverrider } from '../api/index.ts';
import { applyJsonPatch, escapePointerToken, type PatchOperation } from './json-patch.ts';
import { applied, type StepOutcome } from './outcome.ts';

/** Which metadata map an overrider edits. */
export type MetadataMap = 'labels' | 'annotations';

/** Applies one labels or annotations overrider to a copy of the document. */
export function applyLabelAnnotationOverrider(
  doc: JsonObject,
  map: MetadataMap,
  overrider: LabelAnnotationOverrider,
): StepOutcome {
  const value = overrider.value ?? {};
  // Keys in code-unit order so the map a manifest ends with does not depend on policy key order (D3).
  const keys = sortedKeys(value);
  if (keys.length === 0) return applied(doc);
  const existing = existingMap(doc, map);
  let base: JsonObject = doc;
  if (overrider.operator === 'add' && existing === undefined) base = withEmptyMap(doc, map);
  const patches: PatchOperation[] = [];
  for (const key of keys) {
    if (overrider.operator !== 'add' && !(existing && Object.hasOwn(existing, key))) continue;
    patches.push({ op: overrider.operator, path: `/metadata/${map}/${escapePointerToken(key)}`, value: value[key] });
  }
  if (patches.length === 0) return applied(doc);
  return applyJsonPatch(base, patches);
}

/**
 * The map as apimachinery NestedStringMap sees it: undefined when absent, null or not a map of
 * strings (Karmada then treats every key as missing, and `add` recreates the map).
 */
function existingMap(doc: JsonObject, map: MetadataMap): Readonly<Record<string, string>> | undefined {
  const meta = doc['metadata'];
  if (!isPlainObject(meta)) return undefined;
  const m = meta[map];
  if (!isPlainObject(m)) return undefined;
  return Object.values(m).every((v) => typeof v === 'string') ? (m as Record<string, string>) : undefined;
}

/** A copy of the document with an empty map (and metadata) in place, as SetNestedStringMap creates it. */
function withEmptyMap(doc: JsonObject, map: MetadataMap): JsonObject {
  const meta = isPlainObject(doc['metadata']) ? doc['metadata'] : {};
  return { ...doc, metadata: { ...meta, [map]: {} } };
}
