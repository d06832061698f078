/**
 * A LoadBalancer Service reflects its typed LoadBalancerStatus only (Karmada reflectServiceStatus):
 * the ingress list, omitted when empty; other status fields (conditions) are not reflected.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { native, obj } from './karmada-native.test-support.ts';

const lb = (status: JsonObject): ReturnType<typeof obj> =>
  obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status });

describe('native ReflectStatus of a LoadBalancer Service', () => {
  const cases: readonly { name: string; status: JsonObject; want: JsonObject }[] = [
    {
      name: 'an empty ingress list is omitted, conditions are not reflected',
      status: { loadBalancer: { ingress: [] }, conditions: [{ type: 'Ready', status: 'True' }] },
      want: { loadBalancer: {} },
    },
    { name: 'no loadBalancer reflects an empty one', status: {}, want: { loadBalancer: {} } },
    {
      name: 'the ingress list is kept',
      status: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
      want: { loadBalancer: { ingress: [{ ip: '192.0.2.1' }] } },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(native.reflectStatus(lb(c.status)), c.want));
});
