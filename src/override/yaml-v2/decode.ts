/**
 * Reads an embedded YAML document into JSON values the way sigs.k8s.io/yaml YAMLToJSON does (go-yaml v2
 * decoding, then JSON conversion): only the first document counts, plain scalars resolve by YAML 1.1
 * rules (resolve.ts), non-string keys become strings, `<<` merges, and values JSON cannot
 * hold (.nan, .inf, null keys) are errors.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { JsonObject, JsonValue } from '../../api/index.ts';
import { applied, failed, type StepOutcome } from '../outcome.ts';
import { resolvePlain, type Resolved } from './resolve.ts';
import { formatGoFloat } from './encode.ts';

const coreTag = 'tag:yaml.org,2002:';

/** The JSON value of the first YAML document in `text` (null when there is none), or why it cannot be read. */
export function decodeYamlV2(text: string): StepOutcome {
  // go-yaml v2's reader (readerc.go) refuses characters outside YAML's printable set.
  if (/[^\t\n\r\u0020-\u007e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(text)) {
    return failed('the embedded YAML contains control characters, which YAML does not allow');
  }
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, prettyErrors: false });
  const doc = docs[0];
  if (!doc) return applied(null);
  const error = doc.errors[0];
  if (error) return failed(`the embedded YAML cannot be parsed: ${error.message}`);
  try {
    return applied(toJson(doc.contents as Node | null, doc));
  } catch (err) {
    if (err instanceof YamlShapeError) return failed(`the embedded YAML cannot be converted to JSON: ${err.message}`);
    throw err;
  }
}

/** A YAML value JSON cannot represent; caught in decodeYamlV2 and turned into a Failed outcome. */
class YamlShapeError extends Error {}

function toJson(node: Node | null, doc: Document): JsonValue {
  if (node === null) return null;
  if (isAlias(node)) return toJson((node.resolve(doc) as Node | undefined) ?? null, doc);
  if (isScalar(node)) return scalarValue(resolveScalar(node.value, node.type, node.tag));
  if (isSeq(node)) return node.items.map((item) => toJson(item as Node | null, doc));
  if (isMap(node)) {
    const out: JsonObject = {};
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (isMergeKey(key)) mergeInto(out, pair.value as Node | null, doc);
      else out[keyString(key, doc)] = toJson(pair.value as Node | null, doc);
    }
    return out;
  }
  throw new YamlShapeError('unsupported node');
}

/** A scalar's meaning: plain and untagged text is resolved; `!!int`-style tags likewise; anything else is a string. */
function resolveScalar(value: unknown, type: string | undefined, tag: string | undefined): Resolved {
  const text = value === null || value === undefined ? '' : String(value);
  if (tag === undefined) return type === 'PLAIN' ? resolvePlain(text) : { tag: 'str', value: text };
  if ([`${coreTag}int`, `${coreTag}float`, `${coreTag}bool`, `${coreTag}null`].includes(tag)) return resolvePlain(text);
  return { tag: 'str', value: text };
}

function scalarValue(r: Resolved): JsonValue {
  switch (r.tag) {
    case 'str':
    case 'timestamp':
      return r.value;
    case 'null':
      return null;
    case 'bool':
      return r.value;
    case 'int':
      return r.value;
    case 'float':
      if (!Number.isFinite(r.value)) throw new YamlShapeError(`unsupported value: ${r.value}`);
      return r.value;
    case 'merge':
      return '<<';
  }
}

function isMergeKey(key: Node | null): boolean {
  return key !== null && isScalar(key) && key.type === 'PLAIN' && key.tag === undefined && key.value === '<<';
}

/** go-yaml v2 decoder.merge: a map, or a list of maps where earlier ones win; keys set later override. */
function mergeInto(out: JsonObject, value: Node | null, doc: Document): void {
  const target = value !== null && isAlias(value) ? ((value.resolve(doc) as Node | undefined) ?? null) : value;
  const sources = target !== null && isSeq(target) ? [...target.items].reverse() : [target];
  for (const source of sources) {
    const m = toJson(source as Node | null, doc);
    if (m === null || typeof m !== 'object' || Array.isArray(m))
      throw new YamlShapeError('map merge requires map or sequence of maps as the value');
    Object.assign(out, m);
  }
}

/** sigs.k8s.io/yaml convertToJSONableObject: string, int, float and bool keys become strings; others fail. */
function keyString(key: Node | null, doc: Document): string {
  const target = key !== null && isAlias(key) ? ((key.resolve(doc) as Node | undefined) ?? null) : key;
  if (target === null || !isScalar(target)) throw new YamlShapeError('unsupported map key');
  const r = resolveScalar(target.value, target.type, target.tag);
  switch (r.tag) {
    case 'str':
    case 'timestamp':
      return r.value;
    case 'int':
      return String(r.value);
    case 'float':
      return formatGoFloat(r.value);
    case 'bool':
      return r.value ? 'true' : 'false';
    default:
      throw new YamlShapeError(`unsupported map key of type ${r.tag}`);
  }
}
