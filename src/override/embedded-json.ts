/**
 * JSON text as Karmada's fieldOverrider writes it back (evanphx/json-patch v5 Apply, then Go's JSON
 * encoder): compact, object keys in their original order with added keys last, and `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as Go's HTML-safe encoder does.
 */
import type { JsonValue } from '../api/index.ts';

/** Compact JSON with Go's escaping. */
export function encodeGoJson(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return encodeString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(encodeGoJson).join(',')}]`;
  return `{${Object.entries(v).map(([k, x]) => `${encodeString(k)}:${encodeGoJson(x)}`).join(',')}}`;
}

const goEscapes: Readonly<Record<string, string>> = {
  '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t',
  '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029',
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
