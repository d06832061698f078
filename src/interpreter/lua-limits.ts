/**
 * Resource limits for customisation scripts, and gopher-lua's number printing.
 *
 * Karmada (luavm/lua.go) stops a script after one second of wall clock. The core reads no clock
 * (STYLE D1), so flotilla counts VM instructions instead, with a LUA_MASKCOUNT hook. fengari has no
 * allocator hook, so memory is *estimated*: fengari's table and string constructors are wrapped (its
 * module exports, which the VM calls through) and every new table, table slot and string is charged
 * against a per-call budget of estimated bytes. The budget is cumulative (garbage is not credited
 * back), which only matters for scripts that churn far more data than any status aggregation does.
 *
 * The wrappers are process-wide but charge only while a script call is metered (`withMeter`); calls
 * are synchronous, so one meter is active at a time.
 */
import { lauxlib, lua, to_luastring, type LuaState } from 'fengari';
import lobject from 'fengari/src/lobject.js';
import lstring from 'fengari/src/lstring.js';
import ltable from 'fengari/src/ltable.js';
import { InternalError } from '../api/index.ts';

/** Limits of one script call. */
export interface LuaLimits {
  /** VM instructions per call (about 50 million run in a second on a current machine). */
  readonly instructions: number;
  /** Estimated bytes of tables and strings a call may allocate. */
  readonly memoryBytes: number;
  /** The longest string a script may build. */
  readonly stringBytes: number;
}

/** The limits flotilla applies: a hostile script stops well within a second. */
export const defaultLuaLimits: LuaLimits = { instructions: 20_000_000, memoryBytes: 64 << 20, stringBytes: 2 << 20 };

/** Instructions between two hook calls. */
export const hookInterval = 1000;
/** Instructions a function call is charged as: a call costs fengari tens of instructions of time, and no status script makes 200,000 calls. */
const callCost = 100;
// Estimated JS heap cost of a fengari table (object + two Maps), of one table slot (entry object
// and two TValues), and of a string beyond its bytes (TString + Uint8Array headers).
const tableCost = 500;
const slotCost = 120;
const stringOverhead = 100;

interface Meter {
  readonly L: LuaState;
  readonly limits: LuaLimits;
  instructionsLeft: number;
  bytesLeft: number;
  /** Set once a limit is hit: the call is over, whatever the script does next. */
  stopped?: string;
}
let active: Meter | undefined;

/** Runs `f` with instruction and memory accounting for the state `L`. */
export function withMeter<T>(L: LuaState, limits: LuaLimits, f: () => T): T {
  const previous = active;
  active = { L, limits, instructionsLeft: limits.instructions, bytesLeft: limits.memoryBytes };
  try {
    return f();
  } finally {
    active = previous;
  }
}

/**
 * The count hook: raises a Lua error once the instruction budget is spent, and again at every
 * later hook once any limit was hit (a script that catches the error with pcall is stopped anyway;
 * the sandbox's pcall also re-raises it).
 */
export function instructionHook(L: LuaState, ar: unknown): void {
  const m = active;
  if (!m || m.L !== L) return;
  if (m.stopped !== undefined) raise(m, m.stopped);
  // A call costs fengari far more than an instruction: charging calls keeps a tail-call loop
  // (two instructions an iteration) within the same time as any other endless loop.
  const event = (ar as { event?: number } | null)?.event;
  m.instructionsLeft -= event === lua.LUA_HOOKCALL || event === lua.LUA_HOOKTAILCALL ? callCost : hookInterval;
  if (m.instructionsLeft <= 0)
    stop(
      m,
      `instruction limit exceeded: the script ran more than ${m.limits.instructions} Lua instructions (an endless loop?)`,
    );
}

/** Charges `bytes` of estimated allocation; stops the call when the budget is spent. */
export function chargeMemory(bytes: number): void {
  const m = active;
  if (!m || m.stopped !== undefined) return;
  m.bytesLeft -= bytes;
  if (m.bytesLeft < 0)
    stop(
      m,
      `memory limit exceeded: the script allocated more than ${m.limits.memoryBytes >> 20} MiB of tables and strings`,
    );
}

/** Checks a string length about to be created, and charges it. */
export function chargeString(length: number): void {
  const m = active;
  if (!m) return;
  if (length > m.limits.stringBytes)
    stop(m, `string too long: ${length} bytes exceeds the limit of ${m.limits.stringBytes} bytes`);
  chargeMemory(length + stringOverhead);
}

/** The current meter's string limit (Infinity when no call is metered). */
export function stringLimit(): number {
  return active?.limits.stringBytes ?? Number.POSITIVE_INFINITY;
}

/** True once the metered call hit a limit. */
export function meterStopped(): boolean {
  return active?.stopped !== undefined;
}

function stop(m: Meter, message: string): never {
  m.stopped ??= message;
  return raise(m, m.stopped);
}

function raise(m: Meter, message: string): never {
  // A limit can be hit inside the VM, where the running frame's stack is full: make room for the message.
  lua.lua_checkstack(m.L, 8);
  return lauxlib.luaL_error(m.L, to_luastring('%s'), to_luastring(message));
}

// ---- the wrappers ----------------------------------------------------------------------------
type Fn = (...args: never[]) => unknown;
interface TableLike {
  readonly strong: { readonly size: number };
}
interface StringLike {
  readonly realstring: Uint8Array;
}
interface TValueLike {
  readonly value: unknown;
  ttisinteger(): boolean;
  setsvalue(ts: unknown): void;
}

function original<F extends Fn>(module: Record<string, unknown>, name: string): F {
  const f = module[name];
  if (typeof f !== 'function') throw new InternalError(`fengari has no ${name}: the Lua sandbox cannot be set up`);
  return f as F;
}

const luaHNew = original<(L: LuaState) => TableLike>(ltable, 'luaH_new');
const luaHSetint = original<(t: TableLike, key: number, value: unknown) => void>(ltable, 'luaH_setint');
const luaHSetfrom = original<(L: LuaState, t: TableLike, key: unknown, value: unknown) => void>(ltable, 'luaH_setfrom');
const setsvalue2s = original<(L: LuaState, idx: number, ts: StringLike) => void>(lobject, 'setsvalue2s');
const pushsvalue2s = original<(L: LuaState, ts: StringLike) => void>(lobject, 'pushsvalue2s');
const luaOTostring = original<(L: LuaState, obj: TValueLike) => void>(lobject, 'luaO_tostring');
const luaSBless = original<(L: LuaState, s: Uint8Array) => unknown>(lstring, 'luaS_bless');

if (!('flotillaMetered' in ltable)) {
  ltable['flotillaMetered'] = true;
  ltable['luaH_new'] = (L: LuaState) => {
    chargeMemory(tableCost);
    return luaHNew(L);
  };
  ltable['luaH_setint'] = (t: TableLike, key: number, value: unknown) => {
    const before = t.strong.size;
    luaHSetint(t, key, value);
    if (t.strong.size > before) chargeMemory(slotCost);
  };
  ltable['luaH_setfrom'] = (L: LuaState, t: TableLike, key: unknown, value: unknown) => {
    const before = t.strong.size;
    luaHSetfrom(L, t, key, value);
    if (t.strong.size > before) chargeMemory(slotCost);
  };
  lobject['setsvalue2s'] = (L: LuaState, idx: number, ts: StringLike) => {
    chargeString(ts.realstring.length);
    setsvalue2s(L, idx, ts);
  };
  lobject['pushsvalue2s'] = (L: LuaState, ts: StringLike) => {
    chargeString(ts.realstring.length);
    pushsvalue2s(L, ts);
  };
  lobject['luaO_tostring'] = (L: LuaState, obj: TValueLike) => {
    const v = obj.value;
    if (obj.ttisinteger() || typeof v !== 'number' || !Number.isFinite(v)) return luaOTostring(L, obj);
    obj.setsvalue(luaSBless(L, to_luastring(goNumberString(v))));
  };
}

/**
 * A float as gopher-lua prints it (Karmada's VM, Lua 5.1, floats only): whole numbers without a
 * fraction (`3`, where Lua 5.3 prints `3.0`), others in Go's shortest form (`0.5`, `1e-05`, `1e+21`).
 */
export function goNumberString(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return BigInt(v).toString();
  const abs = Math.abs(v);
  const s = abs !== 0 && abs < 1e-4 ? v.toExponential() : String(v);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Exposed for the sandbox: the hook mask to install. */
export const countMask = lua.LUA_MASKCOUNT | lua.LUA_MASKCALL;
