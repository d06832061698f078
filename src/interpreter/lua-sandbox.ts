/**
 * A fresh Lua state for one customisation call, with the libraries Karmada gives scripts
 * (luavm/lua.go setLib: base, table, string, math, a safe os, `require("kube")`) and nothing that
 * reaches outside the process: no io, debug, coroutine, package loaders, load/dofile/loadfile,
 * string.dump; bytecode chunks are refused. Functions Karmada disables raise an error, as there.
 *
 * flotilla differs (DESIGN "Principles", pure core): `os.time()` and `os.date()` read the `now` the
 * caller passes instead of the clock (the Unix epoch when none is given), always in UTC;
 * `math.random` is disabled; `print` does nothing.
 */
import { lauxlib, lua, lualib, to_luastring, type JsFunction, type LuaState } from 'fengari';
import { patternCost, patternStepBudget } from './lua-pattern-cost.ts';
import { InternalError } from '../api/index.ts';
import { openKube } from './lua-kube.ts';
import { countMask, goNumberString, hookInterval, instructionHook, meterStopped, stringLimit } from './lua-limits.ts';
import { luaDate, luaTime } from './lua-os.ts';

/** Options of a sandbox. */
export interface SandboxOptions {
  /** RFC 3339 time that `os.time()` / `os.date()` report. */
  readonly now?: string | undefined;
}

// Karmada replaces these with functions raising an error (luavm/lua.go setLib).
const disabledGlobals = [
  'collectgarbage',
  'dofile',
  'getfenv',
  'getmetatable',
  'load',
  'loadfile',
  'loadstring',
  'rawequal',
  'rawget',
  'rawlen',
  'rawset',
  'setfenv',
  'setmetatable',
  'module',
  'newproxy',
] as const;

/** Lua 5.1 names Karmada's scripts may use (gopher-lua is Lua 5.1), and guards on string growth. */
const preludeScript = `
local limit, stopped, patternok = ...
local pcall0, xpcall0, pack, unpack0 = pcall, xpcall, table.pack, table.unpack
local function rethrow(r)
  if not r[1] and stopped() then error(r[2], 0) end
  return unpack0(r, 1, r.n)
end
pcall = function(...) return rethrow(pack(pcall0(...))) end
xpcall = function(...) return rethrow(pack(xpcall0(...))) end
unpack = table.unpack
table.getn = function(t) return #t end
math.pow = function(x, y) return x ^ y end
math.mod = math.fmod
math.log10 = function(x) return math.log(x, 10) end
-- Pattern matching runs outside the instruction count: refuse patterns that would backtrack for
-- too long (lua-pattern-cost.ts) before any of them runs.
local find0, match0, gmatch0 = string.find, string.match, string.gmatch
local function checked(s, p, level)
  local ok, why = patternok(s, p)
  if not ok then error(why, level) end
end
string.find = function(s, p, init, plain)
  if not plain then checked(s, p, 3) end
  return find0(s, p, init, plain)
end
string.match = function(s, p, init) checked(s, p, 3) return match0(s, p, init) end
string.gmatch = function(s, p) checked(s, p, 3) return gmatch0(s, p) end
string.gfind = string.gmatch
local gsub0 = string.gsub
string.gsub = function(s, p, r, n) checked(s, p, 3) return gsub0(s, p, r, n) end
local gsub, concat, format, select, tostring, type, error = string.gsub, table.concat, string.format, select, tostring, type, error
local function tooLong(n) error('string too long: about ' .. n .. ' bytes exceeds the limit of ' .. limit() .. ' bytes', 3) end
string.gsub = function(s, p, r, n)
  local kind = type(r)
  if kind == 'string' or kind == 'number' then
    r = tostring(r)
    local _, count = gsub(s, p, '%0', n)
    local _, escapes = gsub(r, '%%', '')
    local bound = #tostring(s) + count * (#r + escapes * #tostring(s))
    if bound > limit() then tooLong(bound) end
    return gsub(s, p, r, n)
  elseif kind == 'function' or kind == 'table' then
    local total = #tostring(s)
    return gsub(s, p, function(...)
      local v
      if kind == 'table' then v = r[(...)] else v = r(...) end
      if type(v) == 'string' or type(v) == 'number' then
        total = total + #tostring(v)
        if total > limit() then tooLong(total) end
      end
      return v
    end, n)
  end
  return gsub(s, p, r, n)
end
table.concat = function(list, sep, i, j)
  local total, sl = 0, 0
  if sep ~= nil then sl = #tostring(sep) end
  for k = i or 1, j or #list do
    local v = list[k]
    if type(v) == 'string' or type(v) == 'number' then total = total + #tostring(v) + sl end
    if total > limit() then tooLong(total) end
  end
  return concat(list, sep, i, j)
end
local tointeger, mathtype, pack2 = math.tointeger, math.type, table.pack
string.format = function(fmt, ...)
  local total = #tostring(fmt)
  local args = pack2(...)
  for k = 1, args.n do
    local v = args[k]
    if type(v) == 'string' then total = total + #v else total = total + 64 end
    if total > limit() then tooLong(total) end
    -- gopher-lua prints whole floats as integers ('%s' of 3.0 is "3")
    if mathtype(v) == 'float' and tointeger(v) ~= nil then args[k] = tointeger(v) end
  end
  return format(fmt, unpack0(args, 1, args.n))
end
`;

function unsupported(name: string): JsFunction {
  return (L) =>
    lauxlib.luaL_error(
      L,
      to_luastring(`call function ${name} is not supported in the customized resource interpreter (as in Karmada)`),
    );
}

function setFunctions(L: LuaState, fns: Readonly<Record<string, JsFunction>>): void {
  for (const [name, f] of Object.entries(fns)) {
    lua.lua_pushjsfunction(L, f);
    lua.lua_setfield(L, -2, to_luastring(name));
  }
}

/** `tostring` printing whole floats without a fraction, as gopher-lua does (`3`, not Lua 5.3's `3.0`). */
const goTostring: JsFunction = (L) => {
  if (lua.lua_type(L, 1) === lua.LUA_TNUMBER && !lua.lua_isinteger(L, 1)) {
    lua.lua_pushstring(L, to_luastring(goNumberString(lua.lua_tonumber(L, 1))));
    return 1;
  }
  lauxlib.luaL_tolstring(L, 1);
  return 1;
};

/** Creates a sandboxed Lua state; script calls on it must run inside `withMeter`. */
export function newSandbox(options: SandboxOptions = {}): LuaState {
  const L = lauxlib.luaL_newstate();
  for (const [name, open] of [
    ['_G', lualib.luaopen_base],
    ['table', lualib.luaopen_table],
    ['string', lualib.luaopen_string],
    ['math', lualib.luaopen_math],
  ] as const) {
    lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
    lua.lua_pop(L, 1);
  }
  for (const name of disabledGlobals) {
    lua.lua_pushjsfunction(L, unsupported(name));
    lua.lua_setglobal(L, to_luastring(name));
  }
  lua.lua_pushjsfunction(L, () => 0);
  lua.lua_setglobal(L, to_luastring('print'));
  lua.lua_pushjsfunction(L, goTostring);
  lua.lua_setglobal(L, to_luastring('tostring'));
  lua.lua_getglobal(L, to_luastring('string'));
  setFunctions(L, { rep: unsupported('string.rep'), dump: unsupported('string.dump') });
  lua.lua_pop(L, 1);
  lua.lua_getglobal(L, to_luastring('math'));
  setFunctions(L, { random: unsupported('math.random'), randomseed: unsupported('math.randomseed') });
  lua.lua_pop(L, 1);
  lua.lua_createtable(L, 0, 2);
  setFunctions(L, { time: luaTime(options.now), date: luaDate(options.now) });
  lua.lua_setglobal(L, to_luastring('os'));
  installRequire(L);
  runPrelude(L);
  lua.lua_sethook(L, instructionHook, countMask, hookInterval);
  return L;
}

/** `require(name)` answers from package.loaded only, where `kube` is preloaded (Karmada's loadlib_safe). */
function installRequire(L: LuaState): void {
  lua.lua_createtable(L, 0, 1);
  lua.lua_createtable(L, 0, 6);
  openKube(L);
  lua.lua_setfield(L, -2, to_luastring('kube'));
  for (const lib of ['string', 'table', 'math', 'os', '_G']) {
    lua.lua_getglobal(L, to_luastring(lib));
    lua.lua_setfield(L, -2, to_luastring(lib));
  }
  lua.lua_setfield(L, -2, to_luastring('loaded'));
  lua.lua_setglobal(L, to_luastring('package'));
  lua.lua_pushjsfunction(L, (S) => {
    const name = lua.lua_type(S, 1) === lua.LUA_TSTRING ? lua.lua_tojsstring(S, 1) : '';
    lua.lua_getglobal(S, to_luastring('package'));
    lua.lua_getfield(S, -1, to_luastring('loaded'));
    if (name === '' || lua.lua_getfield(S, -1, to_luastring(name)) === lua.LUA_TNIL) {
      return lauxlib.luaL_error(
        S,
        to_luastring(`module '${name}' not found: the customized resource interpreter provides only 'kube'`),
      );
    }
    return 1;
  });
  lua.lua_setglobal(L, to_luastring('require'));
}

function runPrelude(L: LuaState): void {
  const status = lauxlib.luaL_loadbufferx(
    L,
    to_luastring(preludeScript),
    null,
    to_luastring('=flotilla-prelude'),
    to_luastring('t'),
  );
  lua.lua_pushjsfunction(L, (S) => {
    lua.lua_pushnumber(S, stringLimit());
    return 1;
  });
  lua.lua_pushjsfunction(L, (S) => {
    lua.lua_pushboolean(S, meterStopped());
    return 1;
  });
  lua.lua_pushjsfunction(L, (S) => {
    const subject = lua.lua_tolstring(S, 1);
    const pattern = lua.lua_tojsstring(S, 2);
    const n = subject ? subject.length : 0;
    const cost = typeof pattern === 'string' ? patternCost(n, pattern) : 0;
    lua.lua_pushboolean(S, cost <= patternStepBudget);
    lua.lua_pushstring(
      S,
      to_luastring(
        `pattern ${JSON.stringify(pattern)} over ${n} bytes could backtrack about ${cost.toExponential(1)} steps, more than the ${patternStepBudget.toExponential(0)} allowed (the sandbox bounds pattern matching, which the instruction limit cannot interrupt)`,
      ),
    );
    return 2;
  });
  if (status !== lua.LUA_OK || lua.lua_pcall(L, 3, 0, 0) !== lua.LUA_OK) {
    throw new InternalError(`the Lua sandbox prelude failed: ${lua.lua_tojsstring(L, -1)}`);
  }
}
