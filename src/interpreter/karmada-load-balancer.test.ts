/**
 * Karmada's load balancer merge tests, ported case by case through AggregateStatus of a
 * LoadBalancer Service and of an Ingress, each entry reported by its own member
 * (pkg/util/helper/service_test.go TestDedupeAndSortServiceLoadBalancerIngress,
 * pkg/util/helper/ingress_test.go TestDedupeAndSortIngressLoadBalancerIngress). Skipped: none;
 * the ipMode cases exist for Services only, as an Ingress entry has no ipMode.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { item, native, obj, statusOf } from './karmada-native.test-support.ts';

const tcp = (port: number, error?: string): JsonObject => ({ port, protocol: 'TCP', ...(error ? { error } : {}) });
const host1 = (...ports: JsonObject[]): JsonObject => ({ hostname: 'hostname-1', ports });

const cases: readonly {
  name: string;
  serviceOnly?: true;
  entries: readonly JsonObject[];
  want: readonly JsonObject[];
}[] = [
  {
    name: 'sort hostname',
    entries: [{ hostname: 'hostname-2' }, { hostname: 'hostname-1' }],
    want: [{ hostname: 'hostname-1' }, { hostname: 'hostname-2' }],
  },
  { name: 'sort ip', entries: [{ ip: '2.2.2.2' }, { ip: '1.1.1.1' }], want: [{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }] },
  {
    name: 'hostname should in front of ip',
    entries: [{ ip: '1.1.1.1' }, { hostname: 'hostname-1' }],
    want: [{ hostname: 'hostname-1' }, { ip: '1.1.1.1' }],
  },
  {
    name: 'sort ipMode',
    serviceOnly: true,
    entries: [
      { ip: '1.1.1.1', ipMode: 'Proxy' },
      { ip: '1.1.1.1', ipMode: 'VIP' },
    ],
    want: [
      { ip: '1.1.1.1', ipMode: 'Proxy' },
      { ip: '1.1.1.1', ipMode: 'VIP' },
    ],
  },
  {
    name: 'merge ipMode',
    serviceOnly: true,
    entries: [
      { ip: '1.1.1.1', ipMode: 'VIP' },
      { ip: '1.1.1.1', ipMode: 'VIP' },
    ],
    want: [{ ip: '1.1.1.1', ipMode: 'VIP' }],
  },
  {
    name: 'merge hostname and ip',
    entries: [
      { ip: '1.1.1.1' },
      { hostname: 'hostname-1' },
      { ip: '1.1.1.1' },
      { hostname: 'hostname-1' },
      { ip: '1.1.1.1' },
      { hostname: 'hostname-1' },
    ],
    want: [{ hostname: 'hostname-1' }, { ip: '1.1.1.1' }],
  },
  {
    name: 'merge and sort ports',
    entries: [host1(tcp(80)), host1(tcp(81)), host1(tcp(80))],
    want: [host1(tcp(80), tcp(81))],
  },
  {
    name: 'merge and sort errors',
    entries: [host1(tcp(80, 'error-1')), host1(tcp(80, 'error-1')), host1(tcp(80, 'error-2')), host1(tcp(80))],
    want: [host1(tcp(80), tcp(80, 'error-1'), tcp(80, 'error-2'))],
  },
];

const targets = [
  [
    'service_test.go :: TestDedupeAndSortServiceLoadBalancerIngress',
    obj('v1', 'Service', { spec: { type: 'LoadBalancer' } }),
  ],
  ['ingress_test.go :: TestDedupeAndSortIngressLoadBalancerIngress', obj('networking.k8s.io/v1', 'Ingress')],
] as const;

describe('Karmada helper/service_test.go, ingress_test.go: load balancer entries merged and sorted', () => {
  for (const [test, template] of targets) {
    for (const c of cases) {
      if (c.serviceOnly && template.kind !== 'Service') continue;
      it(`${test} :: ${c.name}`, () => {
        const items = c.entries.map((e, i) => item(`member${i + 1}`, { loadBalancer: { ingress: [e] } }));
        assert.deepEqual(statusOf(native.aggregateStatus(template, items)), { loadBalancer: { ingress: c.want } });
      });
    }
  }
});
