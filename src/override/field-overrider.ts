/**
 * fieldOverrider: JSON patches inside a JSON or YAML document held in a string field, such as a
 * ConfigMap data entry (Karmada overridemanager.go applyFieldOverriders). The field is found with a
 * JSON pointer (go-openapi/jsonpointer), the document is patched with RFC 6902 sub-paths, and
 * written back: YAML as sigs.k8s.io/yaml JSONToYAML writes it (keys sorted, lists not indented),
 * JSON compact in its original key order.
 */
import {
  isPlainObject,
  type FieldOverrider,
  type JSONPatchOperation,
  type JsonObject,
  type JsonValue,
} from '../api/index.ts';
import { encodeGoJson, parseGoJson, sortKeysDeep } from './embedded-json.ts';
import { applyJsonPatch, unescapePointerToken, type PatchOperation } from './json-patch.ts';
import { applied, failed, pathMissing, type StepOutcome } from './outcome.ts';
import { decodeYamlV2, encodeYamlV2 } from './yaml-v2/index.ts';

/** Applies one field overrider to a copy of the document. */
export function applyFieldOverrider(doc: JsonObject, o: FieldOverrider): StepOutcome {
  const yamlOps = o.yaml ?? [];
  const jsonOps = o.json ?? [];
  // Karmada's admission webhook rejects both or neither (pkg/util/validation ValidateOverrideRules).
  if (yamlOps.length > 0 && jsonOps.length > 0)
    return failed(`fieldOverrider for ${o.fieldPath} sets both yaml and json; set only one`);
  if (yamlOps.length === 0 && jsonOps.length === 0)
    return failed(`fieldOverrider for ${o.fieldPath} sets neither yaml nor json`);
  const text = stringAt(doc, o.fieldPath);
  if (text.kind === 'Failed') return text;
  const rewritten = yamlOps.length > 0 ? patchYaml(text.value, yamlOps) : patchJson(text.value, jsonOps);
  if (rewritten.kind === 'Failed') return { ...rewritten, reason: `${o.fieldPath}: ${rewritten.reason}` };
  return applyJsonPatch(doc, [{ op: 'replace', path: o.fieldPath, value: rewritten.value }]);
}

/** The string at a JSON pointer, read as go-openapi/jsonpointer Get does (no negative indices). */
function stringAt(doc: JsonObject, pointer: string): StepOutcome<string> {
  if (pointer !== '' && !pointer.startsWith('/'))
    return failed(`fieldPath ${pointer} is not a JSON pointer (it must start with "/")`);
  let node: JsonValue = doc;
  for (const raw of pointer === '' ? [] : pointer.split('/').slice(1)) {
    const token = unescapePointerToken(raw);
    if (isPlainObject(node)) {
      if (!Object.hasOwn(node, token)) return pathMissing(`fieldPath ${pointer} does not exist`);
      node = node[token] as JsonValue;
    } else if (Array.isArray(node)) {
      const index = /^[+-]?\d+$/.test(token) ? Number(token) : Number.NaN;
      if (!Number.isInteger(index)) return failed(`fieldPath ${pointer}: ${token} is not a list index`);
      if (index < 0 || index >= node.length) return pathMissing(`fieldPath ${pointer} does not exist`);
      node = node[index] as JsonValue;
    } else {
      return pathMissing(`fieldPath ${pointer} does not exist`);
    }
  }
  if (typeof node !== 'string') return failed(`fieldPath ${pointer} is not a string field`);
  return applied(node);
}

function patchYaml(text: string, ops: readonly JSONPatchOperation[]): StepOutcome<string> {
  const decoded = decodeYamlV2(text);
  if (decoded.kind === 'Failed') return decoded;
  const patched = patchDocument(decoded.value, ops, 'YAML');
  if (patched.kind === 'Failed') return patched;
  // sigs.k8s.io/yaml reads the patched JSON back as YAML, whose reader rejects raw control characters.
  if (hasYamlForbiddenCharacter(patched.value))
    return failed('the patched YAML document contains control characters, which YAML does not allow');
  return applied(encodeYamlV2(patched.value));
}

function patchJson(text: string, ops: readonly JSONPatchOperation[]): StepOutcome<string> {
  let value: JsonValue;
  try {
    value = parseGoJson(text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return failed(`the embedded JSON cannot be parsed: ${err.message}`);
  }
  // evanphx/json-patch reads a document starting with '[' as a list and anything else as an object.
  if (Array.isArray(value) && !text.startsWith('[')) return failed('the embedded JSON is not an object');
  const sorted = ops.map((op) => (op.value === undefined ? op : { ...op, value: sortKeysDeep(op.value as JsonValue) }));
  const patched = patchDocument(value, sorted, 'JSON');
  return patched.kind === 'Failed' ? patched : applied(encodeGoJson(patched.value));
}

function patchDocument(value: JsonValue, ops: readonly JSONPatchOperation[], format: string): StepOutcome {
  if (!isPlainObject(value) && !Array.isArray(value))
    return failed(`the embedded ${format} document is not a map or a list`);
  const patches: PatchOperation[] = ops.map((op) => ({ op: op.operator, path: op.subPath, value: op.value }));
  const patched = applyJsonPatch(value, patches);
  if (patched.kind === 'Failed') return { ...patched, reason: `in the embedded ${format} document, ${patched.reason}` };
  return patched;
}

/** True when a key or string holds a character Go's JSON encoder leaves raw and go-yaml v2's reader refuses. */
function hasYamlForbiddenCharacter(v: JsonValue): boolean {
  if (typeof v === 'string') return /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/.test(v);
  if (Array.isArray(v)) return v.some(hasYamlForbiddenCharacter);
  if (isPlainObject(v))
    return Object.entries(v).some(
      ([k, x]) => hasYamlForbiddenCharacter(k) || hasYamlForbiddenCharacter(x as JsonValue),
    );
  return false;
}
