/**
 * YAML/JSON text → documents with source positions. JSON is read by the YAML parser (YAML 1.2 is a
 * superset), so positions work the same for both.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { errorAt, type Diagnostic } from '../api/index.ts';
import { parseBlockYaml, type BlockDocument } from './block-yaml.ts';

/** One parsed document: its plain value and a way to find where any of its paths was written. */
export interface ParsedDocument {
  readonly value: unknown;
  readonly index: number;
  readonly line: number;
  readonly column: number;
  /** The 1-based position of the value at `path`, or of the nearest ancestor that exists. */
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number };
}

/** Largest document accepted: Kubernetes refuses objects over about 1.5 MiB (etcd's request limit). */
export const maxDocumentBytes = 1536 * 1024;
/** Largest file read at all. */
export const maxFileBytes = 16 * 1024 * 1024;
/** Deepest nesting accepted; real manifests stay far below it, and it bounds recursion. */
const maxDepth = 128;
/** Alias expansion cap (YAML bombs). */
const maxAliasCount = 100;

/** Parses every document of a file; problems become diagnostics, never exceptions. */
export function parseDocuments(file: string, text: string): { documents: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const documents: ParsedDocument[] = [];
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const oversized = oversizedDocument(text);
  if (oversized !== undefined) {
    // Refused before parsing: composing a 10 MiB scalar costs seconds and half a GiB for nothing.
    return {
      documents,
      diagnostics: [
        errorAt(
          'SchemaViolation',
          { file, line: oversized.line, column: 1 },
          `document is ${Math.round(oversized.bytes / 1024)} KiB; Kubernetes accepts objects up to 1.5 MiB`,
        ),
      ],
    };
  }
  if (tooDeep(text)) {
    return {
      documents,
      diagnostics: [
        errorAt(
          'YamlSyntax',
          { file, line: 1, column: 1 },
          `nesting deeper than ${maxDepth} levels; this is not a Kubernetes manifest`,
        ),
      ],
    };
  }
  // Plain block YAML is read without a syntax tree; positions inside it are found on demand.
  const plain = text.length <= maxDocumentBytes ? parseBlockYaml(text) : undefined;
  if (plain) return { documents: plain.map((d) => ({ ...d, locate: locatorOf(file, text, d) })), diagnostics };
  const docs = parseAllDocuments(text, parseOptions(lineCounter));
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs))
    diagnostics.push(errorAt('YamlSyntax', { file, line: 1, column: 1 }, 'the file is not a YAML stream'));
  list.forEach((doc, index) => {
    if (doc.errors.length) {
      for (const e of doc.errors) diagnostics.push(errorAt('YamlSyntax', pos(e.pos[0]), yamlMessage(e.message)));
      return;
    }
    const contents = doc.contents as Node | null;
    // An empty document, e.g. between two `---` or after a trailing one.
    if (contents === null || (isScalar(contents) && contents.value === null)) return;
    const [start = 0, , end = start] = contents.range ?? [];
    const at = pos(start);
    if (end - start > maxDocumentBytes) {
      diagnostics.push(
        errorAt(
          'SchemaViolation',
          at,
          `document is ${Math.round((end - start) / 1024)} KiB; Kubernetes accepts objects up to 1.5 MiB`,
        ),
      );
      return;
    }
    const value = toPlain(doc, at, diagnostics);
    if (value === undefined) return;
    documents.push({ value, index, line: at.line, column: at.column, locate: (path) => locateIn(doc, path, pos, at) });
  });
  return { documents, diagnostics };
}

function parseOptions(lineCounter: LineCounter) {
  return { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, merge: true } as const;
}

/**
 * `locate` of a document the block reader read: the file is parsed in full, with positions, the
 * first time a position is asked for (a diagnostic is being written), and only then.
 */
function locatorOf(file: string, text: string, d: BlockDocument): ParsedDocument['locate'] {
  let full: { docs: Document[]; pos: (o: number) => { line: number; column: number } } | undefined;
  return (path) => {
    if (full === undefined) {
      const lineCounter = new LineCounter();
      const docs = parseAllDocuments(text, parseOptions(lineCounter));
      const pos = (offset: number) => {
        const p = lineCounter.linePos(offset);
        return { file, line: p.line, column: p.col };
      };
      full = { docs: Array.isArray(docs) ? docs : [], pos };
    }
    const doc = full.docs[d.index];
    const at = { line: d.line, column: d.column };
    return doc ? locateIn(doc, path, full.pos, at) : at;
  };
}

function toPlain(
  doc: Document,
  at: { file: string; line: number; column: number },
  diagnostics: Diagnostic[],
): unknown {
  try {
    return doc.toJS({ maxAliasCount });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    diagnostics.push(
      errorAt(
        'YamlSyntax',
        at,
        /alias/i.test(message)
          ? `too many alias expansions (more than ${maxAliasCount}); YAML anchors used as a "billion laughs" bomb are refused`
          : yamlMessage(message),
      ),
    );
    return undefined;
  }
}

function locateIn(
  doc: Document,
  path: readonly (string | number)[],
  pos: (o: number) => { line: number; column: number },
  fallback: { line: number; column: number },
) {
  let node: unknown = doc.contents;
  let best = fallback;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      const keyRange = (pair.key as Node | null)?.range;
      if (keyRange) best = pos(keyRange[0]);
      node = pair.value;
      continue;
    }
    if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      const r = (node as Node | undefined)?.range;
      if (r) best = pos(r[0]);
      continue;
    }
    break;
  }
  return { line: best.line, column: best.column };
}

/**
 * The first document (split at `---` lines, as YAML streams are) longer than the document limit,
 * with the line it starts on; undefined when every one fits. Linear, no parsing.
 */
function oversizedDocument(text: string): { line: number; bytes: number } | undefined {
  if (text.length <= maxDocumentBytes) return undefined;
  let start = 0;
  let line = 1;
  let startLine = 1;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
    const end = i === -1 ? text.length : i;
    const next = end + 1;
    if (i === -1 || text.startsWith('---', next)) {
      if (end - start > maxDocumentBytes) return { line: startLine, bytes: end - start };
      start = next;
      startLine = line + 2; // the document starts on the line after its `---` marker
    }
    if (i === -1) return undefined;
    line += 1;
  }
}

/** Cheap pre-scan of bracket/indent depth so that the recursive composer never meets a pathological file. */
function tooDeep(text: string): boolean {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } // [ {
    else if (c === 93 || c === 125) depth--;
  }
  return max > maxDepth;
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/^(\w)/, (m) => m.toLowerCase());
}
