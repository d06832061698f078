/**
 * Runs one function of a customisation script, as Karmada's luavm RunScript does: load the script
 * (its top level defines the function), then call the named global with the arguments. Each call
 * gets a fresh sandbox, so scripts cannot leak globals into one another (Karmada reuses pooled
 * states), and runs under the instruction and memory limits of lua-limits.ts.
 */
import { lauxlib, lua, to_luastring, type LuaState } from 'fengari';
import type { JsonValue } from '../api/index.ts';
import { defaultLuaLimits, meterStopped, withMeter, type LuaLimits } from './lua-limits.ts';
import { LuaConversionError, pushJson } from './lua-convert.ts';
import { newSandbox } from './lua-sandbox.ts';

/** A script failed; the message is the Lua error (with the script line where there is one). */
export class LuaScriptFailure extends Error {
  /** True when the call was stopped by a resource limit (instructions, memory, string length). */
  readonly limitHit: boolean;
  constructor(message: string, limitHit = false) {
    super(message);
    this.limitHit = limitHit;
  }
}

/** A script call: which script, which function, its JSON arguments and how many results it returns. */
export interface ScriptCall {
  readonly script: string;
  readonly chunkName: string;
  readonly functionName: string;
  readonly args: readonly (JsonValue | undefined)[];
  readonly results: number;
  readonly limits?: LuaLimits | undefined;
  readonly now?: string | undefined;
}

/**
 * Calls the function and hands the state, with the results at stack indices 1..results, to
 * `read`; conversion errors in `read` become LuaScriptFailure too.
 */
export function callScript<T>(call: ScriptCall, read: (L: LuaState) => T): T {
  const L = newSandbox({ now: call.now });
  const limits = call.limits ?? defaultLuaLimits;
  withMeter(L, limits, () => {
    check(L, loadText(L, call.script, call.chunkName), 'cannot load the script');
    check(L, lua.lua_pcall(L, 0, 0, 0), 'the script failed');
    const t = lua.lua_getglobal(L, to_luastring(call.functionName));
    if (t === lua.LUA_TNIL) throw new LuaScriptFailure(`not found function ${call.functionName}`);
    if (t !== lua.LUA_TFUNCTION) throw new LuaScriptFailure(`${call.functionName} is not a function`);
    for (const a of call.args) pushJson(L, a);
    check(L, lua.lua_pcall(L, call.args.length, call.results, 0), `${call.functionName} failed`);
  });
  try {
    return read(L);
  } catch (err) {
    if (err instanceof LuaConversionError)
      throw new LuaScriptFailure(`cannot convert the result of ${call.functionName}: ${err.message}`);
    throw err;
  }
}

/** Mode "t": text chunks only, never precompiled bytecode. */
function loadText(L: LuaState, script: string, chunkName: string): number {
  return lauxlib.luaL_loadbufferx(L, to_luastring(script), null, to_luastring(`=${chunkName}`), to_luastring('t'));
}

function check(L: LuaState, status: number, what: string): void {
  if (status === lua.LUA_OK) return;
  const message =
    lua.lua_type(L, -1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -1) : 'a JavaScript error inside the Lua VM';
  throw new LuaScriptFailure(`${what}: ${message}`, meterStopped());
}
