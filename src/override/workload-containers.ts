/**
 * Where image, command and args overriders without an explicit path look for containers.
 * Karmada (imageoverride.go buildPatchesWithEmptyPredicate, commandargsoverride.go
 * buildCommandArgsPatches) knows Pod (`/spec/containers`) and ReplicaSet, Deployment, DaemonSet,
 * StatefulSet and Job (`/spec/template/spec/containers`), matched by kind alone. CronJob and init
 * containers are never auto-detected: they need a predicate path or plaintext.
 */

import { isPlainObject, type JsonValue } from '../api/index.ts';

const podTemplateKinds: ReadonlySet<string> = new Set(['ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job']);

/** The path tokens of the container list for a kind, or undefined when Karmada does not auto-detect it. */
export function containersPath(kind: string): readonly string[] | undefined {
  if (kind === 'Pod') return ['spec', 'containers'];
  if (podTemplateKinds.has(kind)) return ['spec', 'template', 'spec', 'containers'];
  return undefined;
}

/** Formats path tokens (plain names, no escaping needed) as a JSON pointer. */
export function pointerOf(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${t}`).join('');
}

/** What is at a path: nothing (an absent or null step), a value, or a step that is not an object. */
export type Lookup =
  | { readonly kind: 'Absent' }
  | { readonly kind: 'Found'; readonly value: JsonValue }
  | { readonly kind: 'NotAnObject'; readonly at: string };

/** Looks up plain path tokens. A null value counts as absent, as Go's typed conversion and NestedSlice see it. */
export function lookup(doc: JsonValue, tokens: readonly string[]): Lookup {
  let node: JsonValue = doc;
  for (const [i, t] of tokens.entries()) {
    if (!isPlainObject(node)) return { kind: 'NotAnObject', at: pointerOf(tokens.slice(0, i)) };
    const next: JsonValue | undefined = node[t];
    if (next === undefined || next === null) return { kind: 'Absent' };
    node = next;
  }
  return { kind: 'Found', value: node };
}
