/**
 * Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity), as exact milli-units.
 * BigInt keeps memory sizes in milli-bytes exact (T7).
 */
const binarySuffixes: Readonly<Record<string, bigint>> = {
  Ki: 1024n, Mi: 1024n ** 2n, Gi: 1024n ** 3n, Ti: 1024n ** 4n, Pi: 1024n ** 5n, Ei: 1024n ** 6n,
};
const decimalExponents: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const pattern = /^([+-]?)(\d+\.?\d*|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** True when the string is a valid quantity. */
export function isQuantity(s: string | number): boolean {
  return typeof s === 'number' ? Number.isFinite(s) : pattern.test(s.trim());
}

/**
 * Parses a quantity into milli-units, rounding up any fraction of a milli-unit (as Quantity.MilliValue
 * rounds up). Returns undefined for an invalid quantity. `1` → 1000n, `100m` → 100n, `1Ki` → 1024000n.
 */
export function parseMilli(q: string | number): bigint | undefined {
  const s = typeof q === 'number' ? String(q) : q.trim();
  const m = pattern.exec(s);
  if (!m) return undefined;
  const [, sign = '', num = '0', suffix, exp] = m;
  const [intPart = '0', fracPart = ''] = num.split('.');
  let mantissa = BigInt((intPart || '0') + fracPart);
  let exponent = -fracPart.length + 3; // milli
  let factor = 1n;
  if (suffix && suffix in binarySuffixes) factor = binarySuffixes[suffix] as bigint;
  else if (suffix !== undefined) exponent += decimalExponents[suffix] ?? 0;
  else if (exp !== undefined) exponent += Number(exp);
  mantissa *= factor;
  let value: bigint;
  if (exponent >= 0) value = mantissa * 10n ** BigInt(exponent);
  else {
    const div = 10n ** BigInt(-exponent);
    value = mantissa / div + (mantissa % div === 0n ? 0n : 1n);
  }
  return sign === '-' ? -value : value;
}

/** Parses a quantity into whole units, rounding up (Quantity.Value). */
export function parseUnits(q: string | number): bigint | undefined {
  const milli = parseMilli(q);
  if (milli === undefined) return undefined;
  return milli >= 0n ? (milli + 999n) / 1000n : -((-milli) / 1000n);
}
