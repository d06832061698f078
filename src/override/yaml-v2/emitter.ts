/**
 * go-yaml v2's emitter primitives and scalar writers (go.yaml.in/yaml/v2 emitterc.go), restated for
 * block-style output: indentation, indicators, and plain, single-quoted, double-quoted and literal
 * scalars, folding long lines at column 80.
 */
import { isBreak, isPrintable } from './scalar.ts';

const bestIndent = 2;
const bestWidth = 80;

/** The emitter's mutable state while one document is written (local to encodeYamlV2). */
export interface Emitter {
  readonly out: string[];
  column: number;
  indent: number;
  readonly indents: number[];
  whitespace: boolean;
  indention: boolean;
}

/** A fresh emitter at the start of a stream. */
export function newEmitter(): Emitter {
  return { out: [], column: 0, indent: -1, indents: [], whitespace: true, indention: true };
}

/** Writes a plain scalar, folding at a space past column 80 when breaks are allowed. */
export function writePlain(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
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

/** Writes a single-quoted scalar (quotes doubled), folding like plain. */
export function writeSingleQuoted(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
  writeIndicator(e, "'", true, false, false);
  let spaces = false;
  let breaks = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === ' ') {
      if (allowBreaks && !spaces && e.column > bestWidth && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ')
        writeIndent(e);
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
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

/** Writes a double-quoted scalar with v2 escapes; a fold before a second space is escaped. */
export function writeDoubleQuoted(e: Emitter, chars: readonly string[], allowBreaks: boolean): void {
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

/** Writes a literal block scalar with indentation and chomping hints. */
export function writeLiteral(e: Emitter, chars: readonly string[]): void {
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

/** Pushes the indent; the first block level is column 0, a flow or scalar level is best_indent. */
export function increaseIndent(e: Emitter, flow: boolean, indentless: boolean): void {
  e.indents.push(e.indent);
  if (e.indent < 0) e.indent = flow ? bestIndent : 0;
  else if (!indentless) e.indent += bestIndent;
}

/** Restores the previous indent. */
export function popIndent(e: Emitter): void {
  e.indent = e.indents.pop() ?? -1;
}

/** Starts a new line at the current indent unless already there. */
export function writeIndent(e: Emitter): void {
  const indent = Math.max(e.indent, 0);
  if (!e.indention || e.column > indent || (e.column === indent && !e.whitespace)) putBreak(e);
  while (e.column < indent) put(e, ' ');
  e.whitespace = true;
  e.indention = true;
}

/** Writes an indicator such as -, :, ? or a quote, with a space before it when needed. */
export function writeIndicator(
  e: Emitter,
  indicator: string,
  needWhitespace: boolean,
  isWhitespace: boolean,
  isIndention: boolean,
): void {
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
