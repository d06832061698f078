/**
 * Applying selected override policies to one cluster's manifest, with a diagnostic naming policy,
 * rule, overrider, resource and cluster when a rule cannot apply.
 */
import {
  cloneJson,
  describeRef,
  errorAt,
  isPlainObject,
  type Cluster,
  type Diagnostic,
  type JsonObject,
  type JsonValue,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type Overriders,
  type SourceRef,
} from '../api/index.ts';
import { applyOverriders } from './overriders.ts';
import { matchingInOrder } from './selection.ts';
import { rulesForCluster, type EffectiveRule } from './rules.ts';

/** One rule that was applied, in application order (Karmada's AppliedOverrides, with the rule's position). */
export interface AppliedOverride {
  readonly policy: { readonly kind: OverridePolicy['kind']; readonly namespace?: string; readonly name: string };
  /** Index in `spec.overrideRules`; absent for the deprecated `spec.targetCluster` + `spec.overriders` form. */
  readonly ruleIndex?: number;
  readonly overriders: Overriders;
  readonly source: SourceRef;
}

/** The overridden manifest and what was applied, or the diagnostics of the rule that failed. */
export type OverrideResult =
  | { readonly kind: 'Overridden'; readonly manifest: JsonObject; readonly applied: readonly AppliedOverride[] }
  | { readonly kind: 'Failed'; readonly diagnostics: readonly Diagnostic[] };

/**
 * Applies the candidate policies' (selectOverridePolicies) rules whose targetCluster matches
 * `cluster` to a copy of `manifest`, rules in their written order: first the ClusterOverridePolicies
 * matching the manifest, then the OverridePolicies matching the manifest as those left it (Karmada
 * overridemanager.go ApplyOverridePolicies selects each group against the object of that moment).
 */
export function applyOverrides(
  manifest: Readonly<JsonObject>,
  cluster: Cluster,
  candidates: readonly Loaded<OverridePolicy>[],
): OverrideResult {
  let current: JsonObject = cloneJson(manifest);
  const applied: AppliedOverride[] = [];
  for (const kind of ['ClusterOverridePolicy', 'OverridePolicy'] as const) {
    for (const loaded of matchingInOrder(candidates, selectable(current), kind)) {
      for (const rule of rulesForCluster(loaded.object, cluster)) {
        const out = applyOverriders(current, rule.overriders);
        if (out.kind === 'Failed') {
          // flotilla differs: (DESIGN "Deliberate differences") Karmada skips this cluster's Work and
          // retries; flotilla fails the revision, naming policy, rule, resource and cluster.
          const message = `${describePolicy(loaded.object)}, ${describeRule(rule)}, ${out.overrider}: ${out.reason} in ${describeManifest(manifest)} rendered for ${cluster.metadata.name ?? ''}`;
          return { kind: 'Failed', diagnostics: [errorAt(out.code, loaded.source, message)] };
        }
        current = out.document;
        applied.push(appliedOverride(loaded, rule));
      }
    }
  }
  return { kind: 'Overridden', manifest: current, applied };
}

/** The manifest as resource selectors read it (an overrider may have replaced its metadata). */
function selectable(m: JsonObject): KubeObject {
  const text = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
  const meta = isPlainObject(m['metadata']) ? m['metadata'] : {};
  const labels = isPlainObject(meta['labels']) ? (meta['labels'] as Record<string, string>) : undefined;
  const namespace = text(meta['namespace']);
  return {
    apiVersion: text(m['apiVersion']),
    kind: text(m['kind']),
    metadata: { name: text(meta['name']), ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}) },
  };
}

function appliedOverride(loaded: Loaded<OverridePolicy>, rule: EffectiveRule): AppliedOverride {
  const { kind, metadata } = loaded.object;
  const policy = metadata.namespace
    ? { kind, namespace: metadata.namespace, name: metadata.name ?? '' }
    : { kind, name: metadata.name ?? '' };
  return rule.index === undefined
    ? { policy, overriders: rule.overriders, source: loaded.source }
    : { policy, ruleIndex: rule.index, overriders: rule.overriders, source: loaded.source };
}

/** `OverridePolicy default/web` or `ClusterOverridePolicy web`. */
function describePolicy(p: OverridePolicy): string {
  return `${p.kind} ${p.metadata.namespace && p.kind === 'OverridePolicy' ? `${p.metadata.namespace}/` : ''}${p.metadata.name ?? ''}`;
}

function describeRule(rule: EffectiveRule): string {
  return rule.index === undefined ? 'spec.overriders' : `rule ${rule.index}`;
}

function describeManifest(m: Readonly<JsonObject>): string {
  const meta = isPlainObject(m['metadata']) ? m['metadata'] : {};
  const text = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');
  const namespace = text(meta['namespace']);
  return describeRef({
    apiVersion: text(m['apiVersion']),
    kind: text(m['kind']),
    ...(namespace ? { namespace } : {}),
    name: text(meta['name']),
  });
}
