/**
 * How go-yaml v2 (go.yaml.in/yaml/v2 resolve.go, the YAML library behind sigs.k8s.io/yaml that
 * Karmada's fieldOverrider uses) reads a plain scalar: YAML 1.1 booleans (`yes`, `on`, `y`…), nulls,
 * Go integer syntax (`0x1f`, `0o17`, `017` octal, `_` separators), floats, timestamps and `<<`.
 */

/** A resolved plain scalar. Timestamps decode into interface{} as their text (v2 keeps them strings). */
export type Resolved =
  | { readonly tag: 'str'; readonly value: string }
  | { readonly tag: 'null' }
  | { readonly tag: 'bool'; readonly value: boolean }
  | { readonly tag: 'int'; readonly value: number }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: 'timestamp'; readonly value: string }
  | { readonly tag: 'merge' };

const words: ReadonlyMap<string, Resolved> = new Map<string, Resolved>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w): [string, Resolved] => [
    w,
    { tag: 'bool', value: true },
  ]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w): [string, Resolved] => [
    w,
    { tag: 'bool', value: false },
  ]),
  ...['', '~', 'null', 'Null', 'NULL'].map((w): [string, Resolved] => [w, { tag: 'null' }]),
  ...['.nan', '.NaN', '.NAN'].map((w): [string, Resolved] => [w, { tag: 'float', value: Number.NaN }]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w): [string, Resolved] => [
    w,
    { tag: 'float', value: Infinity },
  ]),
  ...['-.inf', '-.Inf', '-.INF'].map((w): [string, Resolved] => [w, { tag: 'float', value: -Infinity }]),
  ['<<', { tag: 'merge' }],
]);

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const int64Max = 2n ** 63n - 1n;
const uint64Max = 2n ** 64n - 1n;

/** Resolves the text of a plain (unquoted, untagged) scalar as go-yaml v2 does. */
export function resolvePlain(s: string): Resolved {
  const first = s.charAt(0);
  const hint =
    s === ''
      ? 'N'
      : /[-+]/.test(first)
        ? 'S'
        : /[0-9]/.test(first)
          ? 'D'
          : /[yYnNtTfFoO~]/.test(first)
            ? 'M'
            : first === '.'
              ? '.'
              : '';
  if (hint === '') return { tag: 'str', value: s };
  const word = words.get(s);
  if (word) return word;
  if (hint === '.') {
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? { tag: 'float', value: Number(s) } : { tag: 'str', value: s };
  }
  if (hint === 'D' || hint === 'S') return resolveNumberLike(s);
  return { tag: 'str', value: s };
}

function resolveNumberLike(s: string): Resolved {
  if (isTimestamp(s)) return { tag: 'timestamp', value: s };
  const plain = s.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined && int >= -(int64Max + 1n) && int <= uint64Max) return { tag: 'int', value: Number(int) };
  if (yamlStyleFloat.test(plain)) return { tag: 'float', value: Number(plain) };
  return { tag: 'str', value: s };
}

/** strconv.ParseInt(s, 0, 64) syntax: optional sign, then 0x / 0o / 0b / leading-0 octal / decimal. */
function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2] ?? '';
  let n: bigint;
  if (/^0[oO]/.test(body)) n = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  return m[1] === '-' ? -n : n;
}

/** v2's parseTimestamp: `YYYY-M-D`, optionally with a time (`T`, `t` or space) and a zone. */
function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  const [h, min, sec] = [Number(m[4] ?? m[7] ?? 0), Number(m[5] ?? m[8] ?? 0), Number(m[6] ?? m[9] ?? 0)];
  return h < 24 && min < 60 && sec < 60;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** v2 isBase60Float: such strings are quoted on output for other YAML 1.1 parsers. */
export function isBase60Float(s: string): boolean {
  return /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s);
}
