import assert from 'node:assert/strict';
import type { ClusterAffinity, Toleration } from '../api/index.ts';
import { filterCluster } from './filters/index.ts';
import type { FilterVerdict } from './filters/index.ts';
import { indexFleet } from './fleet-index.ts';
import { cluster } from './fixtures.test-support.ts';
import type { ClusterOptions } from './fixtures.test-support.ts';
import { viewPlacement } from './placement.ts';
import type { SpreadByField } from '../api/index.ts';

interface Case {
  name: string;
  cluster: ClusterOptions;
  affinity?: ClusterAffinity;
  tolerations?: Toleration[];
  spread?: SpreadByField[];
  inPrevious?: boolean;
  evicting?: boolean;
  want: FilterVerdict['kind'] | string;
}

const deploy = 'apps/v1|Deployment';
const cases: Case[] = [
  { name: 'no status.apiEnablements passes (flotilla differs)', cluster: {}, want: 'Feasible' },
  { name: 'listed API passes', cluster: { apis: [deploy] }, want: 'Feasible' },
  {
    name: 'missing API is filtered',
    cluster: { apis: ['v1|ConfigMap'] },
    want: 'cluster(s) did not have the API resource',
  },
  {
    name: 'missing API kept when previously scheduled',
    cluster: { apis: ['v1|ConfigMap'] },
    inPrevious: true,
    want: 'Feasible',
  },
  {
    name: 'NoSchedule taint untolerated',
    cluster: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
    want: 'cluster(s) had untolerated taint {k=v:NoSchedule}',
  },
  {
    name: 'NoExecute taint without value untolerated',
    cluster: { taints: [{ key: 'k', effect: 'NoExecute' }] },
    want: 'cluster(s) had untolerated taint {k:NoExecute}',
  },
  {
    name: 'PreferNoSchedule ignored',
    cluster: { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] },
    want: 'Feasible',
  },
  {
    name: 'Equal toleration with value',
    cluster: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
    tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }],
    want: 'Feasible',
  },
  {
    name: 'omitted operator means Equal',
    cluster: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
    tolerations: [{ key: 'k', value: 'w' }],
    want: 'cluster(s) had untolerated taint {k=v:NoSchedule}',
  },
  {
    name: 'empty value matches only empty taint value',
    cluster: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
    tolerations: [{ key: 'k', effect: 'NoSchedule' }],
    want: 'cluster(s) had untolerated taint {k=v:NoSchedule}',
  },
  {
    name: 'Exists without key tolerates all',
    cluster: { taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }] },
    tolerations: [{ operator: 'Exists' }],
    want: 'Feasible',
  },
  {
    name: 'effect mismatch',
    cluster: { taints: [{ key: 'k', effect: 'NoExecute' }] },
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
    want: 'cluster(s) had untolerated taint {k:NoExecute}',
  },
  {
    name: 'taint on previous cluster kept',
    cluster: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
    inPrevious: true,
    want: 'Feasible',
  },
  {
    name: 'affinity mismatch',
    cluster: {},
    affinity: { clusterNames: ['other'] },
    want: 'cluster(s) did not match the placement cluster affinity constraint',
  },
  {
    name: 'affinity is not bypassed by previous',
    cluster: {},
    affinity: { exclude: ['m'] },
    inPrevious: true,
    want: 'cluster(s) did not match the placement cluster affinity constraint',
  },
  {
    name: 'region spread needs a region',
    cluster: {},
    spread: ['region'],
    want: 'cluster(s) did not have region property',
  },
  {
    name: 'zone spread needs zones',
    cluster: { zone: 'z' },
    spread: ['zone'],
    want: 'cluster(s) did not have zones property',
  },
  {
    name: 'provider spread needs a provider',
    cluster: {},
    spread: ['provider'],
    want: 'cluster(s) did not have provider property',
  },
  { name: 'evicting cluster filtered', cluster: {}, evicting: true, want: 'cluster(s) is in the process of eviction' },
  {
    name: 'evicting cluster filtered even when previous',
    cluster: {},
    evicting: true,
    inPrevious: true,
    want: 'cluster(s) is in the process of eviction',
  },
];

describe('filters', () => {
  for (const c of cases) {
    it(c.name, () => {
      const ic = indexFleet([cluster('m', c.cluster)]).clusters[0];
      assert.ok(ic);
      const spread = viewPlacement({ spreadConstraints: (c.spread ?? []).map((f) => ({ spreadByField: f })) }).spread;
      const v = filterCluster({ gvk: deploy, affinity: c.affinity, tolerations: c.tolerations ?? [], spread }, ic, {
        inPrevious: c.inPrevious ?? false,
        evicting: c.evicting ?? false,
      });
      assert.equal(v.kind === 'Feasible' ? 'Feasible' : v.reason, c.want);
    });
  }
});
