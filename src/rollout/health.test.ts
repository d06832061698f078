import assert from 'node:assert/strict';
import { clusterHealthOf, type CopyObservation } from './health.ts';

const copy = (over: Partial<CopyObservation> = {}): CopyObservation => ({
  template: 'apps/v1/Deployment/shop/frontend',
  healthy: true,
  readyReplicas: 3,
  desiredReplicas: 3,
  isTarget: true,
  ...over,
});

describe('rollout/health: the gate view of a cluster', () => {
  const cases: { name: string; reachable: boolean; copies: CopyObservation[]; want: string }[] = [
    { name: 'every copy healthy, ready and the target: Healthy', reachable: true, copies: [copy()], want: 'Healthy' },
    { name: 'an unreachable cluster is Unknown', reachable: false, copies: [copy()], want: 'Unknown' },
    {
      name: 'an old healthy copy does not count',
      reachable: true,
      copies: [copy({ isTarget: false })],
      want: 'Progressing:the target manifests are not applied yet',
    },
    {
      name: 'InterpretHealth unhealthy',
      reachable: true,
      copies: [copy({ healthy: false })],
      want: 'Progressing:InterpretHealth says unhealthy',
    },
    {
      name: 'ready below desired',
      reachable: true,
      copies: [copy({ readyReplicas: 1 })],
      want: 'Progressing:1/3 replicas ready',
    },
    {
      name: 'an unread copy',
      reachable: true,
      copies: [copy({ healthy: undefined })],
      want: 'Progressing:the copy could not be read',
    },
    {
      name: 'the first failing template by key is named',
      reachable: true,
      copies: [copy({ template: 'v1/b', readyReplicas: 0 }), copy({ template: 'v1/a', healthy: false })],
      want: 'Progressing:InterpretHealth says unhealthy',
    },
    { name: 'no copies (nothing selected there): Healthy', reachable: true, copies: [], want: 'Healthy' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const h = clusterHealthOf(c.reachable, c.copies);
      assert.equal(h.kind === 'Progressing' ? `${h.kind}:${h.why}` : h.kind, c.want);
    });
  }
});
