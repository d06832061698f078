import assert from 'node:assert/strict';
import { resourceKey, type ResourceKey } from '../api/index.ts';
import {
  addsObjects,
  emptyInventory,
  holdsInventory,
  intentInventory,
  inventoryConfigMap,
  maxPlacementRecordChars,
  nextInventory,
  readInventory,
  readPlacementRecord,
  staleObjects,
  toInventory,
} from './inventory.ts';
import type { RecordedPlacement } from './placement-record.ts';
import { formatObjectId, type ObjectId } from './object-id.ts';

const id = (kind: string, name: string, namespace = 'default', group = ''): ObjectId => ({
  group,
  kind,
  namespace,
  name,
  version: 'v1',
});
const ids = (xs: readonly ObjectId[]) => xs.map(formatObjectId);

describe('inventory', () => {
  it('round-trips through its ConfigMap, sorted and unique', () => {
    const inv = toInventory([
      id('Service', 'b'),
      id('ConfigMap', 'a'),
      id('Service', 'b'),
      id('Deployment', 'web', 'shop', 'apps'),
    ]);
    const cm = inventoryConfigMap(inv, 'abc', new Map());
    const back = readInventory(JSON.parse(JSON.stringify(cm)));
    assert.equal(back.kind, 'found');
    assert.deepEqual(back.kind === 'found' ? back.inventory : undefined, inv);
    assert.deepEqual(ids(inv.entries), ['default_a__ConfigMap', 'default_b__Service', 'shop_web_apps_Deployment']);
  });
  it('leaves out a placement record too large for the ConfigMap (a hint), keeps one that fits', () => {
    const record = (n: number) =>
      new Map<ResourceKey, RecordedPlacement>(
        Array.from({ length: n }, (_, i) => [
          resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: `web-${i}` }),
          {
            clusters: Array.from({ length: 20 }, (__, c) => ({ name: `member-${c}`, replicas: 2 })),
            placement: undefined,
          },
        ]),
      );
    const small = inventoryConfigMap(emptyInventory, 'abc', record(10));
    assert.equal(readPlacementRecord(small).size, 10);
    const large = inventoryConfigMap(emptyInventory, 'abc', record(2000));
    assert.equal(readPlacementRecord(large).size, 0);
    assert.ok(JSON.stringify(large).length < maxPlacementRecordChars);
  });
  const reads = [
    { name: 'no data: empty', cm: { data: {} }, want: 'found' },
    { name: 'a line without version: invalid', cm: { data: { entries: 'default_a__ConfigMap\n' } }, want: 'invalid' },
    { name: 'a malformed id: invalid', cm: { data: { entries: 'default_a_ConfigMap v1\n' } }, want: 'invalid' },
    { name: 'non-string data: invalid', cm: { data: { entries: 3 } }, want: 'invalid' },
  ];
  for (const c of reads) it(c.name, () => assert.equal(readInventory(c.cm).kind, c.want));

  it('stale = previous minus desired, version-insensitive', () => {
    const prev = toInventory([id('ConfigMap', 'a'), id('ConfigMap', 'b'), id('Deployment', 'web', 'default', 'apps')]);
    const desired = [id('ConfigMap', 'a'), { ...id('Deployment', 'web', 'default', 'apps'), version: 'v2' }];
    assert.deepEqual(ids(staleObjects(prev, desired)), ['default_b__ConfigMap']);
    assert.deepEqual(staleObjects(emptyInventory, desired), []);
  });

  const next = [
    {
      name: 'applied objects are tracked',
      desired: [{ id: id('ConfigMap', 'a'), inPlace: true, unknown: false }],
      prev: [],
      kept: [],
      want: ['default_a__ConfigMap'],
    },
    {
      name: 'a failed new object is not',
      desired: [{ id: id('ConfigMap', 'a'), inPlace: false, unknown: false }],
      prev: [],
      kept: [],
      want: [],
    },
    {
      name: 'a failed object tracked before stays',
      desired: [{ id: id('ConfigMap', 'a'), inPlace: false, unknown: false }],
      prev: [id('ConfigMap', 'a')],
      kept: [],
      want: ['default_a__ConfigMap'],
    },
    {
      name: 'an object of unknown fate is tracked',
      desired: [{ id: id('ConfigMap', 'a'), inPlace: false, unknown: true }],
      prev: [],
      kept: [],
      want: ['default_a__ConfigMap'],
    },
    {
      name: 'failed deletions survive',
      desired: [],
      prev: [id('ConfigMap', 'z')],
      kept: [id('ConfigMap', 'z')],
      want: ['default_z__ConfigMap'],
    },
    { name: 'pruned objects are dropped', desired: [], prev: [id('ConfigMap', 'z')], kept: [], want: [] },
  ];
  for (const c of next)
    it(`next inventory: ${c.name}`, () =>
      assert.deepEqual(
        ids(nextInventory({ previous: toInventory(c.prev), desired: c.desired, staleKept: c.kept }).entries),
        c.want,
      ));

  const intents = [
    {
      name: 'the union of tracked and desired',
      prev: [id('ConfigMap', 'a'), id('ConfigMap', 'z')],
      desired: [id('ConfigMap', 'b'), id('ConfigMap', 'a')],
      want: ['default_a__ConfigMap', 'default_b__ConfigMap', 'default_z__ConfigMap'],
      adds: true,
    },
    {
      name: 'nothing new: nothing to record',
      prev: [id('ConfigMap', 'a')],
      desired: [{ ...id('ConfigMap', 'a'), version: 'v2' }],
      want: ['default_a__ConfigMap'],
      adds: false,
    },
    {
      name: 'a first apply records every desired object',
      prev: [],
      desired: [id('Service', 's')],
      want: ['default_s__Service'],
      adds: true,
    },
  ];
  for (const c of intents) {
    it(`intent inventory: ${c.name}`, () => {
      assert.deepEqual(ids(intentInventory(toInventory(c.prev), c.desired).entries), c.want);
      assert.equal(addsObjects(toInventory(c.prev), c.desired), c.adds);
    });
  }

  it('after an interrupted pass, the intent prunes what it created and what it never created alike', () => {
    // Pass 1 wants a, b, c and dies after creating a: the intent tracks all three.
    const intent = intentInventory(emptyInventory, [id('ConfigMap', 'a'), id('ConfigMap', 'b'), id('ConfigMap', 'c')]);
    // Pass 2's revision keeps only a: b (never created: a 404, reported gone) and c are stale.
    assert.deepEqual(ids(staleObjects(intent, [id('ConfigMap', 'a')])), [
      'default_b__ConfigMap',
      'default_c__ConfigMap',
    ]);
  });
});

describe('inventory: objects preserved on deletion (Karmada Work spec.preserveResourcesOnDeletion)', () => {
  const a = id('ConfigMap', 'a');
  const b = id('ConfigMap', 'b');
  const c = id('ConfigMap', 'c');
  const cases: {
    name: string;
    previous: Parameters<typeof nextInventory>[0]['previous'];
    desired: Parameters<typeof nextInventory>[0]['desired'];
    staleKept: ObjectId[];
    want: string[];
  }[] = [
    {
      name: "a desired object takes its Work's flag",
      previous: emptyInventory,
      desired: [
        { id: a, inPlace: true, unknown: false, preserve: true },
        { id: b, inPlace: true, unknown: false },
      ],
      staleKept: [],
      want: ['default_a__ConfigMap'],
    },
    {
      name: 'the flag is dropped when the Work no longer says it',
      previous: { entries: [a], preserved: ['default_a__ConfigMap'] },
      desired: [{ id: a, inPlace: true, unknown: false, preserve: false }],
      staleKept: [],
      want: [],
    },
    {
      name: 'a stale object kept keeps the flag it had',
      previous: { entries: [a, c], preserved: ['default_c__ConfigMap'] },
      desired: [{ id: a, inPlace: true, unknown: false }],
      staleKept: [c],
      want: ['default_c__ConfigMap'],
    },
    {
      name: 'an object not in place and not tracked is neither an entry nor preserved',
      previous: emptyInventory,
      desired: [{ id: a, inPlace: false, unknown: false, preserve: true }],
      staleKept: [],
      want: [],
    },
  ];
  for (const x of cases)
    it(x.name, () =>
      assert.deepEqual(
        nextInventory({ previous: x.previous, desired: x.desired, staleKept: x.staleKept }).preserved ?? [],
        x.want,
      ),
    );
  it('round-trips through its ConfigMap; the intent inventory keeps it', () => {
    const inv = nextInventory({
      previous: emptyInventory,
      desired: [
        { id: a, inPlace: true, unknown: false, preserve: true },
        { id: b, inPlace: true, unknown: false },
      ],
      staleKept: [],
    });
    const back = readInventory(JSON.parse(JSON.stringify(inventoryConfigMap(inv, 'r', new Map()))));
    assert.deepEqual(back.kind === 'found' ? back.inventory : undefined, inv);
    assert.deepEqual(intentInventory(inv, [c]).preserved, ['default_a__ConfigMap']);
  });
  it('an inventory written before preservation existed reads with none preserved', () => {
    const back = readInventory({ data: { entries: 'default_a__ConfigMap v1\n' } });
    assert.deepEqual(back.kind === 'found' ? back.inventory.preserved : 'x', undefined);
  });
});

describe('holdsInventory: an inventory the member holds already is not written again', () => {
  const inv = toInventory([id('ConfigMap', 'a'), id('Service', 'b')]);
  const desired = inventoryConfigMap(inv, 'rev-1', new Map());
  const live = (change: (cm: Record<string, unknown>) => void) => {
    const cm = structuredClone(desired) as unknown as Record<string, unknown>;
    change(cm);
    return cm as unknown as typeof desired;
  };
  const cases = [
    { name: 'no inventory on the member', live: undefined, want: false },
    { name: 'the same data, labels and annotations', live: structuredClone(desired), want: true },
    {
      name: 'extra labels and annotations someone added',
      live: live((cm) => {
        const meta = cm['metadata'] as { labels: Record<string, string>; annotations: Record<string, string> };
        meta.labels['team'] = 'x';
        meta.annotations['note'] = 'y';
      }),
      want: true,
    },
    { name: 'another revision', live: inventoryConfigMap(inv, 'rev-0', new Map()), want: false },
    {
      name: 'other entries',
      live: inventoryConfigMap(toInventory([id('ConfigMap', 'a')]), 'rev-1', new Map()),
      want: false,
    },
    {
      name: 'a data key to drop',
      live: live((cm) => {
        (cm['data'] as Record<string, string>)['stale'] = 'x';
      }),
      want: false,
    },
    {
      name: 'the ownership label removed by hand',
      live: live((cm) => {
        (cm['metadata'] as { labels: Record<string, string> }).labels = {};
      }),
      want: false,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(holdsInventory(c.live, desired), c.want));
});
