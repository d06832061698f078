/**
 * Pruning a CustomResourceDefinition safely. Deleting a CRD makes the API server delete every
 * object of its kind, including ones flotilla never owned, just as deleting a Namespace deletes
 * its contents (so render marks Namespaces `flotilla.io/prune: disabled`).
 *
 * flotilla differs from Flux and Argo CD, and is stricter than both: kustomize-controller prunes a
 * dropped CRD like any other object (fluxcd/pkg ssa DeleteAll; the only guard is the
 * `kustomize.toolkit.fluxcd.io/prune: disabled` annotation a user must remember to add), and Argo CD
 * prunes it too unless the resource carries `argocd.argoproj.io/sync-options: Prune=false` (or
 * `Prune=confirm`). flotilla keeps both opt-outs (`flotilla.io/prune: disabled`) and also never
 * deletes a definition while any object of its kind is left: its own stale objects of that kind are
 * pruned first, and if others remain the definition is kept, reported `skipped` with reason
 * CustomResourcesExist, and stays in the inventory so that the next pass tries again.
 */
import {
  bindingAnnotation,
  compareStrings,
  isPlainObject,
  managedByLabel,
  managedByValue,
  type KubeObject,
} from '../api/index.ts';
import type { MemberClient } from './member-client.ts';
import { describeObject, formatObjectId, objectIdOf, type ObjectId } from './object-id.ts';
import type { Outcome } from './outcome.ts';

const definitionGroup = 'apiextensions.k8s.io';

/** True for a CustomResourceDefinition. */
export function isDefinition(id: ObjectId): boolean {
  return id.group === definitionGroup && id.kind === 'CustomResourceDefinition';
}

/** The apiVersion and kind a CRD serves (its storage version, else its first served one), or undefined for a malformed CRD. */
export function servedKind(crd: KubeObject): { apiVersion: string; kind: string } | undefined {
  const spec = isPlainObject(crd['spec']) ? crd['spec'] : undefined;
  const names = spec && isPlainObject(spec['names']) ? spec['names'] : undefined;
  const group = spec?.['group'];
  const kind = names?.['kind'];
  const versions = Array.isArray(spec?.['versions']) ? spec['versions'].filter(isPlainObject) : [];
  const version = (versions.find((v) => v['storage'] === true && v['served'] !== false) ??
    versions.find((v) => v['served'] !== false))?.['name'];
  if (typeof group !== 'string' || typeof kind !== 'string' || typeof version !== 'string') return undefined;
  return { apiVersion: `${group}/${version}`, kind };
}

/** Whether a live object carries flotilla's ownership marks. */
function ownedByFlotilla(o: KubeObject): boolean {
  return o.metadata.labels?.[managedByLabel] === managedByValue && Boolean(o.metadata.annotations?.[bindingAnnotation]);
}

/**
 * The outcome that keeps a CRD when objects of its kind remain on the member, or undefined when it
 * may be deleted. Objects already being deleted and those in `pruned` (deleted by this pass, or
 * that would be in a dry-run) do not count. A failure to list throws, so the CRD is kept.
 */
export async function customResourcesLeft(
  client: MemberClient,
  crd: KubeObject,
  pruned: ReadonlySet<string>,
): Promise<Outcome | undefined> {
  const served = servedKind(crd);
  if (!served || !(await client.serves(served.apiVersion, served.kind))) return undefined;
  const items = await client.list(served.apiVersion, served.kind);
  const left = items.filter((o) => !o.metadata['deletionTimestamp'] && !pruned.has(formatObjectId(objectIdOf(o))));
  if (!left.length) return undefined;
  const foreign = left.filter((o) => !ownedByFlotilla(o)).length;
  const names = left
    .map((o) => describeObject(objectIdOf(o)))
    .sort(compareStrings)
    .slice(0, 3)
    .join(', ');
  return {
    action: 'skipped',
    reason: 'CustomResourcesExist',
    message:
      `CustomResourceDefinition ${crd.metadata.name ?? ''} kept: ${left.length} ${served.kind} object(s) remain (${names}${left.length > 3 ? ', …' : ''}; ${foreign} not flotilla's), ` +
      'and deleting the definition would delete them all; it stays in the inventory and is pruned once they are gone',
  };
}
