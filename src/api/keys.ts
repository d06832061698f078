import type { KubeObject } from './object.ts';

/** A fleet cluster name (Karmada `Cluster.metadata.name`). Never a kubeconfig context. */
export type ClusterName = string & { readonly __brand: 'ClusterName' };
/** A kubeconfig context name. */
export type ContextName = string & { readonly __brand: 'ContextName' };
/** A source revision (git commit sha or a working-tree label). */
export type Revision = string & { readonly __brand: 'Revision' };
/** `apiVersion|kind|namespace|name`, the one formatted identity of an object. */
export type ResourceKey = string & { readonly __brand: 'ResourceKey' };

/** Brands a cluster name read from the inventory or the command line. */
export const toClusterName = (s: string): ClusterName => s as ClusterName;
/** Brands a kubeconfig context name. */
export const toContextName = (s: string): ContextName => s as ContextName;
/** Brands a revision string. */
export const toRevision = (s: string): Revision => s as Revision;

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
  return ns ? { apiVersion: o.apiVersion, kind: o.kind, namespace: ns, name } : { apiVersion: o.apiVersion, kind: o.kind, name };
}

/** A short human form: `Kind ns/name` or `Kind name`. */
export function describeRef(r: ResourceRef): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}
