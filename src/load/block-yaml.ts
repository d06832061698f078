/**
 * A fast reader for the plain block YAML most manifests are written in (and `YAML.stringify`
 * writes): block mappings and sequences, single-line plain and quoted scalars, comments, `---`
 * between documents. It builds the plain values directly, with no syntax tree and no position map,
 * and returns undefined for anything else (flow collections, block scalars, anchors, tags,
 * multi-line scalars, odd indentation, duplicate keys, any error), so that the caller reads that
 * file with the full parser instead. What it accepts, it reads exactly as the full parser does
 * (scalars are resolved by the same library's core schema); block-yaml.test.ts compares the two.
 */
import { parse as parseYamlScalar } from 'yaml';

/** One document of a stream: its value, its index in the stream, and where its content starts (1-based). */
export interface BlockDocument {
  readonly value: unknown;
  readonly index: number;
  readonly line: number;
  readonly column: number;
}

/** Not plain block YAML: the full parser decides. */
class NotPlain extends Error {}

interface Line {
  /** 0-based line number in the file. */
  readonly number: number;
  indent: number;
  /** The line without its indentation and trailing spaces (never empty, never a comment). */
  text: string;
}

const wordScalars = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const plainKey = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** A character that cannot start a plain scalar here (flow, anchors, tags, block scalars, reserved). */
const notPlainStart = new Set(['[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '#', ',', '?']);
/** Resolved non-trivial plain scalars (numbers, quantities such as `100m`), shared by all files of a process. */
const resolved = new Map<string, unknown>();
const maxResolvedCache = 100_000;

/** The documents of `text`, or undefined when it is not plain block YAML. */
export function parseBlockYaml(text: string): BlockDocument[] | undefined {
  // Carriage returns, tabs and other control characters: the full parser's rules apply.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is refused
  if (/[\u0000-\u0009\u000b-\u001f\u007f\ufeff]/.test(text)) return undefined;
  try {
    return readStream(text);
  } catch (err) {
    if (err instanceof NotPlain) return undefined;
    throw err;
  }
}

function readStream(text: string): BlockDocument[] {
  const docs: BlockDocument[] = [];
  const raw = text.split('\n');
  let current: Line[] = [];
  let sawMarker = false;
  let index = 0;
  const flush = (explicit: boolean) => {
    // Comments or blanks before the first `---` make no document of their own.
    if (current.length || explicit) {
      const first = current[0];
      // Where the content starts, taken before reading (a `- key:` line is re-indented as it is read).
      if (first) docs.push({ index, line: first.number + 1, column: first.indent + 1, value: readDocument(current) });
      index += 1;
    }
    current = [];
  };
  for (let n = 0; n < raw.length; n++) {
    const line = raw[n] ?? '';
    if (line.startsWith('---')) {
      if (line.trimEnd() !== '---') throw new NotPlain();
      flush(sawMarker);
      sawMarker = true;
      continue;
    }
    if (line.startsWith('...') || line.startsWith('%')) throw new NotPlain();
    const body = line.trimEnd();
    let indent = 0;
    while (body.charCodeAt(indent) === 32) indent++;
    if (indent === body.length || body.charCodeAt(indent) === 35) continue; // blank or comment
    current.push({ number: n, indent, text: body.slice(indent) });
  }
  flush(sawMarker);
  return docs;
}

function readDocument(lines: Line[]): unknown {
  const cursor = { lines, at: 0 };
  const first = lines[0];
  if (!first || !isCollectionLine(first.text)) throw new NotPlain(); // a scalar document
  const value = readBlock(cursor, first.indent);
  if (cursor.at !== lines.length) throw new NotPlain();
  return value;
}

interface Cursor {
  readonly lines: Line[];
  at: number;
}

const isSeqEntry = (text: string) => text === '-' || text.startsWith('- ');
const isCollectionLine = (text: string) => isSeqEntry(text) || mapKeyEnd(text) !== undefined;

/** The collection that starts at the cursor's line, whose indentation is `indent`. */
function readBlock(c: Cursor, indent: number): unknown {
  const line = c.lines[c.at];
  if (!line || line.indent !== indent) throw new NotPlain();
  if (isSeqEntry(line.text)) return readSeq(c, indent);
  return readMap(c, indent);
}

function readSeq(c: Cursor, indent: number): unknown[] {
  const out: unknown[] = [];
  for (let line = c.lines[c.at]; line && line.indent === indent && isSeqEntry(line.text); line = c.lines[c.at]) {
    const rest = line.text.slice(1).trimStart();
    if (rest === '') {
      c.at += 1;
      out.push(readNested(c, indent, false));
      continue;
    }
    if (isSeqEntry(rest)) throw new NotPlain(); // `- - a`
    const inner = indent + (line.text.length - rest.length);
    if (mapKeyEnd(rest) !== undefined) {
      // `- key: value`: a mapping whose first entry shares the dash's line, indented past the dash.
      line.indent = inner;
      line.text = rest;
      out.push(readMap(c, inner));
      continue;
    }
    out.push(scalar(rest));
    c.at += 1;
    endOfScalar(c, indent);
  }
  const next = c.lines[c.at];
  if (next && next.indent > indent) throw new NotPlain();
  return out;
}

function readMap(c: Cursor, indent: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let line = c.lines[c.at]; line && line.indent === indent && !isSeqEntry(line.text); line = c.lines[c.at]) {
    const end = mapKeyEnd(line.text);
    if (end === undefined) throw new NotPlain();
    const key = keyOf(line.text.slice(0, end));
    if (Object.hasOwn(out, key)) throw new NotPlain(); // the full parser reports the duplicate
    const rest = line.text.slice(end + 1).trimStart();
    c.at += 1;
    if (rest === '') {
      out[key] = readNested(c, indent, true);
      continue;
    }
    out[key] = scalar(rest);
    endOfScalar(c, indent);
  }
  const next = c.lines[c.at];
  if (next && next.indent > indent) throw new NotPlain();
  return out;
}

/** The value under `key:` or `-` with nothing after it: a deeper block, a sequence at the key's own indentation, or null. */
function readNested(c: Cursor, indent: number, inMap: boolean): unknown {
  const next = c.lines[c.at];
  if (next && next.indent > indent) return readBlock(c, next.indent);
  if (inMap && next && next.indent === indent && isSeqEntry(next.text)) return readSeq(c, indent);
  return null;
}

/** A single-line scalar must not continue on a deeper line (that would be a multi-line plain scalar). */
function endOfScalar(c: Cursor, indent: number): void {
  const next = c.lines[c.at];
  if (next && next.indent > indent) throw new NotPlain();
}

/** The index of the `:` that ends a plain key on this line, or undefined when the line is no `key:` entry. */
function mapKeyEnd(text: string): number | undefined {
  const c0 = text.charCodeAt(0);
  if (c0 === 34 || c0 === 39) return undefined; // quoted keys: the full parser
  const i = text.indexOf(':');
  if (i <= 0) return undefined;
  if (i + 1 < text.length && text.charCodeAt(i + 1) !== 32) return undefined;
  return i;
}

function keyOf(text: string): string {
  if (text.length > 1000 || !plainKey.test(text) || wordScalars.has(text) || text === '__proto__') throw new NotPlain();
  return text;
}

/** A scalar written after `key: ` or `- `. */
function scalar(text: string): unknown {
  const c0 = text[0] ?? '';
  if (c0 === '"') return quoted(text, doubleQuoted);
  if (c0 === "'") return quoted(text, singleQuoted);
  const value = withoutComment(text);
  if (value === '{}') return {};
  if (value === '[]') return [];
  if (notPlainStart.has(c0) || value.endsWith(':') || value.includes(': ')) throw new NotPlain();
  // `- -`, and document markers, which only the stream level reads as such.
  if (value.startsWith('- ') || value === '-' || value.startsWith('---') || value.startsWith('...'))
    throw new NotPlain();
  return plain(value);
}

/** Text up to a comment (` #`), trimmed. */
function withoutComment(text: string): string {
  const hash = text.indexOf(' #');
  return hash === -1 ? text : text.slice(0, hash).trimEnd();
}

/** A quoted scalar that ends on its line, followed by nothing or a comment. */
function quoted(text: string, read: (text: string) => { value: string; end: number }): string {
  const { value, end } = read(text);
  const after = text.slice(end).trimStart();
  if (after !== '' && !after.startsWith('#')) throw new NotPlain();
  if (after !== '' && text.charCodeAt(end) !== 32) throw new NotPlain();
  return value;
}

function doubleQuoted(text: string): { value: string; end: number } {
  let i = 1;
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 92)
      i++; // a backslash escapes the next character
    else if (ch === 34) break;
  }
  if (i >= text.length) throw new NotPlain();
  try {
    // JSON's escapes mean the same in YAML's double-quoted style; YAML's others are left to the full parser.
    return { value: JSON.parse(text.slice(0, i + 1)) as string, end: i + 1 };
  } catch {
    throw new NotPlain();
  }
}

function singleQuoted(text: string): { value: string; end: number } {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "'") {
      value += ch;
      continue;
    }
    if (text[i + 1] === "'") {
      value += "'";
      i++;
      continue;
    }
    return { value, end: i + 1 };
  }
  throw new NotPlain();
}

/**
 * A plain scalar's value under the core schema. Only null, booleans and numbers are not strings,
 * and none of them starts with a letter other than the words of null and the booleans; the rest
 * (numbers, quantities, `~`) is resolved by the library itself.
 */
function plain(text: string): unknown {
  const c = text.charCodeAt(0);
  if (((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && !wordScalars.has(text)) return text;
  if (resolved.has(text)) return resolved.get(text);
  let value: unknown;
  try {
    value = parseYamlScalar(text, { strict: true, uniqueKeys: true, prettyErrors: false });
  } catch {
    throw new NotPlain();
  }
  if (value !== null && typeof value === 'object') throw new NotPlain();
  if (resolved.size < maxResolvedCache) resolved.set(text, value);
  return value;
}
