/**
 * `flotilla simulate` agrees with reality (issue 23): with the controller running the fleet on
 * real members, simulate predicts what losing member2 does; then member2's apiserver is stopped
 * and the controller fails over. Every workload ends with exactly the replicas per member the
 * simulation predicted, the Duplicated one included (its member2 copy has no fallback).
 */
import { isDeepStrictEqual } from 'node:util';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  equalWeights,
  fastFailoverFlags,
  fleetRepo,
  flotilla,
  policyYaml,
  removeRepo,
  startController,
  staticWeights,
  workloadYaml,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from './harness.ts';

const ns = 'agreement';
const members3 = ['member1', 'member2', 'member3'];

const files = {
  'apps/api.yaml': workloadYaml(ns, 'api', 6),
  'apps/web.yaml': workloadYaml(ns, 'web', 8).split('---\n')[1] ?? '',
  'apps/agent.yaml': workloadYaml(ns, 'agent', 2).split('---\n')[1] ?? '',
  'policies/api.yaml': policyYaml(ns, 'api', { placement: equalWeights(members3) }),
  'policies/web.yaml': policyYaml(ns, 'web', { placement: staticWeights({ member1: 2, member2: 1, member3: 1 }) }),
  'policies/agent.yaml': policyYaml(ns, 'agent', {
    placement: {
      clusterAffinity: { clusterNames: members3 },
      replicaScheduling: { replicaSchedulingType: 'Duplicated' },
    },
  }),
};

interface Prediction {
  scenarios: {
    failed: string[];
    workloads: {
      resource: { name: string };
      after: { name: string; replicas: number }[];
      lost: number;
      reasons: { kind: string }[];
    }[];
  }[];
}

const replicas = async (ctx: string, name: string) =>
  (await getJson(ctx, 'deployment', name, '-n', ns))?.['spec']?.['replicas'] as number | undefined;
/** The replicas each reachable member runs of a Deployment, as `member=n` sorted by member. */
async function placed(name: string, on: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const m of on) {
    const n = await replicas(m, name);
    if (n !== undefined) out.push(`${m}=${n}`);
  }
  return out;
}

(e2eEnabled ? describe : describe.skip)(
  'flotilla simulate agrees with the controller (e2e, real members)',
  function () {
    this.timeout(600_000);
    let repo = '';
    let controller: ControllerProcess | undefined;
    let prediction: Prediction | undefined;

    before(async function () {
      this.timeout(600_000);
      const { kubeconfig } = await members();
      repo = await fleetRepo('simulate', files);
      controller = startController(repo, kubeconfig, fastFailoverFlags);
    });
    after(async () => {
      controller?.kill();
      await startMember('member2').catch(() => undefined);
      removeRepo(repo);
    });

    it('the controller applies the fleet and records its placement', async () => {
      await eventually('api 2/2/2, web 4/2/2, agent 2/2/2 on the members', 120_000, async () => {
        const all = [await placed('api', members3), await placed('web', members3), await placed('agent', members3)].map(
          (p) => p.join(','),
        );
        return all.join(' ') ===
          'member1=2,member2=2,member3=2 member1=4,member2=2,member3=2 member1=2,member2=2,member3=2'
          ? true
          : undefined;
      });
      await eventually('the placement on the status branch', 120_000, async () => {
        const text = await gitCli(repo, 'show', `flotilla-status:bindings/${ns}/deployment.web.yaml`).catch(() => '');
        return text.includes('member3') ? true : undefined;
      });
    });

    it("simulate predicts what losing member2 does, from the status branch and the members' capacity", async () => {
      const { kubeconfig } = await members();
      const r = await flotilla(
        'simulate',
        '--repo',
        repo,
        '--fail',
        'cluster=member2',
        '--kubeconfig',
        kubeconfig,
        '-o',
        'json',
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(
        r.stderr,
        /capacity from the members \(3 of 3 reachable; placement and taints from the status branch\)/,
      );
      prediction = JSON.parse(r.stdout) as Prediction;
      const s = prediction.scenarios[0];
      assert.deepEqual(s?.failed, ['member2']);
      assert.deepEqual(
        s?.workloads.map((w) => w.resource.name),
        ['agent', 'api', 'web'],
      );
      const agent = s?.workloads.find((w) => w.resource.name === 'agent');
      assert.deepEqual([agent?.lost, agent?.reasons.map((x) => x.kind)], [2, ['NoFallback']]);
    });

    it('the controller, with member2 stopped, does replica for replica what simulate predicted', async () => {
      const s = prediction?.scenarios[0];
      assert.ok(s, 'a prediction');
      await stopMember('member2');
      const survivors = ['member1', 'member3'];
      for (const w of s.workloads) {
        const want = w.after
          .filter((c) => c.replicas > 0)
          .map((c) => `${c.name}=${c.replicas}`)
          .join(',');
        const got = await eventually(`${w.resource.name} at ${want}`, 120_000, async () => {
          const now = (await placed(w.resource.name, survivors)).join(',');
          return now === want ? now : undefined;
        }).catch(async (err: unknown) => {
          throw new Error(
            `${w.resource.name}: predicted ${want}, the members run ${(await placed(w.resource.name, survivors)).join(',')}\n${controller?.logs().slice(-3000) ?? ''}`,
            { cause: err },
          );
        });
        assert.equal(got, want);
      }
      // The members show the placement when the apply returns; the pass records it on the status branch after that.
      const web = s.workloads.find((w) => w.resource.name === 'web')?.after;
      const recorded = async () =>
        (
          YAML.parse(await gitCli(repo, 'show', `flotilla-status:bindings/${ns}/deployment.web.yaml`)) as {
            spec: { clusters: { name: string; replicas: number }[] };
          }
        ).spec.clusters;
      const clusters = await eventually('the placement of web on the status branch', 120_000, async () => {
        const c = await recorded();
        return isDeepStrictEqual(c, web) ? c : undefined;
      }).catch(async (err: unknown) => {
        throw new Error(`recorded ${JSON.stringify(await recorded())}, predicted ${JSON.stringify(web)}`, {
          cause: err,
        });
      });
      assert.deepEqual(clusters, web);
    });
  },
);
