import assert from 'node:assert/strict';
import type { JsonObject, Loaded, OverridePolicy } from '../api/index.ts';
import { clusterOverridePolicy, cluster, deployment, overridePolicy, rule } from './builders.test.ts';
import { applyOverrides } from './index.ts';

const web = deployment('web', [{ name: 'web', image: 'nginx:1.25' }]);
const member1 = cluster('member1', { env: 'prod' });
const member2 = cluster('member2', { env: 'dev' });
const replicas = (n: number) => ({ plaintext: [{ path: '/spec/replicas', operator: 'replace' as const, value: n }] });
const specOf = (m: JsonObject) => m['spec'] as JsonObject;

describe('applyOverrides', () => {
  const cases: { name: string; policies: Loaded<OverridePolicy>[]; cluster: typeof member1; want: number }[] = [
    {
      name: 'a rule for another cluster does nothing',
      policies: [overridePolicy('p', rule(replicas(5), ['member2']))],
      cluster: member1,
      want: 2,
    },
    {
      name: 'a rule without targetCluster applies everywhere',
      policies: [overridePolicy('p', rule(replicas(5)))],
      cluster: member1,
      want: 5,
    },
    {
      name: 'targetCluster by label selector',
      policies: [
        overridePolicy('p', {
          overrideRules: [
            { targetCluster: { labelSelector: { matchLabels: { env: 'prod' } } }, overriders: replicas(7) },
          ],
        }),
      ],
      cluster: member1,
      want: 7,
    },
    {
      name: 'later rules see earlier ones',
      policies: [overridePolicy('p', { overrideRules: [{ overriders: replicas(3) }, { overriders: replicas(4) }] })],
      cluster: member1,
      want: 4,
    },
    {
      name: 'the last policy in order wins',
      policies: [clusterOverridePolicy('c', rule(replicas(8))), overridePolicy('p', rule(replicas(9)))],
      cluster: member1,
      want: 9,
    },
    {
      name: 'deprecated spec.targetCluster + spec.overriders',
      policies: [overridePolicy('p', { targetCluster: { clusterNames: ['member2'] }, overriders: replicas(6) })],
      cluster: member2,
      want: 6,
    },
    {
      name: 'deprecated spec.overriders without targetCluster applies everywhere',
      policies: [overridePolicy('p', { overriders: replicas(6) })],
      cluster: member1,
      want: 6,
    },
    // Karmada overridemanager.go ApplyOverridePolicies: OverridePolicies are selected against the object
    // as the ClusterOverridePolicies left it.
    {
      name: 'an OverridePolicy selects a label a ClusterOverridePolicy added',
      policies: [
        clusterOverridePolicy('c', rule({ labelsOverrider: [{ operator: 'add', value: { tier: 'gold' } }] })),
        overridePolicy('p', {
          resourceSelectors: [
            { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { tier: 'gold' } } },
          ],
          ...rule(replicas(9)),
        }),
      ],
      cluster: member1,
      want: 9,
    },
    {
      name: 'an OverridePolicy no longer selects a label a ClusterOverridePolicy removed',
      policies: [
        clusterOverridePolicy('c', rule({ labelsOverrider: [{ operator: 'remove', value: { app: '' } }] })),
        overridePolicy('p', {
          resourceSelectors: [
            { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { app: 'web' } } },
          ],
          ...rule(replicas(9)),
        }),
      ],
      cluster: member1,
      want: 2,
    },
    {
      name: 'deprecated form for another cluster',
      policies: [overridePolicy('p', { targetCluster: { clusterNames: ['member2'] }, overriders: replicas(6) })],
      cluster: member1,
      want: 2,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = applyOverrides(web, c.cluster, c.policies);
      assert.equal(got.kind, 'Overridden');
      if (got.kind === 'Overridden') assert.equal(specOf(got.manifest)['replicas'], c.want);
    });
  }

  it('applies overriders of one rule in Karmada order: image before plaintext', () => {
    const p = overridePolicy(
      'p',
      rule({
        plaintext: [{ path: '/spec/template/spec/containers/0/image', operator: 'replace', value: 'reg.io/app:1' }],
        imageOverrider: [{ component: 'Tag', operator: 'replace', value: '2' }],
      }),
    );
    const got = applyOverrides(web, member1, [p]);
    assert.equal(got.kind === 'Overridden' && JSON.stringify(got.manifest).includes('"image":"reg.io/app:1"'), true);
  });

  it('reports what was applied, in Karmada order (equal priority: by name)', () => {
    const got = applyOverrides(web, member1, [
      overridePolicy('p', {
        overrideRules: [
          { overriders: replicas(3) },
          { targetCluster: { clusterNames: ['member2'] }, overriders: replicas(4) },
        ],
      }),
      overridePolicy('old', { overriders: replicas(5) }),
    ]);
    assert.equal(got.kind, 'Overridden');
    if (got.kind === 'Overridden') {
      assert.deepEqual(
        got.applied.map((a) => [a.policy.name, a.ruleIndex]),
        [
          ['old', undefined],
          ['p', 0],
        ],
      );
    }
  });

  it('never mutates the manifest or the policies', () => {
    const p = overridePolicy('p', rule({ labelsOverrider: [{ operator: 'add', value: { x: 'y' } }], ...replicas(1) }));
    const before = [JSON.stringify(web), JSON.stringify(p)];
    applyOverrides(web, member1, [p]);
    assert.deepEqual([JSON.stringify(web), JSON.stringify(p)], before);
  });

  // flotilla differs: (DESIGN "Deliberate differences") a rule that cannot apply fails the revision.
  const failures: { name: string; policy: Loaded<OverridePolicy>; code: string; line: number; mentions: string[] }[] = [
    {
      name: 'a plaintext path that does not exist',
      policy: overridePolicy('web', {
        overrideRules: [
          { overriders: replicas(1) },
          {
            overriders: {
              plaintext: [{ path: '/spec/template/spec/containers/1/image', operator: 'replace', value: 'x' }],
            },
          },
        ],
      }),
      code: 'OverridePathMissing',
      line: 1,
      mentions: [
        'OverridePolicy default/web',
        'rule 1',
        'plaintext[0]',
        '/spec/template/spec/containers/1/image',
        'Deployment default/web',
        'member1',
      ],
    },
    {
      name: 'an image that cannot be parsed, in a ClusterOverridePolicy',
      policy: clusterOverridePolicy(
        'images',
        rule({
          imageOverrider: [
            { predicate: { path: '/kind' }, component: 'Tag', operator: 'remove' },
            { component: 'Tag', operator: 'remove' },
          ],
        }),
      ),
      code: 'OverrideFailed',
      line: 3,
      mentions: ['ClusterOverridePolicy images', 'rule 0', 'imageOverrider[0]', 'member1'],
    },
    {
      name: 'the deprecated form',
      policy: overridePolicy('old', { overriders: { plaintext: [{ path: '/nope/x', operator: 'add', value: 1 }] } }),
      code: 'OverridePathMissing',
      line: 1,
      mentions: ['OverridePolicy default/old', 'spec.overriders', 'plaintext[0]'],
    },
  ];
  for (const c of failures) {
    it(`fails with a diagnostic on ${c.name}`, () => {
      const got = applyOverrides(web, member1, [c.policy]);
      assert.equal(got.kind, 'Failed');
      if (got.kind !== 'Failed') return;
      assert.equal(got.diagnostics.length, 1);
      const d = got.diagnostics[0];
      assert.deepEqual([d?.code, d?.severity, d?.file, d?.line], [c.code, 'error', c.policy.source.file, c.line]);
      for (const m of c.mentions) assert.ok(d?.message.includes(m), `${d?.message} should name ${m}`);
    });
  }
});
