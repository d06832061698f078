/**
 * Webster (Sainte-Laguë) apportionment, as Karmada's helper/webstermethod.go AllocateWebsterSeats and
 * helper/binding.go Dispenser: each seat goes to the party with the highest votes / (2·seats + 1).
 *
 * Worked example, 5 seats, votes a:5 b:3 c:1 → a (5/1), b (3/1), a (5/3), then a 5/5, b 3/3 and c 1/1
 * tie at 1: the party with fewer seats wins (c), then b → a:2 b:2 c:1 (largest remainder would give 3/2/0).
 */
import { compareStrings, stableHash } from '../api/index.ts';
import type { TieBreak, TargetClusterCount } from './types.ts';

/** A party: a cluster, its votes (weight) and seats (replicas). */
export interface Party {
  readonly name: string;
  readonly votes: number;
  seats: number;
}

/**
 * Karmada helper/binding.go tieBreakerByUID picks name-descending when the FNV-32a hash of the
 * template's UID is odd, else name-ascending.
 * flotilla differs: DESIGN.md "Deliberate differences" — the hash is of the resource key, not the UID,
 * so the choice is stable across revisions and machines.
 */
export function tieBreakOf(resourceKey: string): TieBreak {
  return (Number.parseInt(stableHash(resourceKey), 16) & 1) === 1 ? 'NameDescending' : 'NameAscending';
}

/**
 * Allocates `seats` more seats by Webster. Parties start from `initial` seats (a party only in
 * `initial` has 0 votes); returns every party with its seats, sorted by name.
 */
export function allocateWebsterSeats(
  seats: number,
  votes: readonly { readonly name: string; readonly weight: number }[],
  initial: readonly TargetClusterCount[],
  tieBreak: TieBreak,
): TargetClusterCount[] {
  const byName = new Map<string, Party>();
  for (const t of initial) byName.set(t.name, { name: t.name, votes: 0, seats: t.replicas });
  for (const v of votes) {
    const p = byName.get(v.name);
    byName.set(v.name, { name: v.name, votes: v.weight, seats: p?.seats ?? 0 });
  }
  const parties = [...byName.values()].sort((a, b) => compareStrings(a.name, b.name));
  if (parties.length === 0) return [];
  const heap = new PartyHeap(parties, tieBreak);
  for (let i = 0; i < seats; i++) heap.awardTop();
  return parties.map((p) => ({ name: p.name, replicas: p.seats }));
}

/** True when party a gets the next seat before b (WebsterPriorityQueue.Less with Karmada's tie-breaker). */
export function winsSeat(a: Party, b: Party, tieBreak: TieBreak): boolean {
  const c = comparePriority(a, b);
  if (c !== 0) return c > 0;
  // Karmada tieBreakerByUID: the party with fewer seats wins, then by name in the hashed direction.
  if (a.seats !== b.seats) return a.seats < b.seats;
  return tieBreak === 'NameAscending' ? a.name < b.name : a.name > b.name;
}

/** Sign of votesA/(2·seatsA+1) − votesB/(2·seatsB+1), exactly (BigInt when products could pass 2^53). */
function comparePriority(a: Party, b: Party): number {
  const da = 2 * a.seats + 1;
  const db = 2 * b.seats + 1;
  if (a.votes < 2 ** 26 && b.votes < 2 ** 26 && da < 2 ** 27 && db < 2 ** 27) return a.votes * db - b.votes * da;
  const l = BigInt(a.votes) * BigInt(db);
  const r = BigInt(b.votes) * BigInt(da);
  return l > r ? 1 : l < r ? -1 : 0;
}

/** A binary max-heap of parties ordered by `winsSeat`. */
class PartyHeap {
  readonly #items: Party[];
  readonly #tieBreak: TieBreak;
  constructor(parties: readonly Party[], tieBreak: TieBreak) {
    this.#items = [...parties];
    this.#tieBreak = tieBreak;
    for (let i = (this.#items.length >> 1) - 1; i >= 0; i--) this.#down(i);
  }
  /** Gives one seat to the top party and restores the heap. */
  awardTop(): void {
    const top = this.#items[0];
    if (top === undefined) return;
    top.seats++;
    this.#down(0);
  }
  #down(i: number): void {
    const items = this.#items;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < n && winsSeat(items[l] as Party, items[best] as Party, this.#tieBreak)) best = l;
      if (r < n && winsSeat(items[r] as Party, items[best] as Party, this.#tieBreak)) best = r;
      if (best === i) return;
      const t = items[i] as Party;
      items[i] = items[best] as Party;
      items[best] = t;
      i = best;
    }
  }
}
