/**
 * Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity), the one parser of them:
 * exact values with their format, so sums print as the API server prints them. The value is kept in nano-units (BigInt), the
 * finest precision Quantity keeps: a parse rounds anything finer up, as ParseQuantity does.
 *
 * | inputs          | sum printed |
 * |-----------------|-------------|
 * | 100m + 200m     | 300m        |
 * | 1Gi + 512Mi     | 1536Mi      |
 * | 1 + 500m        | 1500m       |
 * | 1e3 + 1e3       | 2e3         |
 */

/** How a quantity prints: Quantity's Format (BinarySI `Ki`…, DecimalSI `m`/`k`…, DecimalExponent `e3`). */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** An exact quantity: `nano` is the value times 10^9. */
export interface Quantity {
  readonly nano: bigint;
  readonly format: QuantityFormat;
}

const nanoPerUnit = 1_000_000_000n;
const binaryShift: Readonly<Record<string, bigint>> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const decimalExponent: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const decimalSuffix: ReadonlyMap<number, string> = new Map(Object.entries(decimalExponent).map(([s, e]) => [e, s]));
const binarySuffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;
const quantityPattern = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The zero quantity (Quantity{}: it takes the format of whatever is first added to it). */
export const zeroQuantity: Quantity = { nano: 0n, format: 'DecimalSI' };

/**
 * Parses a quantity string (or a JSON number) as resource.ParseQuantity does, rounding a value finer
 * than a nano-unit up. Returns undefined when the text is not a quantity.
 */
export function parseQuantity(input: string | number): Quantity | undefined {
  if (typeof input !== 'string') return parseQuantityText(numberText(input));
  // A memo (a plan parses the same few capacities and requests once per template and cluster).
  if (parsed.has(input)) return parsed.get(input);
  const q = parseQuantityText(input.trim());
  if (parsed.size < maxParsed) parsed.set(input, q);
  return q;
}

/** Parsed quantity strings; Quantity values are immutable, so they are shared. */
const parsed = new Map<string, Quantity | undefined>();
const maxParsed = 10_000;

function parseQuantityText(text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const m = quantityPattern.exec(text);
  if (!m) return undefined;
  const [, sign = '', num = '0', suffix = ''] = m;
  const [intPart = '', fracPart = ''] = num.split('.');
  const digits = BigInt(`${intPart}${fracPart}` || '0');
  let format: QuantityFormat = 'DecimalSI';
  let numerator = digits;
  let exponent = -fracPart.length; // value = numerator * 10^exponent (times 2^shift for binary)
  if (suffix in binaryShift) {
    format = 'BinarySI';
    numerator = digits << (binaryShift[suffix] ?? 0n);
  } else if (suffix.startsWith('e') || suffix.startsWith('E')) {
    format = 'DecimalExponent';
    exponent += Number(suffix.slice(1));
  } else {
    exponent += decimalExponent[suffix] ?? 0;
  }
  let nano = scaleRoundUp(numerator, exponent + 9);
  // Quantity shows a binary value below one unit as decimal (ParseQuantity).
  if (format === 'BinarySI' && nano > 0n && nano < nanoPerUnit) format = 'DecimalSI';
  if (sign === '-') nano = -nano;
  return { nano, format };
}

function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  return Number.isInteger(n) ? BigInt(n).toString() : String(n).replace(/e\+?/, 'e');
}

/** numerator * 10^exp, rounded away from zero when exp < 0 leaves a fraction (Quantity rounds up). */
function scaleRoundUp(numerator: bigint, exp: number): bigint {
  if (exp >= 0) return numerator * 10n ** BigInt(exp);
  const div = 10n ** BigInt(-exp);
  return numerator / div + (numerator % div === 0n ? 0n : 1n);
}

/** A quantity of `milli` thousandths in DecimalSI (resource.NewMilliQuantity). */
export function milliQuantity(milli: bigint): Quantity {
  return { nano: milli * 1_000_000n, format: 'DecimalSI' };
}

/** A quantity of whole `units` in the given format (resource.NewQuantity). */
export function unitQuantity(units: bigint, format: QuantityFormat): Quantity {
  return { nano: units * nanoPerUnit, format };
}

/**
 * Sum of quantities as Quantity.Add accumulates them: while the running total is zero it takes the
 * next operand's format, so `0 + 1Gi` stays binary and `1 + 500m` stays decimal.
 */
export function addQuantities(...qs: readonly Quantity[]): Quantity {
  let acc = zeroQuantity;
  for (const q of qs) acc = { nano: acc.nano + q.nano, format: acc.nano === 0n ? q.format : acc.format };
  return acc;
}

/** Whole units rounded up (Quantity.Value). */
export function quantityValue(q: Quantity): bigint {
  const whole = q.nano / nanoPerUnit;
  return q.nano % nanoPerUnit !== 0n && q.nano > 0n ? whole + 1n : whole;
}

/** Milli-units rounded up (Quantity.MilliValue). */
export function quantityMilliValue(q: Quantity): bigint {
  const whole = q.nano / 1_000_000n;
  return q.nano % 1_000_000n !== 0n && q.nano > 0n ? whole + 1n : whole;
}

/** The approximate float value (Quantity.AsApproximateFloat64). */
export function quantityFloat(q: Quantity): number {
  return Number(q.nano) / 1e9;
}

/**
 * The canonical string, as Quantity.String prints it (CanonicalizeBytes): binary values that are
 * whole and at least 1024 use the largest exact `Ki`…`Ei` suffix; everything else drops trailing
 * zeros and uses the largest exponent that is a multiple of three and keeps the mantissa whole.
 * `1536Mi`, `300m`, `1500m`, `1k`, `1500`, `2e3`.
 */
export function formatQuantity(q: Quantity): string {
  if (q.nano === 0n) return '0';
  const negative = q.nano < 0n;
  const abs = negative ? -q.nano : q.nano;
  const sign = negative ? '-' : '';
  if (q.format === 'BinarySI' && abs >= 1024n * nanoPerUnit && abs % nanoPerUnit === 0n) {
    let units = abs / nanoPerUnit;
    let exp = 0;
    while (units >= 1024n && units % 1024n === 0n && exp < binarySuffixes.length - 1) {
      units /= 1024n;
      exp++;
    }
    return `${sign}${units}${binarySuffixes[exp] ?? ''}`;
  }
  let mantissa = abs;
  let exponent = -9;
  while (mantissa >= 10n && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const aligned = Math.floor(exponent / 3) * 3;
  mantissa *= 10n ** BigInt(exponent - aligned);
  const format = q.format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI';
  const suffix = format === 'DecimalSI' ? decimalSuffix.get(aligned) : undefined;
  if (suffix !== undefined) return `${sign}${mantissa}${suffix}`;
  return `${sign}${mantissa}${aligned === 0 ? '' : `e${aligned}`}`;
}

/** Parses and re-prints a quantity canonically; undefined when it is not a quantity. */
export function canonicalQuantity(input: string | number): string | undefined {
  const q = parseQuantity(input);
  return q === undefined ? undefined : formatQuantity(q);
}

/** True when the text (or a finite JSON number) is a quantity. */
export function isQuantity(input: string | number): boolean {
  return parseQuantity(input) !== undefined;
}

/**
 * A quantity in milli-units, rounded up (Quantity.MilliValue); undefined when it is not a quantity.
 * `1` → 1000n, `100m` → 100n, `1Ki` → 1024000n.
 */
export function parseMilli(input: string | number): bigint | undefined {
  const q = parseQuantity(input);
  return q === undefined ? undefined : quantityMilliValue(q);
}

/** A quantity in whole units, rounded up (Quantity.Value); undefined when it is not a quantity. */
export function parseUnits(input: string | number): bigint | undefined {
  const q = parseQuantity(input);
  return q === undefined ? undefined : quantityValue(q);
}
