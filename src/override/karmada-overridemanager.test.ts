/**
 * Karmada's override-manager tables, ported case by case:
 * pkg/util/overridemanager/overridemanager_test.go ::
 *   Test_overrideManagerImpl_ApplyLabelAnnotationOverriderPolicies (which policies apply, and the maps),
 *   TestGetMatchingOverridePolicies (policy order by implicit priority then name, rules per cluster,
 *     the deprecated spec.targetCluster + spec.overriders form),
 *   Test_overrideManagerImpl_ApplyFieldOverriderPolicies_YAML and
 *   Test_overrideManagerImpl_ApplyJSONOverridePolicies_JSON (fieldOverrider on an embedded document).
 * Karmada's fake client and event recorder are plumbing; flotilla's applyOverrides takes the
 * policies selectOverridePolicies chose and one Cluster. No case is skipped. The two fieldOverrider
 * cases of test/e2e/suites/base/overridepolicy_test.go are checked at the end, as the e2e asserts them.
 */
import assert from 'node:assert/strict';
import type { JsonObject, KubeObject, Loaded, OverridePolicy, Overriders } from '../api/index.ts';
import { cluster, clusterOverridePolicy, overridePolicy } from './builders.test.ts';
import { applyOverrides, selectOverridePolicies } from './index.ts';

const file = 'overridemanager_test.go';

/** test/helper NewDeployment(default, name). */
function deployment(name: string, metadata: JsonObject = {}): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: 'default', name, ...metadata },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.19.0' }] },
      },
    },
  };
}

function run(manifest: JsonObject, clusterName: string, policies: Loaded<OverridePolicy>[]) {
  const candidates = selectOverridePolicies(policies, manifest as unknown as KubeObject);
  const got = applyOverrides(manifest, cluster(clusterName), candidates);
  assert.equal(got.kind, 'Overridden', got.kind === 'Failed' ? got.diagnostics[0]?.message : '');
  if (got.kind !== 'Overridden') throw new Error('unreachable');
  return got;
}

describe(`Karmada ${file} :: Test_overrideManagerImpl_ApplyLabelAnnotationOverriderPolicies`, () => {
  const overriders: Overriders = {
    labelsOverrider: [{ operator: 'add', value: { testAddLabel: 'testAddLabel' } }],
    annotationsOverrider: [{ operator: 'add', value: { testAddAnnotation: 'testAddAnnotation' } }],
  };
  const metadata = { labels: { testLabel: 'testLabel' }, annotations: { testAnnotation: 'testAnnotation' } };
  const cases: { name: string; manifest: JsonObject; clusterName: string; policy: Loaded<OverridePolicy> }[] = [
    {
      name: 'test overridePolicies',
      manifest: deployment('test1', metadata),
      clusterName: 'test1',
      policy: overridePolicy('test1', {
        resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'test1' }],
        overrideRules: [{ targetCluster: { clusterNames: ['test1'] }, overriders }],
      }),
    },
    {
      name: 'test clusterOverridePolicy',
      manifest: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'test2', ...metadata },
      },
      clusterName: 'test2',
      policy: clusterOverridePolicy('test2', {
        resourceSelectors: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'test2' }],
        overrideRules: [{ targetCluster: { clusterNames: ['test2'] }, overriders }],
      }),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = run(c.manifest, c.clusterName, [c.policy]);
      assert.deepEqual(
        got.applied.map((a) => [a.policy.kind, a.policy.name, a.overriders]),
        [[c.policy.object.kind, c.policy.object.metadata.name, overriders]],
      );
      const meta = got.manifest['metadata'] as JsonObject;
      assert.deepEqual(meta['labels'], { testLabel: 'testLabel', testAddLabel: 'testAddLabel' });
      assert.deepEqual(meta['annotations'], {
        testAnnotation: 'testAnnotation',
        testAddAnnotation: 'testAddAnnotation',
      });
    });
  }
});

describe(`Karmada ${file} :: TestGetMatchingOverridePolicies`, () => {
  const annotate = (text: string): Overriders => ({
    plaintext: [{ path: '/metadata/annotations', operator: 'add', value: text }],
  });
  const overriders1 = annotate('foo: bar');
  const overriders2 = annotate('aaa: bbb');
  const overriders3 = annotate('hello: world');
  const both = { clusterNames: ['cluster1', 'cluster2'] };
  // High implicit priority: names the Deployment.
  const overridePolicy1 = overridePolicy('overridePolicy1', {
    resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'test' }],
    overrideRules: [
      { targetCluster: both, overriders: overriders1 },
      { targetCluster: { clusterNames: ['cluster2'] }, overriders: overriders2 },
    ],
  });
  // Low implicit priority: no resource selectors at all.
  const overridePolicy2 = overridePolicy('overridePolicy2', {
    overrideRules: [{ targetCluster: both, overriders: overriders3 }],
  });
  const overridePolicy3 = overridePolicy('overridePolicy3', {
    resourceSelectors: [],
    overrideRules: [{ targetCluster: both, overriders: overriders3 }],
  });
  // Karmada's case builds a ClusterOverridePolicy in the deprecated form.
  const oldOverridePolicy = clusterOverridePolicy('oldOverridePolicy', {
    targetCluster: { clusterNames: ['cluster1'] },
    overriders: overriders3,
  });
  const cases: {
    name: string;
    policies: Loaded<OverridePolicy>[];
    clusterName: string;
    want: [string, Overriders][];
  }[] = [
    {
      name: 'OverrideRules test 1',
      policies: [overridePolicy1, overridePolicy2],
      clusterName: 'cluster1',
      want: [
        ['overridePolicy2', overriders3],
        ['overridePolicy1', overriders1],
      ],
    },
    {
      name: 'OverrideRules test 2',
      policies: [overridePolicy1, overridePolicy2],
      clusterName: 'cluster2',
      want: [
        ['overridePolicy2', overriders3],
        ['overridePolicy1', overriders1],
        ['overridePolicy1', overriders2],
      ],
    },
    {
      name: 'OverrideRules test 3',
      policies: [overridePolicy3],
      clusterName: 'cluster2',
      want: [['overridePolicy3', overriders3]],
    },
    {
      name: 'TargetCluster and Overriders test',
      policies: [oldOverridePolicy],
      clusterName: 'cluster1',
      want: [['oldOverridePolicy', overriders3]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = run(deployment('test'), c.clusterName, c.policies);
      assert.deepEqual(
        got.applied.map((a) => [a.policy.name, a.overriders]),
        c.want,
      );
    });
  }
});

describe(`Karmada ${file} :: field overriders on embedded documents`, () => {
  const cases: { name: string; key: string; text: string; form: 'json' | 'yaml'; want: string }[] = [
    {
      name: 'Test_overrideManagerImpl_ApplyFieldOverriderPolicies_YAML :: test yaml overridePolicies',
      key: 'test.yaml',
      text: '\nkey: \n  key1: value\n',
      form: 'yaml',
      want: 'key:\n  key1: updated_value\n',
    },
    {
      // Karmada names this JSON case "test yaml overridePolicies" too.
      name: 'Test_overrideManagerImpl_ApplyJSONOverridePolicies_JSON :: test yaml overridePolicies',
      key: 'test.json',
      text: '{"key":{"key1":"value"}}',
      form: 'json',
      want: '{"key":{"key1":"updated_value"}}',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const configMap: JsonObject = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace: 'default', name: 'test1' },
        data: { [c.key]: c.text },
      };
      const overriders: Overriders = {
        fieldOverrider: [
          {
            fieldPath: `/data/${c.key}`,
            [c.form]: [{ subPath: '/key/key1', operator: 'replace', value: 'updated_value' }],
          },
        ],
      };
      const policy = overridePolicy('test1', {
        resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'test1' }],
        overrideRules: [{ targetCluster: { clusterNames: ['test1'] }, overriders }],
      });
      const got = run(configMap, 'test1', [policy]);
      assert.deepEqual(
        got.applied.map((a) => [a.policy.name, a.overriders]),
        [['test1', overriders]],
      );
      assert.deepEqual(got.manifest['data'], { [c.key]: c.want });
    });
  }
});

describe('Karmada test/e2e/suites/base/overridepolicy_test.go :: [FieldOverrider]', () => {
  const deployJson = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {"name": "nginx-deploy", "namespace": "karmadatest"},
  "spec": {
    "replicas": 3,
    "selector": {"matchLabels": {"app": "nginx"}},
    "template": {"metadata": {"labels": {"app": "nginx"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx:1.19.0"}]}}
  }
}`;
  const nginxYaml =
    '\nserver:\n  listen: 80\n  server_name: localhost\n  location /:\n    root: /usr/share/nginx/html\n    index: \n      - index.html\n      - index.htm\n  error_page:\n    - code: 500\n    - code: 502\n    - code: 503\n    - code: 504\n  location /50x.html:\n    root: /usr/share/nginx/html\n';
  const cases: { name: string; key: string; text: string; overriders: Overriders; has: string[]; lacks: string[] }[] = [
    {
      name: 'apply field overrider testing to update JSON values in ConfigMap :: should override JSON field in ConfigMap',
      key: 'deploy.json',
      text: deployJson,
      overriders: {
        fieldOverrider: [
          {
            fieldPath: '/data/deploy.json',
            json: [
              { subPath: '/spec/replicas', operator: 'replace', value: 5 },
              {
                subPath: '/spec/template/spec/containers/-',
                operator: 'add',
                value: { name: 'nginx-helper', image: 'nginx:1.19.1' },
              },
              { subPath: '/spec/template/spec/containers/0/image', operator: 'remove' },
            ],
          },
        ],
      },
      has: ['"replicas":5', '"name":"nginx-helper"'],
      lacks: ['"image":"nginx:1.19.0"'],
    },
    {
      name: 'apply field overrider testing to update YAML values in ConfigMap :: should override YAML field in ConfigMap',
      key: 'nginx.yaml',
      text: nginxYaml,
      overriders: {
        fieldOverrider: [
          {
            fieldPath: '/data/nginx.yaml',
            yaml: [
              { subPath: '/server/location ~1/root', operator: 'replace', value: '/var/www/html' },
              { subPath: '/server/error_page/-', operator: 'add', value: { code: 400 } },
              { subPath: '/server/location ~1/index', operator: 'remove' },
            ],
          },
        ],
      },
      has: ['root: /var/www/html', 'code: 400'],
      lacks: ['- index.html'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const configMap: JsonObject = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { namespace: 'karmadatest', name: 'cm' },
        data: { [c.key]: c.text },
      };
      const policy = overridePolicy(
        'cm',
        {
          resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'cm' }],
          overrideRules: [{ targetCluster: { clusterNames: ['member1'] }, overriders: c.overriders }],
        },
        'karmadatest',
      );
      const got = run(configMap, 'member1', [policy]);
      const text = String((got.manifest['data'] as JsonObject)[c.key]);
      for (const s of c.has) assert.ok(text.includes(s), `${s} in ${text}`);
      for (const s of c.lacks) assert.ok(!text.includes(s), `${s} not in ${text}`);
    });
  }
});
