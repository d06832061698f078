/**
 * RFC 6902 add/remove/replace with the semantics of evanphx/json-patch v5 as Karmada calls it
 * (pkg/util/overridemanager/overridemanager.go applyJSONPatch: `patch.Apply` with default options):
 * a missing parent, a missing key on remove/replace and an index past the end are errors, and
 * negative array indices count from the end (v5 SupportNegativeIndices defaults to true).
 */
import fastJsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { cloneJson, isPlainObject, type JsonValue } from '../api/index.ts';
import { applied, failed, pathMissing, type StepOutcome } from './outcome.ts';

/** One patch operation as overriders build them. A missing `value` on add/replace means null (Karmada sends `null`). */
export interface PatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

/** Applies the operations in order to a copy of `document`; the first one that cannot apply fails the whole patch. */
export function applyJsonPatch(document: JsonValue, ops: readonly PatchOperation[]): StepOutcome {
  let doc = cloneJson(document);
  for (const op of ops) {
    const step = applyOperation(doc, op);
    if (step.kind === 'Failed') return step;
    doc = step.value;
  }
  return applied(doc);
}

function applyOperation(doc: JsonValue, op: PatchOperation): StepOutcome {
  if (op.path === '') return applyAtRoot(op);
  // flotilla differs: (DESIGN "Deliberate differences", failing overrides) evanphx silently drops the
  // first segment of a path without a leading '/' (`spec/replicas` patches `/replicas`); flotilla
  // rejects the path instead of patching somewhere the user did not mean.
  if (!op.path.startsWith('/')) return failed(`path ${op.path} is not a JSON pointer (it must start with "/")`);
  if (!isPlainObject(doc) && !Array.isArray(doc))
    return pathMissing(`path ${op.path} does not exist (the document is not an object or array)`);
  const resolved = resolveNegativeIndices(doc, op);
  if (resolved.kind === 'Failed') return resolved;
  const value = op.op === 'remove' ? undefined : cloneJson((op.value ?? null) as JsonValue);
  const operation = { op: op.op, path: resolved.value, value } as Operation;
  try {
    return applied(fastJsonPatch.applyOperation(doc, operation, true, true).newDocument);
  } catch (err) {
    if (!(err instanceof fastJsonPatch.JsonPatchError)) throw err;
    return patchErrorOutcome(err.name, op);
  }
}

/** evanphx v5: add/replace at "" swap the whole document for an object or array; remove at "" finds no key "". */
function applyAtRoot(op: PatchOperation): StepOutcome {
  if (op.op === 'remove') return pathMissing('path "" (the whole document) cannot be removed');
  const value = (op.value ?? null) as JsonValue;
  if (!isPlainObject(value) && !Array.isArray(value))
    return failed(`${op.op} at the document root needs an object or array value`);
  return applied(cloneJson(value));
}

function patchErrorOutcome(name: string, op: PatchOperation): StepOutcome {
  switch (name) {
    case 'OPERATION_PATH_UNRESOLVABLE':
    case 'OPERATION_PATH_CANNOT_ADD':
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return pathMissing(`path ${op.path} does not exist`);
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
      return failed(`path ${op.path} uses an invalid array index`);
    default:
      return failed(`${op.op} at ${op.path} is not a valid JSON patch operation (${name})`);
  }
}

/**
 * Rewrites array indices the way evanphx v5 reads them (strconv.Atoi, so `+1` and `01` are 1), and
 * negative ones from the end: for get, replace and remove `-k` is `len-k`; for the final token of an
 * add it is `len+1-k` (so `-1` appends).
 * Example: on [a, b, c], replace /-1 → /2; add /-1 → /3; add /-4 → /0; remove /-4 fails.
 */
function resolveNegativeIndices(doc: JsonValue, op: PatchOperation): StepOutcome<string> {
  const tokens = op.path.split('/').slice(1);
  let node: JsonValue | undefined = doc;
  const out: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const last = i === tokens.length - 1;
    let t = token;
    if (Array.isArray(node) && /^[+-]?\d+$/.test(token)) {
      const n = Number(token);
      const size = node.length + (last && op.op === 'add' ? 1 : 0);
      const idx = n < 0 ? n + size : n;
      if (idx < 0) return pathMissing(`path ${op.path} does not exist (index ${token} is out of range)`);
      t = String(idx);
    }
    out.push(t);
    node = step(node, t);
  }
  return applied('/' + out.join('/'));
}

function step(node: JsonValue | undefined, token: string): JsonValue | undefined {
  if (Array.isArray(node)) return /^\d+$/.test(token) ? node[Number(token)] : undefined;
  if (isPlainObject(node))
    return Object.hasOwn(node, unescapePointerToken(token))
      ? (node[unescapePointerToken(token)] as JsonValue)
      : undefined;
  return undefined;
}

/** Decodes one JSON pointer token (RFC 6901: `~1` is `/`, then `~0` is `~`). */
export function unescapePointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Encodes one JSON pointer token. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
