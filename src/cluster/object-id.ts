/**
 * The identity of an object on a member cluster, version-free as in Flux's inventory
 * (fluxcd/cli-utils ObjMetadata): an apiVersion bump of the same kind is the same object.
 */
import { compareStrings, splitApiVersion, type KubeObject } from '../api/index.ts';

/** One object on a member: group, kind, namespace ('' when cluster-scoped), name, plus the version last used. */
export interface ObjectId {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly version: string;
}

/** The identity of a manifest. */
export function objectIdOf(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): ObjectId {
  const { group, version } = splitApiVersion(o.apiVersion);
  return { group, kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '', version };
}

/** `namespace_name_group_kind`, Flux's inventory entry id; unique per object, version-free. */
export function formatObjectId(id: ObjectId): string {
  return `${id.namespace}_${id.name}_${id.group}_${id.kind}`;
}

/** The apiVersion of an id: `group/version`, or `version` for the core group. */
export function apiVersionOf(id: ObjectId): string {
  return id.group ? `${id.group}/${id.version}` : id.version;
}

/** `Kind ns/name` (or `Kind name`), for messages. */
export function describeObject(id: ObjectId): string {
  return `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;
}

/** Total order by formatted id (D2). */
export function compareObjectIds(a: ObjectId, b: ObjectId): number {
  return compareStrings(formatObjectId(a), formatObjectId(b));
}

/**
 * Parses `namespace_name_group_kind` as written by formatObjectId. Names, namespaces and groups
 * are DNS names (no `_`) and kinds are identifiers, so splitting on `_` is unambiguous.
 */
export function parseObjectId(s: string, version: string): ObjectId | undefined {
  const parts = s.split('_');
  if (parts.length !== 4) return undefined;
  const [namespace = '', name = '', group = '', kind = ''] = parts;
  if (!name || !kind || !version) return undefined;
  return { group, kind, namespace, name, version };
}
