/**
 * Which head templates a change reaches directly: changed or new templates, templates whose
 * claiming propagation policy is another one or was edited, and templates an added, removed or
 * edited override policy selects. An object read from another place counts as edited (diagnostics
 * and explanations carry its position). Erring towards "reached" only re-plans more.
 */
import {
  resourceKeyOf,
  type Fleet,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type PropagationPolicy,
  type ResourceKey,
} from '../api/index.ts';
import { indexPolicies, matchClaimed, selectorsPriority, type PolicyClaim, type PolicyIndex } from '../policy/index.ts';
import type { PreviousRecords } from './previous.ts';
import { sameLoaded, sameValue } from './reuse-inputs.ts';

/** A fleet and the claims its previous bindings recorded. */
export interface Claimed {
  readonly fleet: Fleet;
  readonly records?: PreviousRecords | undefined;
}

/** The templates a change reaches, and which head templates propagate their dependencies. */
export interface Reach {
  /** Head templates whose binding or Works may differ from the base's. */
  readonly affected: Set<ResourceKey>;
  /** Head templates whose claiming policy has `propagateDeps`. */
  readonly requirers: ReadonlySet<ResourceKey>;
  /** Base templates the head no longer has. */
  readonly removed: ReadonlySet<ResourceKey>;
  /** Head templates the base did not have. */
  readonly added: ReadonlySet<ResourceKey>;
  /** Head templates whose labels differ from the base's. */
  readonly relabelled: ReadonlySet<ResourceKey>;
}

/**
 * Compares the two fleets template by template. Policy matching runs on both sides when the
 * propagation policies differ; with the same policies a template's claim is the same, and only
 * policies with `propagateDeps` need matching (to find the requirers).
 */
export function reachOf(base: Claimed, head: Claimed): Reach {
  const baseFleet = base.fleet;
  const headFleet = head.fleet;
  const baseTemplates = new Map(baseFleet.templates.map((t) => [resourceKeyOf(t.object), t] as const));
  const editedPolicies = changedIds(baseFleet.propagationPolicies, headFleet.propagationPolicies);
  const baseIndex = editedPolicies.size ? indexPolicies(baseFleet.propagationPolicies) : undefined;
  const headIndex =
    editedPolicies.size || headFleet.propagationPolicies.some((p) => p.object.spec.propagateDeps)
      ? indexPolicies(headFleet.propagationPolicies)
      : undefined;
  const editedOverrides = changedOverrides(baseFleet.overridePolicies, headFleet.overridePolicies);
  const clusterOverrides = [...baseFleet.overridePolicies, ...headFleet.overridePolicies].filter(
    (p) => p.object.kind === 'ClusterOverridePolicy',
  );
  const affected = new Set<ResourceKey>();
  const requirers = new Set<ResourceKey>();
  const added = new Set<ResourceKey>();
  const relabelled = new Set<ResourceKey>();
  for (const t of headFleet.templates) {
    const key = resourceKeyOf(t.object);
    const before = baseTemplates.get(key);
    if (before === undefined) added.add(key);
    else if (before.object !== t.object && !sameValue(before.object.metadata.labels, t.object.metadata.labels))
      relabelled.add(key);
    const after = headIndex && matchOf(headIndex, t.object, head.records?.get(key)?.claim);
    if (after?.object.spec.propagateDeps) requirers.add(key);
    const claimChanged =
      baseIndex !== undefined &&
      (idOf(matchOf(baseIndex, t.object, base.records?.get(key)?.claim)) !== idOf(after) ||
        (after !== undefined && editedPolicies.has(idOf(after))));
    if (
      before === undefined ||
      !sameLoaded(before, t) ||
      claimChanged ||
      editedOverrides.some((o) => overrideReaches(o, t.object, clusterOverrides))
    )
      affected.add(key);
  }
  const headKeys = new Set(headFleet.templates.map((t) => resourceKeyOf(t.object)));
  const removed = new Set([...baseTemplates.keys()].filter((k) => !headKeys.has(k)));
  return { affected, requirers, removed, added, relabelled };
}

/** The policy that claims the template, as planFleet matches it (an earlier claim may hold it: claimed-match.ts). */
function matchOf(
  index: PolicyIndex,
  template: KubeObject,
  claim: PolicyClaim | undefined,
): Loaded<PropagationPolicy> | undefined {
  return matchClaimed(index, template, claim)?.policy;
}

function idOf(p: Loaded | undefined): string {
  return p ? `${p.object.kind}|${p.object.metadata.namespace ?? ''}|${p.object.metadata.name ?? ''}` : '';
}

/** Ids of objects added, removed or edited between the two lists. */
function changedIds(a: readonly Loaded[], b: readonly Loaded[]): Set<string> {
  const before = new Map(a.map((x) => [idOf(x), x] as const));
  const after = new Map(b.map((x) => [idOf(x), x] as const));
  const out = new Set<string>();
  for (const [id, x] of after) {
    const was = before.get(id);
    if (was === undefined || !sameLoaded(was, x)) out.add(id);
  }
  for (const id of before.keys()) if (!after.has(id)) out.add(id);
  return out;
}

/** Both versions of every override policy that was added, removed or edited. */
function changedOverrides(
  a: readonly Loaded<OverridePolicy>[],
  b: readonly Loaded<OverridePolicy>[],
): Loaded<OverridePolicy>[] {
  const ids = changedIds(a, b);
  return [...a, ...b].filter((p) => ids.has(idOf(p)));
}

/**
 * Whether an edited override policy may change a template's manifests: it selects the template, or
 * it is an OverridePolicy of the template's namespace and a ClusterOverridePolicy selects the
 * template (Karmada overridemanager.go selects OverridePolicies against the object as the
 * ClusterOverridePolicies left it, so a label one adds can bring an OverridePolicy in).
 */
function overrideReaches(
  p: Loaded<OverridePolicy>,
  t: KubeObject,
  clusterOverrides: readonly Loaded<OverridePolicy>[],
): boolean {
  if (overrideSelects(p, t)) return true;
  return (
    p.object.kind === 'OverridePolicy' &&
    (p.object.metadata.namespace ?? 'default') === (t.metadata.namespace ?? '') &&
    clusterOverrides.some((c) => overrideSelects(c, t))
  );
}

/**
 * Whether an override policy selects a template (Karmada overridemanager: an OverridePolicy only
 * in its own namespace; no resourceSelectors selects everything there).
 */
function overrideSelects(p: Loaded<OverridePolicy>, t: KubeObject): boolean {
  if (p.object.kind === 'OverridePolicy' && (p.object.metadata.namespace ?? 'default') !== (t.metadata.namespace ?? ''))
    return false;
  const selectors = p.object.spec.resourceSelectors ?? [];
  return selectors.length === 0 || selectorsPriority(t, selectors) > 0;
}
