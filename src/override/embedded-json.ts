/**
 * JSON text as Karmada's fieldOverrider reads and writes it (evanphx/json-patch v5 keeps unchanged
 * values as raw bytes and re-marshals with Go's encoder): compact, object keys in their original
 * order with added keys last, numbers exactly as written (`1.0` stays `1.0`), and `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as Go's HTML-safe encoder does.
 */
import { compareStrings, isPlainObject, type JsonValue } from '../api/index.ts';

/**
 * A number whose text is not what JavaScript would print is carried through patching as a string
 * with this private-use prefix, and written back raw. Texts that already contain the prefix are
 * parsed without it (their numbers are then printed the JavaScript way).
 */
const rawNumberPrefix = '\uE000flotilla-raw-number\uE001';

/** Parses JSON text keeping each number's original spelling; throws SyntaxError like JSON.parse. */
export function parseGoJson(text: string): JsonValue {
  if (text.includes(rawNumberPrefix)) return JSON.parse(text) as JsonValue;
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) => {
    if (typeof value === 'number' && context?.source !== undefined && context.source !== JSON.stringify(value)) {
      return rawNumberPrefix + context.source;
    }
    return value;
  }) as JsonValue;
}

/** A copy with object keys in code-unit order, as Go marshals the maps a policy value decodes into. */
export function sortKeysDeep(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (!isPlainObject(v)) return v;
  const out: { [k: string]: JsonValue } = {};
  for (const k of Object.keys(v).sort(compareStrings)) out[k] = sortKeysDeep(v[k] as JsonValue);
  return out;
}

/** Compact JSON with Go's escaping. */
export function encodeGoJson(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v.startsWith(rawNumberPrefix) ? v.slice(rawNumberPrefix.length) : encodeString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(encodeGoJson).join(',')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${encodeString(k)}:${encodeGoJson(x)}`)
    .join(',')}}`;
}

const goEscapes: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function encodeString(s: string): string {
  // Lone surrogates are invalid UTF-8 in Go and come out as U+FFFD.
  const wellFormed = s.toWellFormed();
  let out = '"';
  for (const c of wellFormed) {
    const known = goEscapes[c];
    if (known !== undefined) out += known;
    else if (c < ' ') out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}"`;
}
