/** Source files → raw objects with positions: decoding, parsing, `List` expansion, identity checks. */
import { errorAt, isPlainObject, type Diagnostic, type KubeObject, type SourceRef } from '../api/index.ts';
import { maxFileBytes, parseDocuments } from './parse-documents.ts';
import type { SourceFile } from './source-file.ts';

/** An object read from a file, before classification, with its way back to file positions. */
export interface RawObject {
  readonly object: KubeObject;
  readonly source: SourceRef;
  /** Position of a path inside this object (for schema errors). */
  readonly locate: (path: readonly (string | number)[]) => { line: number; column: number };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Reads every object of one file; each problem becomes one diagnostic and the file's other objects still load. */
export function readObjects(file: SourceFile): { objects: RawObject[]; diagnostics: Diagnostic[] } {
  const at = { file: file.path, line: 1, column: 1 };
  if (file.bytes.length > maxFileBytes) {
    return {
      objects: [],
      diagnostics: [
        errorAt(
          'UnreadableFile',
          at,
          `file is ${Math.round(file.bytes.length / 1048576)} MiB; manifests larger than ${maxFileBytes / 1048576} MiB are refused`,
        ),
      ],
    };
  }
  const text = decodeText(file.bytes);
  if (text === undefined) {
    return {
      objects: [],
      diagnostics: [
        errorAt('UnreadableFile', at, 'binary content: not UTF-8 text; remove the file or exclude it in flotilla.yaml'),
      ],
    };
  }
  const { documents, diagnostics } = parseDocuments(file.path, text);
  const objects: RawObject[] = [];
  for (const doc of documents) {
    const source: SourceRef = { file: file.path, line: doc.line, column: doc.column, doc: doc.index };
    const here = { file: file.path, line: doc.line, column: doc.column };
    if (!isPlainObject(doc.value)) {
      diagnostics.push(
        errorAt(
          'MissingIdentity',
          here,
          `document ${doc.index + 1} is a ${Array.isArray(doc.value) ? 'list' : typeof doc.value}, not a Kubernetes object`,
        ),
      );
      continue;
    }
    if (isKubeList(doc.value)) {
      const items = doc.value['items'] as unknown[];
      items.forEach((item, i) => {
        const locate = (path: readonly (string | number)[]) => doc.locate(['items', i, ...path]);
        pushObject(item, { ...source, ...locate([]) }, locate, objects, diagnostics, `item ${i + 1} of the List`);
      });
      continue;
    }
    pushObject(doc.value, source, doc.locate, objects, diagnostics, '');
  }
  return { objects, diagnostics };
}

function pushObject(
  value: unknown,
  source: SourceRef,
  locate: RawObject['locate'],
  out: RawObject[],
  diagnostics: Diagnostic[],
  what: string,
): void {
  const here = { file: source.file, line: source.line, column: source.column };
  const prefix = what ? `${what}: ` : '';
  if (!isPlainObject(value)) {
    diagnostics.push(errorAt('MissingIdentity', here, `${prefix}not a Kubernetes object`));
    return;
  }
  const missing = missingIdentity(value);
  if (missing.length) {
    diagnostics.push(
      errorAt(
        'MissingIdentity',
        here,
        `${prefix}object has no ${missing.join(', ')}; every object needs apiVersion, kind and metadata.name`,
      ),
    );
    return;
  }
  out.push({ object: value as unknown as KubeObject, source, locate });
}

function missingIdentity(v: Record<string, unknown>): string[] {
  const missing: string[] = [];
  if (typeof v['apiVersion'] !== 'string' || v['apiVersion'] === '') missing.push('apiVersion');
  if (typeof v['kind'] !== 'string' || v['kind'] === '') missing.push('kind');
  const meta = v['metadata'];
  if (!isPlainObject(meta) || typeof meta['name'] !== 'string' || meta['name'] === '') missing.push('metadata.name');
  else if (meta['namespace'] !== undefined && typeof meta['namespace'] !== 'string')
    missing.push('valid metadata.namespace');
  return missing;
}

function isKubeList(v: Record<string, unknown>): boolean {
  return (
    typeof v['kind'] === 'string' && v['kind'].endsWith('List') && v['apiVersion'] === 'v1' && Array.isArray(v['items'])
  );
}

/** UTF-8 text of a file, or undefined for binary content (NUL bytes or invalid UTF-8). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined; // invalid UTF-8: reported by the caller as binary content
  }
}
