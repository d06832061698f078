/**
 * Streamed JSON and YAML of a command result whose lists may be of any size (a fleet's plan:
 * hundreds of thousands of Works, gigabytes of text). One `JSON.stringify` of the whole plan
 * fails past V8's longest string (about 512 MiB) with "Invalid string length"; here each item of
 * a top-level list is serialised on its own, and the text is byte for byte what `toJsonText` /
 * `toYamlText` print for the same object (the contract of `plan -o json|yaml`).
 */
import YAML from 'yaml';
import { FlotillaError } from '../api/index.ts';
import type { IO } from './io.ts';
import { yamlOptions } from './output.ts';

/** A top-level object whose list values may be lazy (any iterable is printed as a list). */
export type StreamedObject = object;

/** The reader of the output went away (`flotilla plan -o json | head`): the rest is not written. */
export class OutputClosed extends FlotillaError<Record<string, never>> {}

/** Writes text somewhere; `drain` resolves when the sink can take more (backpressure). */
export interface ChunkSink {
  readonly write: (text: string) => void;
  readonly drain?: (() => Promise<void>) | undefined;
}

/** The pieces of `JSON.stringify(value, null, 2) + "\n"`, one per item of each top-level list. */
export function* jsonChunks(object: StreamedObject): Generator<string> {
  const value = object as Readonly<Record<string, unknown>>;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (!keys.length) {
    yield '{}\n';
    return;
  }
  yield '{';
  for (const [i, key] of keys.entries()) {
    const v = value[key];
    yield `${i ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (!isList(v)) {
      yield indentJson(JSON.stringify(v, null, 2), '  ');
      continue;
    }
    let n = 0;
    for (const item of v)
      yield `${n++ ? ',' : '['}\n    ${indentJson(JSON.stringify(item, null, 2) ?? 'null', '    ')}`;
    yield n ? '\n  ]' : '[]';
  }
  yield '\n}\n';
}

/** The pieces of `toYamlText(value)`, one per item of each top-level list. */
export function* yamlChunks(object: StreamedObject): Generator<string> {
  const value = object as Readonly<Record<string, unknown>>;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  if (!keys.length) yield YAML.stringify({}, yamlOptions);
  for (const key of keys) {
    const v = value[key];
    if (!isList(v)) {
      yield YAML.stringify({ [key]: v }, yamlOptions);
      continue;
    }
    // Each item is printed as the library prints it inside `key:`, then the `key:` line is cut:
    // the indentation, quoting and block scalars are exactly those of the whole document.
    let n = 0;
    for (const item of v) {
      const text = YAML.stringify({ [key]: [item] }, yamlOptions);
      const head = text.indexOf('\n') + 1;
      yield n++ ? text.slice(head) : text;
    }
    if (!n) yield YAML.stringify({ [key]: [] }, yamlOptions);
  }
}

/** Writes the chunks in batches of about `batch` characters, waiting for the sink to drain between batches. */
export async function writeChunks(chunks: Iterable<string>, sink: ChunkSink, batch = 1 << 20): Promise<void> {
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!pending.length) return;
    sink.write(pending.join(''));
    pending = [];
    size = 0;
    if (!sink.drain) return;
    await sink.drain().catch((err: unknown) => {
      throw new OutputClosed('the output was closed before it was complete', {}, { cause: err });
    });
  };
  for (const c of chunks) {
    pending.push(c);
    size += c.length;
    if (size >= batch) await flush();
  }
  await flush();
}

/** Arrays and lazy lists (generators); a Map or Set is not a list in JSON. */
function isList(v: unknown): v is Iterable<unknown> {
  if (Array.isArray(v)) return true;
  if (typeof v !== 'object' || v === null || v instanceof Map || v instanceof Set) return false;
  return typeof (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

/** Re-indents a nested JSON text: JSON strings never hold a raw newline, so every newline is structure. */
function indentJson(text: string, pad: string): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${pad}`) : text;
}

/** Prints `value` as JSON or YAML on the command's stdout, streamed, with backpressure. */
export function printStreamed(io: IO, value: StreamedObject, format: 'json' | 'yaml'): Promise<void> {
  return writeChunks(format === 'json' ? jsonChunks(value) : yamlChunks(value), {
    write: io.stdout,
    drain: io.drainStdout,
  });
}
