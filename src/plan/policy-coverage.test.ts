/** validate's coverage warnings (issue 14): unpropagated templates, idle policies, equal-priority ties. */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';

const enc = new TextEncoder();
const cluster = {
  path: 'clusters/m1.yaml',
  text: 'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: m1}\nspec: {syncMode: Push}\n',
};
const web = {
  path: 'apps/web.yaml',
  text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 1, template: {spec: {containers: [{name: c, image: nginx, envFrom: [{configMapRef: {name: cfg}}]}]}}}\n',
};
const cfg = { path: 'apps/cfg.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: b}\n' };
const ns = { path: 'apps/ns.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' };
const pp = (name: string, selector: string, extra = '') => ({
  path: `policies/${name}.yaml`,
  text: `# ${name}\napiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: ${name}}\nspec:\n  resourceSelectors: [${selector}]\n  placement: {clusterAffinity: {clusterNames: [m1]}}\n${extra}`,
});
const op = (selector: string) => ({
  path: 'policies/op.yaml',
  text: `apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {name: op}\nspec:\n  resourceSelectors: [${selector}]\n  overrideRules: [{overriders: {labelsOverrider: [{operator: add, value: {a: b}}]}}]\n`,
});
const deployments = '{apiVersion: apps/v1, kind: Deployment}';

function warnings(files: readonly { path: string; text: string }[]) {
  const { fleet, diagnostics } = loadFleet({
    revision: 'r',
    problems: [],
    files: [cluster, ...files].map((f) => ({ path: f.path, bytes: enc.encode(f.text) })),
  });
  const plan = planFleet({ fleet, diagnostics, revision: 'r' });
  assert.deepEqual(plan.errors, []);
  return plan.warnings.filter((w) =>
    ['TemplateNotPropagated', 'PolicySelectsNothing', 'PolicyPriorityTie'].includes(w.code),
  );
}
const at = (ws: ReturnType<typeof warnings>) => ws.map((w) => [w.code, w.file, w.line]);

describe('plan: coverage warnings', () => {
  const cases: { name: string; files: { path: string; text: string }[]; want: (string | number)[][]; says?: string }[] =
    [
      {
        name: 'a template no policy selects',
        files: [web, cfg, pp('web', '{apiVersion: apps/v1, kind: Deployment, name: other}')],
        want: [
          ['TemplateNotPropagated', 'apps/cfg.yaml', 1],
          ['TemplateNotPropagated', 'apps/web.yaml', 1],
          ['PolicySelectsNothing', 'policies/web.yaml', 2],
        ],
      },
      {
        name: 'a dependency shipped by propagateDeps is propagated',
        files: [web, cfg, pp('web', deployments, '  propagateDeps: true\n')],
        want: [],
      },
      { name: 'a Namespace needs no policy', files: [ns], want: [] },
      {
        name: 'a typo in the kind: did you mean',
        files: [web, pp('web', '{apiVersion: apps/v1, kind: Deploymnet}')],
        want: [
          ['TemplateNotPropagated', 'apps/web.yaml', 1],
          ['PolicySelectsNothing', 'policies/web.yaml', 2],
        ],
        says: 'did you mean kind Deployment?',
      },
      {
        name: 'a wrong apiVersion',
        files: [web, pp('web', '{apiVersion: apps/v1beta1, kind: Deployment}')],
        want: [
          ['TemplateNotPropagated', 'apps/web.yaml', 1],
          ['PolicySelectsNothing', 'policies/web.yaml', 2],
        ],
        says: 'did you mean apiVersion apps/v1?',
      },
      {
        name: 'a typo in the name: did you mean',
        files: [web, pp('web', '{apiVersion: apps/v1, kind: Deployment, name: webb}')],
        want: [
          ['TemplateNotPropagated', 'apps/web.yaml', 1],
          ['PolicySelectsNothing', 'policies/web.yaml', 2],
        ],
        says: 'did you mean Deployment default/web?',
      },
      {
        name: 'an OverridePolicy that selects nothing',
        files: [web, pp('web', deployments), op('{apiVersion: v1, kind: ConfigMap}')],
        want: [['PolicySelectsNothing', 'policies/op.yaml', 1]],
      },
      {
        name: 'two policies of equal priority: the loser is named, at the loser',
        files: [web, pp('a', deployments), pp('b', deployments)],
        want: [['PolicyPriorityTie', 'policies/b.yaml', 2]],
        says: 'loses Deployment default/web to PropagationPolicy default/a',
      },
      {
        name: 'a higher priority decides: no tie',
        files: [web, pp('a', deployments), pp('b', deployments, '  priority: 1\n')],
        want: [],
      },
      {
        name: 'a name selector beats match-all: no tie',
        files: [web, pp('a', deployments), pp('b', '{apiVersion: apps/v1, kind: Deployment, name: web}')],
        want: [],
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const ws = warnings(c.files);
      assert.deepEqual(at(ws), c.want);
      if (c.says)
        assert.ok(
          ws.some((w) => w.message.includes(c.says ?? '')),
          ws.map((w) => w.message).join('\n'),
        );
    });
  }
  it('the tie notes the winner', () =>
    assert.deepEqual(
      warnings([web, pp('a', deployments), pp('b', deployments)])[0]?.notes?.map((n) => [n.file, n.line]),
      [['policies/a.yaml', 2]],
    ));
});
