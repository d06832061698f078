/** The public surface of src/override: Karmada's OverridePolicy / ClusterOverridePolicy semantics. */
export { selectOverridePolicies } from './selection.ts';
export { applyOverrides } from './application.ts';
export type { AppliedOverride, OverrideResult } from './application.ts';
