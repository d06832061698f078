/**
 * A bound on Lua pattern matching. fengari runs `string.find/match/gmatch/gsub` in JavaScript, where
 * the instruction-count hook never fires, so a backtracking pattern such as `.-.-.-.-b` over a few
 * KiB would hold the process for minutes. Before matching, the sandbox estimates the worst case
 * and refuses patterns that could not finish in about a second.
 *
 * Estimate: a pattern with q backtracking items (`*`, `+`, `-` after a single-character class)
 * tries at most about C(n+q, q) ≈ n^q / q! splits of a subject of n bytes, from each of n start
 * positions when unanchored. Worked example, budget 3e7: `^(%d+)%.(%d+)` on 20 bytes → 20²/2 = 200,
 * fine; `.-.-.-.-b` on 4,096 bytes → 4096⁵/24 ≈ 4.8e16, refused; `(%w+)=(%w+)` on 1,000 bytes →
 * 1000³/2 = 5e8, refused only past the budget, which real status scripts never approach.
 */

/** The largest estimated number of matching steps a pattern may take. */
export const patternStepBudget = 3e7;

/** The number of backtracking quantifiers of a Lua pattern, and whether it is anchored. */
export function patternShape(p: string): { quantifiers: number; anchored: boolean } {
  let quantifiers = 0;
  let i = p.startsWith('^') ? 1 : 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '%') {
      // %b and %f take arguments; every other escape is one character class.
      if (p[i + 1] === 'b') {
        i += 4;
        continue;
      }
      if (p[i + 1] === 'f') {
        i = skipSet(p, i + 2);
        continue;
      }
      i += 2;
    } else if (c === '[') {
      i = skipSet(p, i);
    } else if (c === '(' || c === ')') {
      i += 1;
      continue;
    } else {
      i += 1;
    }
    const q = p[i];
    if (q === '*' || q === '+' || q === '-') {
      quantifiers += 1;
      i += 1;
    } else if (q === '?') i += 1;
  }
  return { quantifiers, anchored: p.startsWith('^') };
}

/** Index after the set starting at `i` (`[...]`, with `]` first and `%` escapes taken literally). */
function skipSet(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '^') j += 1;
  if (p[j] === ']') j += 1;
  while (j < p.length && p[j] !== ']') j += p[j] === '%' ? 2 : 1;
  return j + 1;
}

/** The estimated worst-case steps of matching `p` against a subject of `n` bytes. */
export function patternCost(n: number, p: string): number {
  const { quantifiers, anchored } = patternShape(p);
  let cost = anchored ? 1 : n + 1;
  for (let k = 1; k <= quantifiers; k++) cost = (cost * (n + k)) / k;
  return cost;
}
