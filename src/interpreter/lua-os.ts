/**
 * The safe `os` library (Karmada pkg/util/lifted/lua/oslib_safe.go: only `time` and `date`).
 * flotilla differs (DESIGN "Principles", pure core): the current time is the `now` the caller
 * passes (the Unix epoch when none is given), and dates are always UTC.
 */
import { lauxlib, lua, to_luastring, type JsFunction, type LuaState } from 'fengari';

function epochSeconds(now: string | undefined): number {
  const ms = now === undefined ? 0 : Date.parse(now);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

function intField(L: LuaState, field: string, fallback: number): number {
  const t = lua.lua_getfield(L, 1, to_luastring(field));
  const v = t === lua.LUA_TNUMBER ? Math.trunc(lua.lua_tonumber(L, -1)) : fallback;
  lua.lua_pop(L, 1);
  return v;
}

/** `os.time([table])`: seconds since the epoch of `now`, or of the date in the table (UTC). */
export function luaTime(now: string | undefined): JsFunction {
  return (L) => {
    if (lua.lua_gettop(L) === 0 || lua.lua_type(L, 1) === lua.LUA_TNIL) {
      lua.lua_pushinteger(L, epochSeconds(now));
      return 1;
    }
    if (lua.lua_type(L, 1) !== lua.LUA_TTABLE)
      return lauxlib.luaL_error(L, to_luastring("bad argument #1 to 'time' (table expected)"));
    const ms = Date.UTC(
      intField(L, 'year', 1970),
      intField(L, 'month', 1) - 1,
      intField(L, 'day', 1),
      intField(L, 'hour', 12),
      intField(L, 'min', 0),
      intField(L, 'sec', 0),
    );
    lua.lua_pushinteger(L, Math.floor(ms / 1000));
    return 1;
  };
}

const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** strftime over the conversions Karmada's safe os.date supports; others are copied. */
export function strftime(d: Date, format: string): string {
  const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const conv: Readonly<Record<string, () => string>> = {
    a: () => (days[d.getUTCDay()] ?? '').slice(0, 3),
    A: () => days[d.getUTCDay()] ?? '',
    b: () => (months[d.getUTCMonth()] ?? '').slice(0, 3),
    B: () => months[d.getUTCMonth()] ?? '',
    c: () =>
      `${pad(d.getUTCDate())} ${(months[d.getUTCMonth()] ?? '').slice(0, 3)} ${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`,
    d: () => pad(d.getUTCDate()),
    F: () => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    H: () => pad(d.getUTCHours()),
    I: () => pad(h12),
    m: () => pad(d.getUTCMonth() + 1),
    M: () => pad(d.getUTCMinutes()),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    P: () => (d.getUTCHours() < 12 ? 'am' : 'pm'),
    S: () => pad(d.getUTCSeconds()),
    x: () => `${pad(d.getUTCHours())}/${pad(d.getUTCMinutes())}/${pad(d.getUTCSeconds())}`,
    X: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    y: () => pad(d.getUTCFullYear() % 100),
    Y: () => pad(d.getUTCFullYear(), 4),
    z: () => '+0000',
    Z: () => 'UTC',
    w: () => String(d.getUTCDay()),
  };
  return format.replace(/%(.?)/g, (all, c: string) => conv[c]?.() ?? all);
}

/** `os.date([format [, time]])`, including the `*t` table form. */
export function luaDate(now: string | undefined): JsFunction {
  return (L) => {
    let format = lua.lua_type(L, 1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, 1) : '%c';
    if (format.startsWith('!')) format = format.slice(1);
    const seconds = lua.lua_type(L, 2) === lua.LUA_TNUMBER ? Math.trunc(lua.lua_tonumber(L, 2)) : epochSeconds(now);
    const d = new Date(seconds * 1000);
    if (format.startsWith('*t')) {
      lua.lua_createtable(L, 0, 9);
      const fields: readonly [string, number][] = [
        ['year', d.getUTCFullYear()],
        ['month', d.getUTCMonth() + 1],
        ['day', d.getUTCDate()],
        ['hour', d.getUTCHours()],
        ['min', d.getUTCMinutes()],
        ['sec', d.getUTCSeconds()],
        ['wday', d.getUTCDay() + 1],
        ['yday', 0],
      ];
      for (const [k, v] of fields) {
        lua.lua_pushinteger(L, v);
        lua.lua_setfield(L, -2, to_luastring(k));
      }
      lua.lua_pushboolean(L, false);
      lua.lua_setfield(L, -2, to_luastring('isdst'));
      return 1;
    }
    lua.lua_pushstring(L, to_luastring(strftime(d, format)));
    return 1;
  };
}
