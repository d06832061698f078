/**
 * Writes JSON values as YAML byte for byte as sigs.k8s.io/yaml JSONToYAML does (go-yaml v2 Marshal,
 * go.yaml.in/yaml/v2 encode.go, sorter.go and emitterc.go): block style with 2-space indents,
 * sequences inside mappings not indented, keys in v2's "natural" order, strings plain when they
 * read back as strings (else double-quoted, or single-quoted where plain is not allowed),
 * multi-line strings as literal blocks, and long lines folded at column 80 (v2's default width;
 * nothing in Karmada calls FutureLineWrap).
 */
import type { JsonValue } from '../api/index.ts';
import { isBase60Float, resolvePlain } from './yaml-v2-resolve.ts';
import { compareYamlV2Keys } from './yaml-v2-key-order.ts';
import { analyzeScalar, isBreak, isPrintable, type ScalarAnalysis } from './yaml-v2-scalar.ts';

const bestIndent = 2;
const bestWidth = 80;

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Emitter {
  readonly out: string[];
  column: number;
  indent: number;
  readonly indents: number[];
  whitespace: boolean;
  indention: boolean;
}

interface NodeContext {
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

/** The YAML text go-yaml v2 Marshal produces for a JSON value (one document, ending in a newline). */
export function encodeYamlV2(value: JsonValue): string {
  const e: Emitter = { out: [], column: 0, indent: -1, indents: [], whitespace: true, indention: true };
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

function writePlain(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
  if (!e.whitespace) put(e, ' ');
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === ' ') {
      if (allowBreaks && !spaces && e.column > bestWidth && chars[i + 1] !== ' ') writeIndent(e);
      else put(e, c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === '\n') putBreak(e);
      writeBreak(e, c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      put(e, c);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  e.whitespace = false;
  e.indention = false;
}

function writeSingleQuoted(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
  writeIndicator(e, "'", true, false, false);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === ' ') {
      if (allowBreaks && !spaces && e.column > bestWidth && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') writeIndent(e);
      else put(e, c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === '\n') putBreak(e);
      writeBreak(e, c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      if (c === "'") put(e, "'");
      put(e, c);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  }
  writeIndicator(e, "'", false, false, false);
  e.whitespace = false;
  e.indention = false;
}

const shortEscapes: ReadonlyMap<number, string> = new Map([
  [0x00, '0'], [0x07, 'a'], [0x08, 'b'], [0x09, 't'], [0x0a, 'n'], [0x0b, 'v'], [0x0c, 'f'], [0x0d, 'r'],
  [0x1b, 'e'], [0x22, '"'], [0x5c, '\\'], [0x85, 'N'], [0xa0, '_'], [0x2028, 'L'], [0x2029, 'P'],
]);

function writeDoubleQuoted(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
  writeIndicator(e, '"', true, false, false);
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const cp = c.codePointAt(0) ?? 0;
    if (!isPrintable(cp) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
      put(e, '\\');
      for (const ch of escapeBody(cp)) put(e, ch);
      spaces = false;
    } else if (c === ' ') {
      if (allowBreaks && !spaces && e.column > bestWidth && i > 0 && i < chars.length - 1) {
        writeIndent(e);
        if (chars[i + 1] === ' ') put(e, '\\');
      } else {
        put(e, c);
      }
      spaces = true;
    } else {
      put(e, c);
      spaces = false;
    }
  }
  writeIndicator(e, '"', false, false, false);
  e.whitespace = false;
  e.indention = false;
}

function escapeBody(cp: number): string {
  const short = shortEscapes.get(cp);
  if (short !== undefined) return short;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}

function writeLiteral(e: Emitter, chars: readonly string[]): void {
  writeIndicator(e, '|', true, false, false);
  const first = chars[0] ?? '';
  if (first === ' ' || isBreak(first)) writeIndicator(e, String(bestIndent), false, false, false);
  const chomp = chompHint(chars);
  if (chomp !== '') writeIndicator(e, chomp, false, false, false);
  putBreak(e);
  e.indention = true;
  e.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      writeBreak(e, c);
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent(e);
      put(e, c);
      e.indention = false;
      breaks = false;
    }
  }
}

/** Block chomping: `-` without a final line break, none with exactly one, `+` with more. */
function chompHint(chars: readonly string[]): string {
  const n = chars.length;
  if (n === 0 || !isBreak(chars[n - 1] ?? '')) return '-';
  if (n === 1 || isBreak(chars[n - 2] ?? '')) return '+';
  return '';
}

function increaseIndent(e: Emitter, flow: boolean, indentless: boolean): void {
  e.indents.push(e.indent);
  if (e.indent < 0) e.indent = flow ? bestIndent : 0;
  else if (!indentless) e.indent += bestIndent;
}

function popIndent(e: Emitter): void {
  e.indent = e.indents.pop() ?? -1;
}

function writeIndent(e: Emitter): void {
  const indent = Math.max(e.indent, 0);
  if (!e.indention || e.column > indent || (e.column === indent && !e.whitespace)) putBreak(e);
  while (e.column < indent) put(e, ' ');
  e.whitespace = true;
  e.indention = true;
}

function writeIndicator(e: Emitter, indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
  if (needWhitespace && !e.whitespace) put(e, ' ');
  for (const c of indicator) put(e, c);
  e.whitespace = isWhitespace;
  e.indention = e.indention && isIndention;
}

function put(e: Emitter, c: string): void {
  e.out.push(c);
  e.column++;
}

function putBreak(e: Emitter): void {
  e.out.push('\n');
  e.column = 0;
}

function writeBreak(e: Emitter, c: string): void {
  if (c === '\n') putBreak(e);
  else {
    e.out.push(c);
    e.column = 0;
  }
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
