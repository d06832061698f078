/** The public surface of src/override: Karmada's OverridePolicy / ClusterOverridePolicy semantics. */
export { selectOverridePolicies } from './selection.ts';
export { applyOverrides } from './application.ts';
export { matchingRuleIndexes } from './rules.ts';
export type { AppliedOverride, OverrideResult } from './application.ts';
/** How go-yaml v2 (sigs.k8s.io/yaml, kubectl) reads a plain scalar; the rendered tree quotes what it would not read as a string. */
export { resolvePlain } from './yaml-v2/resolve.ts';
