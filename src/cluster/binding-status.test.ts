import assert from 'node:assert/strict';
import { createInterpreter } from '../interpreter/index.ts';
import { bindingStatus } from './binding-status.ts';

const template = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' } };
const live = (labels: Record<string, string>, annotations: Record<string, string>) => ({ ...template, metadata: { ...template.metadata, labels, annotations } });

// Karmada pkg/util/objectwatcher/objectwatcher.go allowUpdate: an object without the managed-by label is a conflict.
describe('cluster/bindingStatus: whose object the member holds', () => {
  const cases: { name: string; live: ReturnType<typeof live>; want: { applied: boolean; conflict?: true } }[] = [
    { name: "flotilla's, of this binding: applied", live: live({ 'app.kubernetes.io/managed-by': 'flotilla' }, { 'flotilla.io/binding': 'shop/x-configmap' }), want: { applied: true } },
    { name: 'of another binding: not applied, no conflict', live: live({ 'app.kubernetes.io/managed-by': 'flotilla' }, { 'flotilla.io/binding': 'shop/y-configmap' }), want: { applied: false } },
    { name: 'made by someone else: a conflict', live: live({}, {}), want: { applied: false, conflict: true } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = bindingStatus({ resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'x' }, binding: 'shop/x-configmap', template, members: [{ kind: 'found', cluster: 'm1', live: c.live }], interpreter: createInterpreter([]) });
      const m = s.clusters[0];
      assert.deepEqual({ applied: m?.applied, ...(m?.conflict ? { conflict: m.conflict } : {}) }, c.want);
    });
  }
});
