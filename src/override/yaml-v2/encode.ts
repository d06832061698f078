/**
 * Writes JSON values as YAML byte for byte as sigs.k8s.io/yaml JSONToYAML does (go-yaml v2 Marshal,
 * go.yaml.in/yaml/v2 encode.go, sorter.go and emitterc.go): block style with 2-space indents,
 * sequences inside mappings not indented, keys in v2's "natural" order, strings plain when they
 * read back as strings (else double-quoted, or single-quoted where plain is not allowed),
 * multi-line strings as literal blocks, and long lines folded at column 80 (v2's default width;
 * nothing in Karmada calls FutureLineWrap).
 */
import type { JsonValue } from '../../api/index.ts';
import { isBase60Float, resolvePlain } from './resolve.ts';
import { compareYamlV2Keys } from './key-order.ts';
import { analyzeScalar, type ScalarAnalysis } from './scalar.ts';
import {
  increaseIndent,
  newEmitter,
  popIndent,
  writeDoubleQuoted,
  writeIndent,
  writeIndicator,
  writeLiteral,
  writePlain,
  writeSingleQuoted,
  type Emitter,
} from './emitter.ts';

type Style = 'plain' | 'single' | 'double' | 'literal';

interface NodeContext {
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

/** The YAML text go-yaml v2 Marshal produces for a JSON value (one document, ending in a newline). */
export function encodeYamlV2(value: JsonValue): string {
  const e = newEmitter();
  emitNode(e, value, { mapping: false, simpleKey: false });
  writeIndent(e);
  return e.out.join('');
}

function emitNode(e: Emitter, v: JsonValue, ctx: NodeContext): void {
  if (Array.isArray(v)) return v.length === 0 ? emitEmptyFlow(e, '[', ']') : emitSequence(e, v, ctx);
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort(compareYamlV2Keys);
    return keys.length === 0 ? emitEmptyFlow(e, '{', '}') : emitMapping(e, v, keys);
  }
  if (typeof v === 'string') return emitScalar(e, v, stringStyle(v), ctx);
  if (typeof v === 'number') return emitScalar(e, formatNumber(v), 'plain', ctx);
  if (typeof v === 'boolean') return emitScalar(e, v ? 'true' : 'false', 'plain', ctx);
  return emitScalar(e, 'null', 'plain', ctx);
}

function emitEmptyFlow(e: Emitter, open: string, close: string): void {
  writeIndicator(e, open, true, true, false);
  writeIndicator(e, close, false, false, false);
}

function emitSequence(e: Emitter, items: readonly JsonValue[], ctx: NodeContext): void {
  increaseIndent(e, false, ctx.mapping && !e.indention);
  for (const item of items) {
    writeIndent(e);
    writeIndicator(e, '-', true, false, true);
    emitNode(e, item, { mapping: false, simpleKey: false });
  }
  popIndent(e);
}

function emitMapping(e: Emitter, m: { readonly [k: string]: JsonValue }, keys: readonly string[]): void {
  increaseIndent(e, false, false);
  for (const key of keys) {
    writeIndent(e);
    const value = m[key] ?? null;
    if (isSimpleKey(key)) {
      emitScalar(e, key, stringStyle(key), { mapping: true, simpleKey: true });
      writeIndicator(e, ':', false, false, false);
    } else {
      writeIndicator(e, '?', true, false, true);
      emitScalar(e, key, stringStyle(key), { mapping: true, simpleKey: false });
      writeIndent(e);
      writeIndicator(e, ':', true, false, true);
    }
    emitNode(e, value, { mapping: true, simpleKey: false });
  }
  popIndent(e);
}

/** emitterc.go check_simple_key: one line and at most 128 bytes. */
function isSimpleKey(key: string): boolean {
  return !analyzeScalar(key).multiline && utf8Length(key) <= 128;
}

/** encode.go stringv: literal when it has a newline, plain when it reads back as a string, else double-quoted. */
function stringStyle(s: string): Style {
  if (s.includes('\n')) return 'literal';
  return resolvePlain(s).tag === 'str' && !isBase60Float(s) ? 'plain' : 'double';
}

function emitScalar(e: Emitter, text: string, requested: Style, ctx: NodeContext): void {
  const a = analyzeScalar(text);
  const style = selectStyle(requested, a, text, ctx.simpleKey);
  increaseIndent(e, true, false);
  const chars = Array.from(text);
  switch (style) {
    case 'plain':
      writePlain(e, chars, !ctx.simpleKey);
      break;
    case 'single':
      writeSingleQuoted(e, chars, !ctx.simpleKey);
      break;
    case 'double':
      writeDoubleQuoted(e, chars, !ctx.simpleKey);
      break;
    case 'literal':
      writeLiteral(e, chars);
      break;
  }
  popIndent(e);
}

/** emitterc.go select_scalar_style, for block context (flow_level 0). */
function selectStyle(requested: Style, a: ScalarAnalysis, text: string, simpleKey: boolean): Style {
  let style = requested;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (text === '' && simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * A JSON number as v2 prints it after sigs.k8s.io/yaml read the JSON back: integers in int64/uint64
 * range as integers, everything else through Go's FormatFloat 'g'.
 */
function formatNumber(v: number): string {
  if (Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 64) return BigInt(v).toString();
  return formatGoFloat(v);
}

/**
 * strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent form when the exponent is below -4
 * or at least 6 (Go uses precision 6 for that choice in shortest mode), exponent with two digits.
 *
 * | v         | Go            |
 * |-----------|---------------|
 * | 0.5       | 0.5           |
 * | 0.00001   | 1e-05         |
 * | 1234567.5 | 1.2345675e+06 |
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const [mantissa = '0', exp = '0'] = v.toExponential().split('e');
  const x = Number(exp);
  if (x < -4 || x >= 6) return `${mantissa}e${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  return String(v);
}
