/** The part of fengari's API (a Lua 5.3 VM in pure JS) that the interpreter uses. */
declare module 'fengari' {
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaString = Uint8Array;
  export type JsFunction = (L: LuaState) => number;
  export type Hook = (L: LuaState, ar: unknown) => void;
  export const lua: {
    readonly LUA_OK: number;
    readonly LUA_MULTRET: number;
    readonly LUA_MASKCOUNT: number;
    readonly LUA_MASKCALL: number;
    readonly LUA_HOOKCALL: number;
    readonly LUA_HOOKTAILCALL: number;
    readonly LUA_TNIL: number;
    readonly LUA_TBOOLEAN: number;
    readonly LUA_TNUMBER: number;
    readonly LUA_TSTRING: number;
    readonly LUA_TTABLE: number;
    readonly LUA_TFUNCTION: number;
    readonly LUA_REGISTRYINDEX: number;
    lua_sethook(L: LuaState, f: Hook | null, mask: number, count: number): void;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_gettop(L: LuaState): number;
    lua_settop(L: LuaState, idx: number): void;
    lua_pop(L: LuaState, n: number): void;
    lua_pushnil(L: LuaState): void;
    lua_pushboolean(L: LuaState, b: boolean): void;
    lua_pushinteger(L: LuaState, n: number): void;
    lua_pushnumber(L: LuaState, n: number): void;
    lua_pushstring(L: LuaState, s: LuaString): void;
    lua_pushliteral(L: LuaState, s: string): void;
    lua_pushjsfunction(L: LuaState, f: JsFunction): void;
    lua_pushvalue(L: LuaState, idx: number): void;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_setfield(L: LuaState, idx: number, k: string | LuaString): void;
    lua_getfield(L: LuaState, idx: number, k: string | LuaString): number;
    lua_setglobal(L: LuaState, name: string | LuaString): void;
    lua_getglobal(L: LuaState, name: string | LuaString): number;
    lua_rawseti(L: LuaState, idx: number, n: number): void;
    lua_rawgeti(L: LuaState, idx: number, n: number): number;
    lua_next(L: LuaState, idx: number): number;
    lua_type(L: LuaState, idx: number): number;
    lua_isinteger(L: LuaState, idx: number): boolean;
    lua_tointeger(L: LuaState, idx: number): number;
    lua_tonumber(L: LuaState, idx: number): number;
    lua_toboolean(L: LuaState, idx: number): boolean;
    lua_tojsstring(L: LuaState, idx: number): string;
    lua_tolstring(L: LuaState, idx: number): LuaString;
    lua_topointer(L: LuaState, idx: number): object | null;
    lua_rawlen(L: LuaState, idx: number): number;
    lua_error(L: LuaState): never;
    lua_checkstack(L: LuaState, n: number): boolean;
  };
  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadbufferx(
      L: LuaState,
      buff: LuaString,
      size: number | null,
      name: LuaString,
      mode: LuaString | null,
    ): number;
    luaL_requiref(L: LuaState, modname: LuaString, openf: JsFunction, glb: number): void;
    luaL_error(L: LuaState, fmt: LuaString, ...args: unknown[]): never;
    luaL_typename(L: LuaState, idx: number): LuaString;
    luaL_tolstring(L: LuaState, idx: number): LuaString;
  };
  export const lualib: {
    luaopen_base: JsFunction;
    luaopen_table: JsFunction;
    luaopen_string: JsFunction;
    luaopen_math: JsFunction;
  };
  export function to_luastring(s: string): LuaString;
  export function to_jsstring(s: LuaString): string;
}

/** fengari internals patched for the sandbox's memory accounting (see lua-limits.ts). */
declare module 'fengari/src/lobject.js' {
  const lobject: Record<string, unknown>;
  export default lobject;
}
declare module 'fengari/src/ltable.js' {
  const ltable: Record<string, unknown>;
  export default ltable;
}
declare module 'fengari/src/lstring.js' {
  const lstring: Record<string, unknown>;
  export default lstring;
}
