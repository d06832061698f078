/**
 * The order go-yaml v2 writes string map keys in (sorter.go keyList.Less): rune by rune, a letter
 * sorts after a non-letter, and runs of digits compare as numbers, so `a9` < `a10` and `a_b` < `ab`.
 */

const letter = /\p{L}/u;
const digit = /\p{Nd}/u;

/** Comparator for Array.prototype.sort: negative when `a` sorts before `b` in v2's key order. */
export function compareYamlV2Keys(a: string, b: string): number {
  return less(a, b) ? -1 : less(b, a) ? 1 : 0;
}

function less(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] ?? '';
    const bc = br[i] ?? '';
    if (ac === bc) continue;
    const al = letter.test(ac);
    const bl = letter.test(bc);
    if (al && bl) return cp(ac) < cp(bc);
    if (al || bl) return bl;
    const numeric = compareDigitRuns(ar, br, i);
    if (numeric !== 0) return numeric < 0;
    return cp(ac) < cp(bc);
  }
  return ar.length < br.length;
}

/** The digit-run comparison of keyList.Less at position i: value first, then run length; 0 when equal. */
function compareDigitRuns(ar: readonly string[], br: readonly string[], i: number): number {
  let an = 0n;
  let bn = 0n;
  if (ar[i] === '0' || br[i] === '0') {
    // A zero continuing a number that already has a non-zero digit counts as part of that number.
    for (let j = i - 1; j >= 0 && digit.test(ar[j] ?? ''); j--) {
      if (ar[j] !== '0') {
        an = 1n;
        bn = 1n;
        break;
      }
    }
  }
  let ai = i;
  for (; ai < ar.length && digit.test(ar[ai] ?? ''); ai++) an = an * 10n + BigInt(cp(ar[ai] ?? '0') - 48);
  let bi = i;
  for (; bi < br.length && digit.test(br[bi] ?? ''); bi++) bn = bn * 10n + BigInt(cp(br[bi] ?? '0') - 48);
  if (an !== bn) return an < bn ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  return 0;
}

function cp(c: string): number {
  return c.codePointAt(0) ?? 0;
}
