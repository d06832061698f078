import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { pruneVerdict } from './prune.ts';

const obj = (labels: Record<string, string>, annotations: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'default', labels, annotations },
});
const owned = { 'app.kubernetes.io/managed-by': 'flotilla' };

describe('prune verdict (R3)', () => {
  const cases = [
    { name: 'owned: delete', o: obj(owned, { 'flotilla.io/binding': 'default/a-configmap' }), want: 'delete' },
    {
      name: 'prune disabled: orphan',
      o: obj(owned, { 'flotilla.io/binding': 'x', 'flotilla.io/prune': 'disabled' }),
      want: 'PruneDisabled',
    },
    {
      name: 'another manager label: orphan',
      o: obj({ 'app.kubernetes.io/managed-by': 'helm' }, { 'flotilla.io/binding': 'x' }),
      want: 'NotOwned',
    },
    { name: 'no binding annotation: orphan', o: obj(owned, {}), want: 'NotOwned' },
  ];
  for (const c of cases)
    it(c.name, () => {
      const v = pruneVerdict(c.o);
      assert.equal(v.kind === 'delete' ? 'delete' : v.reason, c.want);
    });
});
