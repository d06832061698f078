/**
 * The resource interpreter: per operation, a customisation script for the object's kind when one
 * exists, else Karmada's native behaviour, else Karmada's default for kinds without either
 * (pkg/resourceinterpreter/interpreter.go; callers check HookEnabled first, so the defaults are
 * what Karmada does without a hook): no replicas, unchanged objects, healthy, no dependencies,
 * and the whole `.status` reflected.
 */
import {
  cloneJson,
  compareStrings,
  type JsonObject,
  type KubeObject,
  type Loaded,
  type ResourceInterpreterCustomization,
} from '../api/index.ts';
import { mergeCustomizations, type KindRules } from './customization.ts';
import { kindKey, kindKeyOf } from './kinds.ts';
import type { LuaLimits } from './lua-limits.ts';
import {
  luaAggregateStatus,
  luaGetDependencies,
  luaGetReplicas,
  luaInterpretHealth,
  luaReflectStatus,
  luaRetain,
  luaReviseReplica,
  type ScriptContext,
} from './lua-operations.ts';
import { nativeAggregateStatus } from './native-aggregate.ts';
import { nativeDependencies } from './native-dependencies.ts';
import { nativeInterpretHealth } from './native-health.ts';
import { nativeReflectStatus } from './native-reflect.ts';
import { nativeGetReplicas, nativeReplicaKinds, nativeReviseReplica } from './native-replicas.ts';
import { nativeRetain } from './native-retain.ts';
import type { RequirementOptions } from './pod-requirements.ts';
import type { DependencyRef, Interpreter } from './types.ts';

/** Options of an interpreter; the defaults suit planning. */
export interface InterpreterOptions extends RequirementOptions {
  /** RFC 3339 time for scripts' os.time/os.date and Job condition times (the shell's clock). */
  readonly now?: string | undefined;
  /** Limits of each script call (defaults: lua-limits.ts defaultLuaLimits). */
  readonly limits?: LuaLimits | undefined;
}

/** Dependencies deduplicated and sorted by apiVersion, kind, namespace, name (Karmada configurable.go). */
function sortDependencies(refs: readonly DependencyRef[]): DependencyRef[] {
  const unique = new Map(
    refs.map((r) => [
      JSON.stringify([r.apiVersion, r.kind, r.namespace ?? '', r.name ?? '', r.labelSelector ?? null]),
      r,
    ]),
  );
  return [...unique.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, r]) => r);
}

/** Builds the interpreter for a revision's ResourceInterpreterCustomizations. Synchronous and pure. */
export function createInterpreter(
  customizations: readonly Loaded<ResourceInterpreterCustomization>[],
  options: InterpreterOptions = {},
): Interpreter {
  const rules = mergeCustomizations(customizations);
  const ctx: ScriptContext = { now: options.now, limits: options.limits, tripped: new Map() };
  const rulesOf = (obj: KubeObject): KindRules | undefined => rules.get(kindKeyOf(obj));
  return {
    getReplicas(obj) {
      const rule = rulesOf(obj)?.single.get('replicaResource');
      if (rule) return luaGetReplicas(ctx, rule, obj);
      return nativeGetReplicas(obj, options) ?? { replicas: 0 };
    },
    reviseReplica(obj, replicas) {
      const rule = rulesOf(obj)?.single.get('replicaRevision');
      if (rule) return luaReviseReplica(ctx, rule, obj, replicas);
      return nativeReviseReplica(obj, replicas) ?? cloneJson(obj);
    },
    retain(desired, observed) {
      const rule = rulesOf(desired)?.single.get('retention');
      if (rule) return luaRetain(ctx, rule, desired, observed);
      return nativeRetain(desired, observed) ?? cloneJson(desired);
    },
    aggregateStatus(obj, items) {
      const rule = rulesOf(obj)?.single.get('statusAggregation');
      if (rule) return luaAggregateStatus(ctx, rule, obj, items);
      return nativeAggregateStatus(obj, items, options.now) ?? cloneJson(obj);
    },
    interpretHealth(obj) {
      const rule = rulesOf(obj)?.single.get('healthInterpretation');
      if (rule) return luaInterpretHealth(ctx, rule, obj);
      return nativeInterpretHealth(obj) ?? true;
    },
    interpretDependency(obj) {
      const scripts = rulesOf(obj)?.dependencies ?? [];
      if (scripts.length > 0) return sortDependencies(scripts.flatMap((rule) => luaGetDependencies(ctx, rule, obj)));
      return nativeDependencies(obj) ?? [];
    },
    reflectStatus(obj): JsonObject | null {
      const rule = rulesOf(obj)?.single.get('statusReflection');
      if (rule) return luaReflectStatus(ctx, rule, obj);
      return nativeReflectStatus(obj);
    },
    hasReplicas(apiVersion, kind) {
      const key = kindKey(apiVersion, kind);
      return rules.get(key)?.single.has('replicaResource') === true || nativeReplicaKinds.has(key);
    },
  };
}
