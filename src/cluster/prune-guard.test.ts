import assert from 'node:assert/strict';
import { toInventory } from './inventory.ts';
import { formatObjectId, type ObjectId } from './object-id.ts';
import { checkPruneGuard, defaultPruneGuard, type PruneGuard } from './prune-guard.ts';

const cm = (name: string): ObjectId => ({ group: '', kind: 'ConfigMap', namespace: 'shop', name, version: 'v1' });
const ns = (name: string): ObjectId => ({ group: '', kind: 'Namespace', namespace: '', name, version: 'v1' });
const crd = (name: string): ObjectId => ({
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  namespace: '',
  name,
  version: 'v1',
});
const many = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => cm(`${prefix}${i}`));
const half: PruneGuard = { allowMassPrune: false, maxPruneShare: 0.5 };

describe('checkPruneGuard', () => {
  const cases: {
    name: string;
    owned: ObjectId[];
    desired: ObjectId[];
    elsewhere?: ObjectId[];
    guard?: PruneGuard;
    want: string;
    withdrawn?: number;
  }[] = [
    {
      name: 'an empty revision on a member holding objects: held',
      owned: [ns('shop'), ...many(40)],
      desired: [],
      want: 'hold',
      withdrawn: 40,
    },
    {
      name: 'everything replaced by new objects (another fleet on the same members): allowed by default',
      owned: many(3),
      desired: many(3, 'new'),
      want: 'allow',
    },
    {
      name: 'everything replaced by new objects, with a share set: held',
      owned: many(3),
      desired: many(3, 'new'),
      guard: half,
      want: 'hold',
      withdrawn: 3,
    },
    {
      name: 'everything withdrawn, only a Namespace left: held',
      owned: [ns('shop'), ...many(4)],
      desired: [ns('shop')],
      want: 'hold',
      withdrawn: 4,
    },
    { name: 'all but one dropped, default threshold: allowed', owned: many(40), desired: [cm('c0')], want: 'allow' },
    {
      name: 'more than the chosen share: held',
      owned: many(40),
      desired: many(19),
      guard: half,
      want: 'hold',
      withdrawn: 21,
    },
    { name: 'exactly the chosen share: allowed', owned: many(40), desired: many(20), guard: half, want: 'allow' },
    {
      name: 'everything moved to other members (policy change, failover purge): allowed',
      owned: many(10),
      desired: [],
      elsewhere: many(10),
      want: 'allow',
    },
    {
      name: 'confirmed with --allow-mass-prune: allowed',
      owned: many(10),
      desired: [],
      guard: { ...defaultPruneGuard, allowMassPrune: true },
      want: 'allow',
    },
    { name: 'a member flotilla never applied to: allowed', owned: [], desired: [], want: 'allow' },
    {
      name: 'only Namespaces (never deleted) left behind: allowed',
      owned: [ns('a'), ns('b')],
      desired: [],
      want: 'allow',
    },
    {
      name: 'only a CRD kept for objects flotilla does not own left behind: allowed (it would hold the member forever)',
      owned: [crd('widgets.example.com')],
      desired: [],
      want: 'allow',
    },
    {
      name: 'a CRD does not protect the last objects of a member: held',
      owned: [crd('widgets.example.com'), ...many(3)],
      desired: [crd('widgets.example.com')],
      want: 'hold',
      withdrawn: 3,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = checkPruneGuard({
        cluster: 'member1',
        revision: 'r2',
        inventory: toInventory(c.owned),
        desired: c.desired,
        placedInFleet: new Set([...c.desired, ...(c.elsewhere ?? [])].map(formatObjectId)),
        guard: c.guard ?? defaultPruneGuard,
      });
      assert.equal(v.kind, c.want);
      if (v.kind === 'hold') {
        assert.equal(v.withdrawn.length, c.withdrawn);
        assert.match(v.message, /--allow-mass-prune/);
      }
    });
  }
});

describe('checkPruneGuard: objects preserved on deletion', () => {
  const guard = (preserved: ObjectId[], owned: ObjectId[], desired: ObjectId[]) =>
    checkPruneGuard({
      cluster: 'member1',
      revision: 'r2',
      inventory: { ...toInventory(owned), preserved: preserved.map(formatObjectId).sort() },
      desired,
      placedInFleet: new Set(desired.map(formatObjectId)),
      guard: defaultPruneGuard,
    });
  const cases: { name: string; preserved: ObjectId[]; owned: ObjectId[]; want: string }[] = [
    {
      name: 'only preserved objects withdrawn (released, never deleted): allowed',
      preserved: many(3),
      owned: many(3),
      want: 'allow',
    },
    {
      name: 'preserved objects do not protect the last deletable one: held',
      preserved: many(3),
      owned: [...many(3), cm('last')],
      want: 'hold',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(guard(c.preserved, c.owned, []).kind, c.want));
});
