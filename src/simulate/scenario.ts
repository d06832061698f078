/** Failure selectors (`--fail region=us-east`) and the scenarios `--each KEY` enumerates. */
import { compareStrings, type Cluster } from '../api/index.ts';
import { failureKeys, type FailureKey, type FailureSelector, type Scenario } from './types.ts';

/** A parsed `K=V`, or why it is not one. */
export type SelectorParse =
  | { readonly ok: true; readonly selector: FailureSelector }
  | { readonly ok: false; readonly message: string };

/** Parses `cluster=NAME`, `region=R`, `zone=Z` or `provider=P`. */
export function parseFailureSelector(text: string): SelectorParse {
  const at = text.indexOf('=');
  const key = at < 0 ? text : text.slice(0, at);
  const value = at < 0 ? '' : text.slice(at + 1);
  const known = failureKeys.find((k) => k === key);
  if (known === undefined || value === '')
    return {
      ok: false,
      message: `--fail ${JSON.stringify(text)}: expected K=V with K one of: ${failureKeys.join(', ')}`,
    };
  return { ok: true, selector: { key: known, value } };
}

/** Whether `--each` accepts this key. */
export function isFailureKey(s: string): s is FailureKey {
  return failureKeys.some((k) => k === s);
}

/** A scenario of these selectors, named `k=v+k=v` in the order given. */
export function scenarioOf(selectors: readonly FailureSelector[]): Scenario {
  return { name: selectors.map((s) => `${s.key}=${s.value}`).join('+'), selectors };
}

/** The values a cluster has for a key (a zone selector matches `spec.zone` and any of `spec.zones`). */
function valuesOf(c: Cluster, key: FailureKey): readonly string[] {
  const spec = c.spec ?? {};
  switch (key) {
    case 'cluster':
      return [c.metadata.name ?? ''];
    case 'region':
      return spec.region ? [spec.region] : [];
    case 'provider':
      return spec.provider ? [spec.provider] : [];
    case 'zone':
      return [...(spec.zone ? [spec.zone] : []), ...(spec.zones ?? [])];
  }
}

/** The names of the clusters a scenario fails, sorted. */
export function failedClusters(clusters: readonly Cluster[], scenario: Scenario): string[] {
  return clusters
    .filter((c) => scenario.selectors.some((s) => valuesOf(c, s.key).includes(s.value)))
    .map((c) => c.metadata.name ?? '')
    .sort(compareStrings);
}

/** One scenario per distinct value of `key` in the inventory, sorted by value (clusters without one are skipped). */
export function eachScenarios(clusters: readonly Cluster[], key: FailureKey): Scenario[] {
  const values = new Set(clusters.flatMap((c) => valuesOf(c, key)));
  return [...values].sort(compareStrings).map((value) => scenarioOf([{ key, value }]));
}
