/**
 * What a server-side apply would change: the dry-run result compared with the live object, as
 * fluxcd/pkg ssa/manager_diff.go hasDrifted (labels, annotations, and everything outside metadata
 * and status). A change is *drift* when someone else changed the object since flotilla applied
 * it: a differing field now belongs to another field manager, or the live object already carries
 * the hash of the manifest being applied (`flotilla.io/manifest-hash`) and a differing field is
 * not flotilla's. Otherwise the desired manifest changed and the object is *configured*.
 */
import { compareStrings, isPlainObject, type KubeObject } from '../api/index.ts';
import { liveManifestHash } from './manifest-hash.ts';

/** The outcome of comparing a dry-run apply with the live object. */
export type Change =
  | { readonly kind: 'created' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'configured'; readonly paths: readonly string[] }
  | { readonly kind: 'drifted'; readonly paths: readonly string[]; readonly managers: readonly string[] };

const maxPaths = 20;

/** Classifies a dry-run result against the live object (absent: the object would be created). */
export function classifyChange(
  live: KubeObject | undefined,
  dryRun: KubeObject,
  opts: { readonly manifestHash: string; readonly fieldManager: string },
): Change {
  if (!live) return { kind: 'created' };
  const paths = diffPaths(comparable(live), comparable(dryRun), '', []);
  if (!paths.length) return { kind: 'unchanged' };
  const owners = fieldOwners(live, opts.fieldManager);
  const managers = new Set<string>();
  for (const p of paths) for (const m of ownersOf(owners, p)) managers.add(m);
  const sameManifest = liveManifestHash(live) === opts.manifestHash;
  const shown = paths.slice(0, maxPaths);
  if (managers.size) return { kind: 'drifted', paths: shown, managers: [...managers].sort(compareStrings) };
  // A change only to fields flotilla itself owns is a new desired state, not drift. With the
  // same manifest applied already, a field nobody owns any more (removed by hand) still is drift.
  const mine = fieldOwners(live, opts.fieldManager, true);
  if (sameManifest && !paths.every((p) => ownersOf(mine, p).length > 0))
    return { kind: 'drifted', paths: shown, managers: [] };
  return { kind: 'configured', paths: shown };
}

/** The part of an object a drift check compares: labels, annotations, all but metadata and status. */
function comparable(o: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (k !== 'metadata' && k !== 'status') out[k] = v;
  out['metadata'] = { labels: o.metadata.labels ?? {}, annotations: o.metadata.annotations ?? {} };
  return out;
}

/** Leaf paths (`.spec.replicas`, `.spec.containers[0].image`) where two JSON values differ, sorted. */
export function diffPaths(a: unknown, b: unknown, at: string, out: string[]): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareStrings);
    for (const k of keys) diffPaths(a[k], b[k], `${at}.${k}`, out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => {
      diffPaths(v, b[i], `${at}[${i}]`, out);
    });
  } else if (!jsonEqual(a, b)) {
    out.push(at || '.');
  }
  return out;
}

/** Deep equality of JSON values, independent of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Paths owned by each other field manager (list elements as `[*]`), from metadata.managedFields. */
function fieldOwners(live: KubeObject, self: string, onlySelf = false): ReadonlyMap<string, ReadonlySet<string>> {
  const out = new Map<string, Set<string>>();
  const entries = live.metadata['managedFields'];
  if (!Array.isArray(entries)) return out;
  for (const e of entries) {
    if (!isPlainObject(e) || typeof e['manager'] !== 'string' || (e['manager'] === self) !== onlySelf) continue;
    if (typeof e['subresource'] === 'string' && e['subresource'] !== '') continue;
    const set = out.get(e['manager']) ?? new Set<string>();
    collectOwned(e['fieldsV1'], '', set);
    out.set(e['manager'], set);
  }
  return out;
}

function collectOwned(node: unknown, at: string, out: Set<string>): void {
  if (!isPlainObject(node)) return;
  const keys = Object.keys(node);
  if (keys.length === 0 || keys.includes('.')) out.add(at);
  for (const k of keys) {
    if (k.startsWith('f:')) collectOwned(node[k], `${at}.${k.slice(2)}`, out);
    else if (k.startsWith('k:') || k.startsWith('v:') || k.startsWith('i:')) collectOwned(node[k], `${at}[*]`, out);
  }
}

function ownersOf(owners: ReadonlyMap<string, ReadonlySet<string>>, path: string): string[] {
  const generic = path.replace(/\[\d+\]/g, '[*]');
  const prefixes: string[] = [];
  for (let i = generic.length; i > 0; i = generic.lastIndexOf('.', i - 1)) prefixes.push(generic.slice(0, i));
  return [...owners].filter(([, paths]) => prefixes.some((p) => paths.has(p))).map(([m]) => m);
}
