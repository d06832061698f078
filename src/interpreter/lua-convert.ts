/**
 * JSON ↔ Lua tables, as Karmada's luavm converts them (lua.go decodeValue, lua_convert.go
 * ConvertLuaResultInto with layeh.com/gopher-json).
 *
 * - JSON arrays become sequences, objects become tables; null fields are absent. Numbers are
 *   pushed as Lua floats, as gopher-lua (Lua 5.1) has only floats: fengari's integers are 32-bit
 *   and would wrap (a timestamp in milliseconds, 2Gi of memory). Whole floats print without a
 *   fraction (lua-limits.ts, the sandbox's tostring) and come back as JSON integers.
 * - A Lua table becomes an array when its keys are exactly 1..n and an object when all keys are
 *   strings; other tables are errors, as in gopher-json. An empty table is ambiguous: it becomes
 *   `{}` where the same path (array indices ignored) was an empty object in a reference object
 *   (the operation's inputs), `[]` where it was an empty array, and is dropped otherwise.
 */
import { lua, to_luastring, type LuaState } from 'fengari';
import { compareStrings, type JsonObject, type JsonValue } from '../api/index.ts';

/** A Lua value could not be expressed as JSON. */
export class LuaConversionError extends Error {}

/** Marks an empty Lua table until it is resolved against the reference objects. */
const emptyTable: unique symbol = Symbol('empty Lua table');
type LuaJson = null | boolean | number | string | LuaJson[] | { [k: string]: LuaJson } | typeof emptyTable;

const maxDepth = 200;

/** Pushes a JSON value onto the Lua stack. */
export function pushJson(L: LuaState, v: JsonValue | undefined): void {
  if (v === null || v === undefined) lua.lua_pushnil(L);
  else if (typeof v === 'boolean') lua.lua_pushboolean(L, v);
  else if (typeof v === 'number') lua.lua_pushnumber(L, v);
  else if (typeof v === 'string') lua.lua_pushstring(L, to_luastring(v));
  else if (Array.isArray(v)) {
    lua.lua_checkstack(L, 4);
    lua.lua_createtable(L, v.length, 0);
    v.forEach((item, i) => {
      pushJson(L, item);
      lua.lua_rawseti(L, -2, i + 1);
    });
  } else {
    const keys = Object.keys(v);
    lua.lua_checkstack(L, 4);
    lua.lua_createtable(L, 0, keys.length);
    for (const k of keys) {
      if (v[k] === null || v[k] === undefined) continue;
      pushJson(L, v[k]);
      lua.lua_setfield(L, -2, to_luastring(k));
    }
  }
}

/** Reads the Lua value at `idx` (empty tables still unresolved). */
function readLua(L: LuaState, idx: number, seen: Set<object>, depth: number): LuaJson {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TNIL) return null;
  if (t === lua.LUA_TBOOLEAN) return lua.lua_toboolean(L, idx);
  if (t === lua.LUA_TNUMBER) {
    const n = lua.lua_isinteger(L, idx) ? lua.lua_tointeger(L, idx) : lua.lua_tonumber(L, idx);
    if (!Number.isFinite(n)) throw new LuaConversionError(`json: unsupported value: ${n}`);
    return n;
  }
  if (t === lua.LUA_TSTRING) return lua.lua_tojsstring(L, idx);
  if (t !== lua.LUA_TTABLE) throw new LuaConversionError(`json: cannot encode value of type ${luaTypeName(t)}`);
  const ptr = lua.lua_topointer(L, idx);
  if (ptr === null || seen.has(ptr)) throw new LuaConversionError('json: cannot encode recursively nested tables');
  if (depth > maxDepth) throw new LuaConversionError(`json: tables nested deeper than ${maxDepth}`);
  seen.add(ptr);
  try {
    return readTable(L, idx < 0 ? lua.lua_gettop(L) + idx + 1 : idx, seen, depth);
  } finally {
    seen.delete(ptr);
  }
}

function readTable(L: LuaState, idx: number, seen: Set<object>, depth: number): LuaJson {
  const numbers = new Map<number, LuaJson>();
  const strings = new Map<string, LuaJson>();
  let invalid = false;
  if (!lua.lua_checkstack(L, 4)) throw new LuaConversionError('json: tables nested too deeply');
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    const kt = lua.lua_type(L, -2);
    if (kt === lua.LUA_TSTRING) strings.set(lua.lua_tojsstring(L, -2), readLua(L, -1, seen, depth + 1));
    else if (kt === lua.LUA_TNUMBER) numbers.set(lua.lua_tonumber(L, -2), readLua(L, -1, seen, depth + 1));
    else invalid = true;
    lua.lua_pop(L, 1);
  }
  if (invalid || (numbers.size > 0 && strings.size > 0))
    throw new LuaConversionError('json: cannot encode tables with mixed or invalid key types');
  if (strings.size > 0) {
    const out: { [k: string]: LuaJson } = {};
    for (const k of [...strings.keys()].sort(compareStrings)) out[k] = strings.get(k) ?? null;
    return out;
  }
  if (numbers.size === 0) return emptyTable;
  const arr: LuaJson[] = [];
  for (let i = 1; i <= numbers.size; i++) {
    if (!numbers.has(i)) throw new LuaConversionError('json: cannot encode sparse array');
    arr.push(numbers.get(i) ?? null);
  }
  return arr;
}

function luaTypeName(t: number): string {
  return t === lua.LUA_TFUNCTION ? 'function' : t === lua.LUA_TTABLE ? 'table' : `Lua type ${t}`;
}

/** What the result is converted into: Karmada decodes into a struct (`{}` at the root) or a slice. */
export type ResultShape = 'object' | 'array';

/**
 * Reads the Lua value at `idx` as JSON, resolving empty tables against `references` (Karmada
 * convertEmptySliceToEmptyStructPartly): an empty root becomes `{}` or `[]` by `shape`.
 */
export function readJson(
  L: LuaState,
  idx: number,
  shape: ResultShape,
  references: readonly JsonValue[] = [],
): JsonValue {
  const raw = readLua(L, idx, new Set(), 0);
  if (raw === emptyTable) return shape === 'object' ? {} : [];
  const emptyPaths = collectEmptyPaths(references);
  return resolveEmpty(raw, [], emptyPaths) ?? null;
}

interface EmptyPaths {
  readonly objects: ReadonlySet<string>;
  readonly arrays: ReadonlySet<string>;
}

/** Paths (object keys only, array indices skipped) of empty objects and arrays in the references. */
function collectEmptyPaths(references: readonly JsonValue[]): EmptyPaths {
  const objects = new Set<string>();
  const arrays = new Set<string>();
  const walk = (v: JsonValue, path: readonly string[]): void => {
    if (Array.isArray(v)) {
      if (v.length === 0 && path.length > 0) arrays.add(pathKey(path));
      for (const item of v) walk(item, path);
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      if (keys.length === 0 && path.length > 0) objects.add(pathKey(path));
      for (const k of keys) walk(v[k] ?? null, [...path, k]);
    }
  };
  for (const r of references) walk(r, []);
  return { objects, arrays };
}

const pathKey = (path: readonly string[]): string => path.join('\u0000');

function resolveEmpty(v: LuaJson, path: readonly string[], paths: EmptyPaths): JsonValue | undefined {
  if (v === emptyTable) {
    const key = pathKey(path);
    if (paths.objects.has(key)) return {};
    if (paths.arrays.has(key)) return [];
    return undefined;
  }
  if (Array.isArray(v)) {
    const out: JsonValue[] = [];
    for (const item of v) {
      const r = resolveEmpty(item, path, paths);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
  if (v !== null && typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, item] of Object.entries(v)) {
      const r = resolveEmpty(item, [...path, k], paths);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return v;
}
