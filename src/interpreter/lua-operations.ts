/**
 * The interpreter operations run by customisation scripts, with Karmada's function names,
 * arguments and result checks (luavm/lua.go): GetReplicas(obj) → replica, requires;
 * ReviseReplica(obj, desiredReplica); Retain(desiredObj, observedObj); AggregateStatus(desiredObj,
 * statusItems); InterpretHealth(observedObj); GetDependencies(desiredObj); ReflectStatus(observedObj).
 */
import { lua, type LuaState } from 'fengari';
import {
  canonicalQuantity,
  compareStrings,
  isPlainObject,
  type JsonObject,
  type JsonValue,
  type KubeObject,
  type LabelSelector,
  type ReplicaRequirements,
} from '../api/index.ts';
import type { RuleScript } from './customization.ts';
import { readJson } from './lua-convert.ts';
import type { LuaLimits } from './lua-limits.ts';
import { callScript, LuaScriptFailure } from './lua-script.ts';
import {
  InterpreterScriptError,
  type AggregatedStatusItem,
  type DependencyRef,
  type Operation,
  type ReplicaInfo,
} from './types.ts';

/** Settings every script call shares. */
export interface ScriptContext {
  readonly now?: string | undefined;
  readonly limits?: LuaLimits | undefined;
  /**
   * Scripts that hit a resource limit in this interpreter's life (one plan), by customisation and
   * operation: they are not run again for the next object of their kind, so one hostile script
   * costs a plan one limit's time, not one per template.
   */
  readonly tripped?: Map<string, string>;
}

function describe(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata.name ?? ''}`;
}

function run<T>(
  ctx: ScriptContext,
  rule: RuleScript,
  operation: Operation,
  obj: KubeObject,
  fn: string,
  args: readonly (JsonValue | undefined)[],
  results: number,
  read: (L: LuaState) => T,
): T {
  const key = `${rule.customization}\u0000${operation}`;
  const earlier = ctx.tripped?.get(key);
  if (earlier !== undefined) {
    throw new InterpreterScriptError(
      `ResourceInterpreterCustomization ${rule.customization}: ${operation} of ${describe(obj)}: not run, the script already exceeded a limit on ${earlier}`,
      { customization: rule.customization, operation, resource: describe(obj) },
      { source: rule.source },
    );
  }
  try {
    return callScript(
      {
        script: rule.script,
        chunkName: `${rule.customization}:${fn}`,
        functionName: fn,
        args,
        results,
        limits: ctx.limits,
        now: ctx.now,
      },
      read,
    );
  } catch (err) {
    if (!(err instanceof LuaScriptFailure)) throw err;
    if (err.limitHit) ctx.tripped?.set(key, describe(obj));
    throw new InterpreterScriptError(
      `ResourceInterpreterCustomization ${rule.customization}: ${operation} of ${describe(obj)}: ${err.message}`,
      { customization: rule.customization, operation, resource: describe(obj) },
      { cause: err, source: rule.source },
    );
  }
}

const json = (obj: KubeObject): JsonObject => obj as unknown as JsonObject;

function expectTable(L: LuaState, idx: number, fn: string): void {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE)
    throw new LuaScriptFailure(`${fn} must return a table, got ${luaType(L, idx)}`);
}

function luaType(L: LuaState, idx: number): string {
  const t = lua.lua_type(L, idx);
  return t === lua.LUA_TNIL
    ? 'nil'
    : t === lua.LUA_TBOOLEAN
      ? 'boolean'
      : t === lua.LUA_TNUMBER
        ? 'number'
        : t === lua.LUA_TSTRING
          ? 'string'
          : t === lua.LUA_TFUNCTION
            ? 'function'
            : t === lua.LUA_TTABLE
              ? 'table'
              : `Lua type ${t}`;
}

/** A returned object must be a Kubernetes object (Karmada decodes it into an Unstructured). */
function asObject(v: JsonValue, fn: string): KubeObject {
  if (!isPlainObject(v) || typeof v['kind'] !== 'string' || v['kind'] === '')
    throw new LuaScriptFailure(`${fn} must return an object with a kind`);
  return v as unknown as KubeObject;
}

/** GetReplicas: the replica count (truncated to an integer, as Go's int32 conversion) and requirements. */
export function luaGetReplicas(ctx: ScriptContext, rule: RuleScript, obj: KubeObject): ReplicaInfo {
  return run(ctx, rule, 'GetReplicas', obj, 'GetReplicas', [json(obj)], 2, (L) => {
    if (lua.lua_type(L, 1) !== lua.LUA_TNUMBER)
      throw new LuaScriptFailure(`GetReplicas must return a number of replicas first, got ${luaType(L, 1)}`);
    const replicas = Math.trunc(lua.lua_tonumber(L, 1));
    const t = lua.lua_type(L, 2);
    if (t === lua.LUA_TNIL) return { replicas };
    expectTable(L, 2, 'GetReplicas');
    const requirements = typedRequirements(readJson(L, 2, 'object'));
    return requirements ? { replicas, requirements } : { replicas };
  });
}

/** Keeps the fields of work/v1alpha2 ReplicaRequirements, quantities in canonical form. */
function typedRequirements(v: JsonValue): ReplicaRequirements | undefined {
  if (!isPlainObject(v)) throw new LuaScriptFailure('GetReplicas must return the requirements as a table of fields');
  const out: { -readonly [K in keyof ReplicaRequirements]: ReplicaRequirements[K] } = {};
  const claim = v['nodeClaim'];
  if (isPlainObject(claim)) {
    out.nodeClaim = {
      ...(claim['hardNodeAffinity'] !== undefined ? { hardNodeAffinity: claim['hardNodeAffinity'] } : {}),
      ...(isPlainObject(claim['nodeSelector'])
        ? { nodeSelector: claim['nodeSelector'] as Record<string, string> }
        : {}),
      ...(Array.isArray(claim['tolerations']) ? { tolerations: claim['tolerations'] } : {}),
    };
  }
  const request = v['resourceRequest'];
  if (isPlainObject(request)) {
    const list: Record<string, string> = {};
    for (const name of Object.keys(request).sort(compareStrings)) {
      const q = request[name];
      const canonical = typeof q === 'string' || typeof q === 'number' ? canonicalQuantity(q) : undefined;
      if (canonical === undefined)
        throw new LuaScriptFailure(`GetReplicas returned an invalid quantity for ${name}: ${JSON.stringify(q)}`);
      list[name] = canonical;
    }
    out.resourceRequest = list;
  }
  if (typeof v['namespace'] === 'string' && v['namespace']) out.namespace = v['namespace'];
  if (typeof v['priorityClassName'] === 'string' && v['priorityClassName'])
    out.priorityClassName = v['priorityClassName'];
  return out;
}

/** ReviseReplica: the object with the new replica count (empty fields resolved against the input). */
export function luaReviseReplica(ctx: ScriptContext, rule: RuleScript, obj: KubeObject, replicas: number): KubeObject {
  return run(ctx, rule, 'ReviseReplica', obj, 'ReviseReplica', [json(obj), replicas], 1, (L) => {
    expectTable(L, 1, 'ReviseReplica');
    return asObject(readJson(L, 1, 'object', [json(obj)]), 'ReviseReplica');
  });
}

/** Retain: the desired object with the member's fields (empty fields resolved against both inputs). */
export function luaRetain(ctx: ScriptContext, rule: RuleScript, desired: KubeObject, observed: KubeObject): KubeObject {
  return run(ctx, rule, 'Retain', desired, 'Retain', [json(desired), json(observed)], 1, (L) => {
    expectTable(L, 1, 'Retain');
    return asObject(readJson(L, 1, 'object', [json(desired), json(observed)]), 'Retain');
  });
}

/**
 * The status items as Karmada hands them to Lua (AggregatedStatusItem JSON: `applied` only when
 * true, `health` only when set); null (none collected) is nil, as Karmada's nil slice.
 */
function statusItemsJson(items: readonly AggregatedStatusItem[] | null): JsonValue | undefined {
  if (items === null) return undefined;
  return items.map((i) => ({
    clusterName: i.clusterName,
    ...(i.status ? { status: i.status } : {}),
    ...(i.applied ? { applied: true } : {}),
    ...(i.health ? { health: i.health } : {}),
  }));
}

/** AggregateStatus: the object with its aggregated status. */
export function luaAggregateStatus(
  ctx: ScriptContext,
  rule: RuleScript,
  obj: KubeObject,
  items: readonly AggregatedStatusItem[] | null,
): KubeObject {
  return run(ctx, rule, 'AggregateStatus', obj, 'AggregateStatus', [json(obj), statusItemsJson(items)], 1, (L) => {
    expectTable(L, 1, 'AggregateStatus');
    return asObject(readJson(L, 1, 'object'), 'AggregateStatus');
  });
}

/** InterpretHealth: must return a boolean. */
export function luaInterpretHealth(ctx: ScriptContext, rule: RuleScript, obj: KubeObject): boolean {
  return run(ctx, rule, 'InterpretHealth', obj, 'InterpretHealth', [json(obj)], 1, (L) => {
    if (lua.lua_type(L, 1) !== lua.LUA_TBOOLEAN)
      throw new LuaScriptFailure(`InterpretHealth must return a boolean, got ${luaType(L, 1)}`);
    return lua.lua_toboolean(L, 1);
  });
}

/** ReflectStatus: the status to record (a table; `{}` for an empty one). */
export function luaReflectStatus(ctx: ScriptContext, rule: RuleScript, obj: KubeObject): JsonObject {
  return run(ctx, rule, 'ReflectStatus', obj, 'ReflectStatus', [json(obj)], 1, (L) => {
    expectTable(L, 1, 'ReflectStatus');
    const v = readJson(L, 1, 'object');
    if (!isPlainObject(v)) throw new LuaScriptFailure('ReflectStatus must return a table of status fields');
    return v as JsonObject;
  });
}

/** GetDependencies of one script: a list of references, each validated (Karmada VerifyDependencies). */
export function luaGetDependencies(ctx: ScriptContext, rule: RuleScript, obj: KubeObject): DependencyRef[] {
  return run(ctx, rule, 'InterpretDependency', obj, 'GetDependencies', [json(obj)], 1, (L) => {
    expectTable(L, 1, 'GetDependencies');
    const v = readJson(L, 1, 'array');
    if (!Array.isArray(v)) throw new LuaScriptFailure('GetDependencies must return a list of references');
    return v.map((r, i) => typedDependency(r, i));
  });
}

function typedDependency(r: JsonValue, i: number): DependencyRef {
  if (!isPlainObject(r)) throw new LuaScriptFailure(`dependencies[${i}] is not a table`);
  const str = (k: string): string => (typeof r[k] === 'string' ? (r[k] as string) : '');
  const selector = isPlainObject(r['labelSelector']) ? (r['labelSelector'] as unknown as LabelSelector) : undefined;
  if (str('apiVersion') === '')
    throw new LuaScriptFailure(`dependencies[${i}].apiVersion: missing required apiVersion`);
  if (str('kind') === '') throw new LuaScriptFailure(`dependencies[${i}].kind: missing required kind`);
  if (str('name') === '' && !selector)
    throw new LuaScriptFailure(`dependencies[${i}]: dependency can not leave name and labelSelector all empty`);
  return {
    apiVersion: str('apiVersion'),
    kind: str('kind'),
    ...(str('namespace') ? { namespace: str('namespace') } : {}),
    ...(str('name') ? { name: str('name') } : {}),
    ...(selector ? { labelSelector: selector } : {}),
  };
}
