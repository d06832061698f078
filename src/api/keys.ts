import type { KubeObject } from './object.ts';

/**
 * `apiVersion|kind|namespace|name`, the one formatted identity of an object. Branded: resourceKey and
 * resourceKeyOf make one (or a reader of what flotilla wrote), so a name or a `Kind ns/name` text cannot
 * pass for a key.
 */
export type ResourceKey = string & { readonly __brand: 'ResourceKey' };

/** The identity of an object as Karmada's ObjectReference holds it. */
export interface ResourceRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** Formats the key of a reference: `apiVersion|kind|namespace|name`. */
export function resourceKey(r: ResourceRef): ResourceKey {
  return `${r.apiVersion}|${r.kind}|${r.namespace ?? ''}|${r.name}` as ResourceKey;
}

/** The key of an object. */
export function resourceKeyOf(o: KubeObject): ResourceKey {
  return resourceKey(refOf(o));
}

/** Parses a ResourceKey back into a reference. */
export function parseResourceKey(k: ResourceKey): ResourceRef {
  const [apiVersion = '', kind = '', namespace = '', name = ''] = k.split('|');
  return namespace ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };
}

/** The reference of an object (namespace omitted when empty). */
export function refOf(o: KubeObject): ResourceRef {
  const ns = o.metadata.namespace;
  const name = o.metadata.name ?? '';
  return ns
    ? { apiVersion: o.apiVersion, kind: o.kind, namespace: ns, name }
    : { apiVersion: o.apiVersion, kind: o.kind, name };
}

/** A short human form: `Kind ns/name` or `Kind name`. */
export function describeRef(r: ResourceRef): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}
