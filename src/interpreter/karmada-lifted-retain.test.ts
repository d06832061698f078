/**
 * Karmada's lifted retention tests for Services and ServiceAccounts, ported case by case through
 * the native Retain (pkg/util/lifted/retain_test.go). Go calls the functions on objects without
 * apiVersion and kind; here they are v1 Services and ServiceAccounts. Karmada's "invalid" cases
 * (a healthCheckNodePort that is a string, a clusterIP that is a number) return an error there;
 * the interpreter has no error result for native operations, so nothing is retained instead.
 * An empty merge of secrets, written as null by Karmada, is an absent field here.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { native, obj, type RetainCase } from './karmada-native.test-support.ts';

const service = (spec?: JsonObject): ReturnType<typeof obj> => obj('v1', 'Service', spec ? { spec } : {});
const account = (fields: JsonObject): ReturnType<typeof obj> => obj('v1', 'ServiceAccount', fields);
const named = (...names: string[]): JsonObject[] => names.map((name) => ({ name }));

const cases: readonly RetainCase[] = [
  ...(
    [
      ['cluster object has no healthCheckNodePort', undefined, service()],
      ['cluster object has invalid healthCheckNodePort', { healthCheckNodePort: 'invalid string' }, service()],
      ['cluster object has healthCheckNodePort 0', { healthCheckNodePort: 0 }, service()],
      [
        'cluster object has healthCheckNodePort 1000',
        { healthCheckNodePort: 1000 },
        service({ healthCheckNodePort: 1000 }),
      ],
    ] as const
  ).map(([name, spec, want]) => ({
    origin: `retain_test.go :: TestRetainHealthCheckNodePortInServiceFields :: ${name}`,
    desired: service(),
    observed: service(spec),
    want,
  })),
  ...(
    [
      ['cluster object has no clusterIP', undefined, service()],
      ['cluster object has invalid clusterIP', { clusterIP: -1000 }, service()],
      ['cluster object has valid clusterIP', { clusterIP: '1.2.3.4' }, service({ clusterIP: '1.2.3.4' })],
    ] as const
  ).map(([name, spec, want]) => ({
    origin: `retain_test.go :: TestRetainClusterIPInServiceFields :: ${name}`,
    desired: service(),
    observed: service(spec),
    want,
  })),
  {
    origin:
      'retain_test.go :: TestRetainServiceAccountFields :: neither desired or observed service account has the secrets field',
    desired: account({}),
    observed: account({}),
    want: account({}),
  },
  {
    origin:
      'retain_test.go :: TestRetainServiceAccountFields :: both desired and observed service account have the same secrets field',
    desired: account({ secrets: named('test') }),
    observed: account({ secrets: named('test') }),
    want: account({ secrets: named('test') }),
  },
  {
    origin:
      'retain_test.go :: TestRetainServiceAccountFields :: desired and observed service account have the different secrets field',
    desired: account({ secrets: named('test') }),
    observed: account({ secrets: named('test', 'test-token') }),
    want: account({ secrets: named('test', 'test-token') }),
  },
  {
    origin:
      'retain_test.go :: TestRetainServiceAccountFields :: observed service account has the imagePullSecrets field but the desired not',
    desired: account({ secrets: named('test') }),
    observed: account({ secrets: named('test'), imagePullSecrets: named('foo') }),
    want: account({ secrets: named('test'), imagePullSecrets: named('foo') }),
  },
];

describe('Karmada lifted/retain_test.go: Service and ServiceAccount retention', () => {
  for (const c of cases) it(c.origin, () => assert.deepEqual(native.retain(c.desired, c.observed), c.want));
});
