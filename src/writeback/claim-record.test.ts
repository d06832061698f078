/** The status branch remembers a binding's claim (and a Lazy policy's template version) for the next revision. */
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { buildBinding } from '../plan/binding.ts';
import { parsePrevious } from '../plan/index.ts';
import { bindingFiles } from './status-files.ts';

const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };
const recorded = (annotations: Record<string, string>) => {
  const b = buildBinding({
    template: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } },
    resource,
    annotations,
    replicas: 2,
    requirements: undefined,
    clusters: [{ name: 'm1', replicas: 2 }],
    placement: { clusterAffinity: { clusterNames: ['m1'] } },
    propagateDeps: true,
    requiredBy: [],
    condition: { type: 'Scheduled', status: 'True', reason: 'Success' },
    affinityName: undefined,
  });
  const [text = ''] = bindingFiles([b]).values();
  return [...parsePrevious([YAML.parse(text)], 'status-branch').records.values()];
};

describe('writeback: a recorded binding reads back its claim', () => {
  const cases: { name: string; annotations: Record<string, string>; want: unknown }[] = [
    {
      name: 'a PropagationPolicy claim, a Lazy template version and the spec it was built with',
      annotations: {
        'flotilla.io/template-hash': 'abc',
        'propagationpolicy.karmada.io/name': 'web',
        'propagationpolicy.karmada.io/namespace': 'shop',
      },
      want: [
        {
          claim: { kind: 'PropagationPolicy', namespace: 'shop', name: 'web' },
          templateHash: 'abc',
          spec: { placement: { clusterAffinity: { clusterNames: ['m1'] } }, propagateDeps: true },
        },
      ],
    },
    {
      name: 'a ClusterPropagationPolicy claim',
      annotations: { 'clusterpropagationpolicy.karmada.io/name': 'all' },
      want: [
        {
          claim: { kind: 'ClusterPropagationPolicy', name: 'all' },
          spec: { placement: { clusterAffinity: { clusterNames: ['m1'] } }, propagateDeps: true },
        },
      ],
    },
    {
      name: 'no claim (a dependency attached to others)',
      annotations: {},
      want: [{ spec: { placement: { clusterAffinity: { clusterNames: ['m1'] } }, propagateDeps: true } }],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(recorded(c.annotations), c.want));
});
