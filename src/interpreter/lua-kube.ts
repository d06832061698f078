/**
 * Karmada's Lua helper library, loaded with `local kube = require("kube")`
 * (pkg/resourceinterpreter/customized/declarative/luavm/kube.go):
 * - `kube.resourceAdd(q1, q2, ...)`: the canonical sum of quantity strings (nil counts as zero);
 * - `kube.accuratePodRequirements(podTemplate)`: the replica requirements of a pod template;
 * - `kube.getPodDependencies(podTemplate, namespace)`: its ConfigMaps, Secrets, ServiceAccounts and
 *   PVCs (namespace nil means `default`), or nil when there are none (Karmada returns a nil list);
 * - `kube.getResourceQuantity(q)`: a quantity as an approximate number (`"500m"` → 0.5).
 */
import { lauxlib, lua, to_luastring, type JsFunction, type LuaState } from 'fengari';
import {
  addQuantities,
  formatQuantity,
  isPlainObject,
  parseQuantity,
  quantityFloat,
  type JsonObject,
  type JsonValue,
  type Quantity,
} from '../api/index.ts';
import { pushJson, readJson } from './lua-convert.ts';
import { podDependencies } from './pod-dependencies.ts';
import { replicaRequirements } from './pod-requirements.ts';

function fail(L: LuaState, message: string): never {
  return lauxlib.luaL_error(L, to_luastring('%s'), to_luastring(message));
}

function typeName(L: LuaState, idx: number): string {
  return new TextDecoder().decode(lauxlib.luaL_typename(L, idx));
}

function quantityArg(L: LuaState, idx: number, fn: string): Quantity {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TNIL) return { nano: 0n, format: 'DecimalSI' };
  if (t !== lua.LUA_TSTRING) return fail(L, `bad argument #${idx} to ${fn} (string expected, got ${typeName(L, idx)})`);
  const text = lua.lua_tojsstring(L, idx);
  const q = parseQuantity(text);
  return (
    q ??
    fail(
      L,
      `${fn}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(text)}`,
    )
  );
}

function podTemplateArg(L: LuaState, fn: string): JsonObject {
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE)
    return fail(L, `bad argument #1 to ${fn} (table expected, got ${typeName(L, 1)})`);
  const template = readJson(L, 1, 'object');
  return isPlainObject(template) ? (template as JsonObject) : {};
}

function specOf(template: JsonObject): JsonObject | undefined {
  return isPlainObject(template['spec']) ? (template['spec'] as JsonObject) : undefined;
}

const resourceAdd: JsFunction = (L) => {
  const n = lua.lua_gettop(L);
  const qs: Quantity[] = [];
  for (let i = 1; i <= n; i++) qs.push(quantityArg(L, i, 'resourceAdd'));
  lua.lua_pushstring(L, to_luastring(formatQuantity(addQuantities(...qs))));
  return 1;
};

const accuratePodRequirements: JsFunction = (L) => {
  if (lua.lua_gettop(L) !== 1) return fail(L, 'getPodRequirements only accepts one argument');
  const template = podTemplateArg(L, 'accuratePodRequirements');
  const requirements = replicaRequirements(specOf(template), undefined);
  pushJson(L, requirements === undefined ? null : (JSON.parse(JSON.stringify(requirements)) as JsonObject));
  return 1;
};

const getPodDependencies: JsFunction = (L) => {
  if (lua.lua_gettop(L) !== 2) return fail(L, 'getPodDependencies only accepts two argument');
  const template = podTemplateArg(L, 'getPodDependencies');
  const t = lua.lua_type(L, 2);
  let namespace = 'default';
  if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) namespace = new TextDecoder().decode(lua.lua_tolstring(L, 2));
  else if (t !== lua.LUA_TNIL)
    return fail(L, `bad argument #2 to getPodDependencies (string expected, got ${typeName(L, 2)})`);
  const deps = podDependencies(specOf(template), namespace);
  pushJson(L, deps.length === 0 ? null : (deps.map((d) => ({ ...d })) as unknown as JsonValue));
  return 1;
};

const getResourceQuantity: JsFunction = (L) => {
  if (lua.lua_gettop(L) !== 1) return fail(L, 'getResourceQuantity only accepts one argument');
  const value = quantityFloat(quantityArg(L, 1, 'getResourceQuantity'));
  if (value < 0) return fail(L, `int approximation unexpectedly returned a negative value: ${value}`);
  if (!Number.isFinite(value)) return fail(L, `int approximation unexpectedly returned an infinite value: ${value}`);
  lua.lua_pushnumber(L, value);
  return 1;
};

/** Pushes the `kube` library table. */
export function openKube(L: LuaState): void {
  const fns: Readonly<Record<string, JsFunction>> = {
    resourceAdd,
    accuratePodRequirements,
    getPodDependencies,
    getResourceQuantity,
  };
  lua.lua_createtable(L, 0, 4);
  for (const [name, f] of Object.entries(fns)) {
    lua.lua_pushjsfunction(L, f);
    lua.lua_setfield(L, -2, to_luastring(name));
  }
}
