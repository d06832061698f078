import assert from 'node:assert/strict';
import { defaultPruneGuard, type PruneGuard } from '../cluster/prune-guard.ts';
import { renderedHolds } from './rendered-guard.ts';

const kust = (c: string) => `clusters/${c}/kustomization.yaml`;
const ns = (c: string) => `clusters/${c}/_cluster/namespace-shop.yaml`;
const obj = (c: string, name: string) => `clusters/${c}/shop/deployment-${name}.yaml`;
const half: PruneGuard = { allowMassPrune: false, maxPruneShare: 0.5 };

describe('renderedHolds (the mass-prune guard on the rendered branch)', () => {
  const cases: {
    name: string;
    tip: string[];
    desired: string[];
    kept?: string[];
    guard?: PruneGuard;
    want: string[];
  }[] = [
    {
      name: 'an empty fleet: every cluster folder with objects is held',
      tip: [kust('m1'), ns('m1'), obj('m1', 'web'), kust('m2'), obj('m2', 'api')],
      desired: [kust('m1'), kust('m2')],
      want: ['m1', 'm2'],
    },
    {
      name: 'a move from m1 to m2 is never held',
      tip: [kust('m1'), obj('m1', 'web'), kust('m2')],
      desired: [kust('m1'), kust('m2'), obj('m2', 'web')],
      want: [],
    },
    {
      name: 'a cluster gone from the inventory with its objects withdrawn: held',
      tip: [kust('m1'), obj('m1', 'web'), kust('m2'), obj('m2', 'api')],
      desired: [kust('m2'), obj('m2', 'api')],
      want: ['m1'],
    },
    {
      name: 'a folder kept for a removed cluster is not guarded',
      tip: [kust('m1'), obj('m1', 'web')],
      desired: [],
      kept: ['clusters/m1/'],
      want: [],
    },
    {
      name: 'objects replaced by new ones: allowed by default',
      tip: [kust('m1'), obj('m1', 'web')],
      desired: [kust('m1'), obj('m1', 'web2')],
      want: [],
    },
    {
      name: 'objects replaced by new ones with a share set: held',
      tip: [kust('m1'), obj('m1', 'web')],
      desired: [kust('m1'), obj('m1', 'web2')],
      guard: half,
      want: ['m1'],
    },
    {
      name: 'only the Namespace file left behind: held',
      tip: [kust('m1'), ns('m1'), obj('m1', 'web')],
      desired: [kust('m1'), ns('m1')],
      want: ['m1'],
    },
    {
      name: 'only a Namespace file and the kustomization on the tip: nothing to lose',
      tip: [kust('m1'), ns('m1')],
      desired: [kust('m1')],
      want: [],
    },
    {
      name: 'confirmed with --allow-mass-prune',
      tip: [kust('m1'), obj('m1', 'web')],
      desired: [kust('m1')],
      guard: { ...defaultPruneGuard, allowMassPrune: true },
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const held = renderedHolds({
        revision: 'r2',
        tip: c.tip,
        desired: c.desired,
        clusters: ['m1', 'm2'],
        kept: c.kept ?? [],
        guard: c.guard ?? defaultPruneGuard,
      });
      assert.deepEqual(
        held.map((h) => h.cluster),
        c.want,
      );
      for (const h of held) assert.match(h.message, /--allow-mass-prune/);
    });
  }
});
