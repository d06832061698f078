/**
 * ResourceInterpreterCustomization scripts (Karmada customized/declarative): per target kind, the
 * customisations sorted by name are merged rule by rule, the first non-empty script winning
 * (configmanager LoadConfig / Merge); dependency scripts all run and their results are unioned.
 */
import { compareStrings, type Loaded, type ResourceInterpreterCustomization, type SourceRef } from '../api/index.ts';
import { kindKey } from './kinds.ts';

/** The rules of the customisation API, in Karmada's field names. */
export const ruleNames = [
  'retention',
  'replicaResource',
  'replicaRevision',
  'statusReflection',
  'statusAggregation',
  'healthInterpretation',
  'dependencyInterpretation',
] as const;
export type RuleName = (typeof ruleNames)[number];

/** A script and the customisation it comes from. */
export interface RuleScript {
  readonly customization: string;
  readonly script: string;
  /** Where the customisation was written, for diagnostics that point at the script. */
  readonly source?: SourceRef;
}

/** The merged scripts of one target kind. */
export interface KindRules {
  readonly single: ReadonlyMap<Exclude<RuleName, 'dependencyInterpretation'>, RuleScript>;
  readonly dependencies: readonly RuleScript[];
}

/** Merges the customisations into rules per kind key (`apiVersion/kind`). */
export function mergeCustomizations(
  customizations: readonly Loaded<ResourceInterpreterCustomization>[],
): ReadonlyMap<string, KindRules> {
  const sorted = customizations.toSorted((a, b) =>
    compareStrings(a.object.metadata.name ?? '', b.object.metadata.name ?? ''),
  );
  type Mutable = { single: Map<Exclude<RuleName, 'dependencyInterpretation'>, RuleScript>; dependencies: RuleScript[] };
  const byKind = new Map<string, Mutable>();
  for (const { object, source } of sorted) {
    const target = object.spec?.target;
    if (!target) continue;
    const key = kindKey(target.apiVersion, target.kind);
    const rules: Mutable = byKind.get(key) ?? { single: new Map(), dependencies: [] };
    const name = object.metadata.name ?? '';
    const c = object.spec.customizations ?? {};
    for (const rule of ruleNames) {
      const script = c[rule]?.luaScript ?? '';
      if (script === '') continue;
      if (rule === 'dependencyInterpretation') rules.dependencies.push({ customization: name, script, source });
      else if (!rules.single.has(rule)) rules.single.set(rule, { customization: name, script, source });
    }
    byKind.set(key, rules);
  }
  return byKind;
}
