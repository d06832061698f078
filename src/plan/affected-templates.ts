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
import { indexPolicies, matchPolicy, selectorsPriority, type PolicyIndex } from '../policy/index.ts';
import { loadedText } from './reuse-inputs.ts';

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
}

/** Compares the two fleets template by template (policy matching runs on both sides). */
export function reachOf(base: Fleet, head: Fleet): Reach {
  const baseText = new Map(base.templates.map((t) => [resourceKeyOf(t.object), loadedText(t)] as const));
  const baseIndex = indexPolicies(base.propagationPolicies);
  const headIndex = indexPolicies(head.propagationPolicies);
  const editedPolicies = changedIds(base.propagationPolicies, head.propagationPolicies);
  const editedOverrides = changedOverrides(base.overridePolicies, head.overridePolicies);
  const clusterOverrides = [...base.overridePolicies, ...head.overridePolicies].filter(
    (p) => p.object.kind === 'ClusterOverridePolicy',
  );
  const affected = new Set<ResourceKey>();
  const requirers = new Set<ResourceKey>();
  const added = new Set<ResourceKey>();
  for (const t of head.templates) {
    const key = resourceKeyOf(t.object);
    const text = baseText.get(key);
    if (text === undefined) added.add(key);
    const before = matchOf(baseIndex, t.object);
    const after = matchOf(headIndex, t.object);
    if (after?.object.spec.propagateDeps) requirers.add(key);
    const claimChanged = idOf(before) !== idOf(after) || (after !== undefined && editedPolicies.has(idOf(after)));
    if (
      text !== loadedText(t) ||
      claimChanged ||
      editedOverrides.some((o) => overrideReaches(o, t.object, clusterOverrides))
    )
      affected.add(key);
  }
  const headKeys = new Set(head.templates.map((t) => resourceKeyOf(t.object)));
  const removed = new Set([...baseText.keys()].filter((k) => !headKeys.has(k)));
  return { affected, requirers, removed, added };
}

function matchOf(index: PolicyIndex, template: KubeObject): Loaded<PropagationPolicy> | undefined {
  return matchPolicy(index, template)?.policy;
}

function idOf(p: Loaded | undefined): string {
  return p ? `${p.object.kind}|${p.object.metadata.namespace ?? ''}|${p.object.metadata.name ?? ''}` : '';
}

/** Ids of objects added, removed or edited between the two lists. */
function changedIds(a: readonly Loaded[], b: readonly Loaded[]): Set<string> {
  const before = new Map(a.map((x) => [idOf(x), loadedText(x)] as const));
  const after = new Map(b.map((x) => [idOf(x), loadedText(x)] as const));
  const out = new Set<string>();
  for (const [id, text] of after) if (before.get(id) !== text) out.add(id);
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
