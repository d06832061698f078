/**
 * Staged, health-gated rollouts on real members (issue 16, docs/rollouts.md): a RolloutStrategy of
 * three waves (member1, member2, the rest) with short bakes. A good image rolls through the waves in
 * order (the members' live images, the status branch's transitions, the rendered branch); a
 * controller killed mid-rollout continues from the record on the status branch; `flotilla rollout
 * pause` and `resume` round-trip through request files; an image whose pods never become ready
 * (kwok's pod-ready Stage skips pods labelled flotilla.io/e2e-never-ready, test/e2e/harness/kwok-stages.ts)
 * misses the progress deadline at the canary, and `onFailure: Rollback` returns member1 to the
 * last rolled-out image with ready replicas never at zero, member2 and member3 untouched.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { gitCli } from '../git/helpers/workspace.ts';
import {
  fleetRepo,
  flotilla,
  policyYaml,
  removeRepo,
  startController,
  type ControllerProcess,
} from './controller-rig.ts';
import { e2eEnabled, eventually, getJson, members } from './harness.ts';
import { readyOn, removeNamespace, sampleWhile } from './rebalance-rig.ts';

const ns = 'staged';
const all = ['member1', 'member2', 'member3'] as const;
// A generous member timeout: a loaded machine must not make a member look unreachable (its Works would move).
const flags = ['--interval', '1s', '--timeout', '30s'];
/** How long a condition may take: a wave takes a few controller passes, and a pass is slow on a loaded machine. */
const wait = 300_000;

/** The strategy, with this bake on the canary wave (a long one holds the rollout there for the pause test). */
const strategy = (canaryBake = '3s') =>
  YAML.stringify({
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'RolloutStrategy',
    metadata: { name: 'web', namespace: ns },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
      waves: [
        { name: 'canary', clusters: { clusterNames: ['member1'] }, bake: canaryBake },
        { name: 'second', clusters: { clusterNames: ['member2'] }, bake: '3s' },
        { name: 'rest' },
      ],
      // Longer than a killed controller takes to come back: the deadline counts from the pass that
      // started the cluster, also while no controller runs (docs/rollouts.md).
      healthCheck: { progressDeadline: '60s' },
      onFailure: 'Rollback',
    },
  });

/** The Namespace and the Deployment `web` (2 replicas) with this image; `neverReady` labels its pods so kwok never readies them. */
function workload(version: string, neverReady = false): string {
  const labels = { app: 'web', ...(neverReady ? { 'flotilla.io/e2e-never-ready': 'true' } : {}) };
  return `${YAML.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })}---\n${YAML.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: ns },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'web', image: image(version) }] },
      },
    },
  })}`;
}
const image = (version: string) => `registry.example.com/web:${version}`;

/** The live image of web on a member ('' when absent), undefined when the member did not answer (a loaded machine). */
async function imageOn(ctx: string): Promise<string | undefined> {
  const d = await getJson(ctx, 'deployment', 'web', '-n', ns).then(
    (x) => x ?? {},
    () => undefined,
  );
  return d === undefined ? undefined : String(d['spec']?.['template']?.['spec']?.['containers']?.[0]?.['image'] ?? '');
}

/** web's ready replicas on a member (0 when absent), undefined when the member did not answer. */
async function readyOrUnknown(ctx: string): Promise<number | undefined> {
  const d = await getJson(ctx, 'deployment', 'web', '-n', ns).then(
    (x) => x ?? {},
    () => undefined,
  );
  return d === undefined ? undefined : Number(d['status']?.['readyReplicas'] ?? 0);
}

/** Every member runs `version` with 2 ready replicas. */
async function everywhere(version: string): Promise<true | undefined> {
  for (const m of all)
    if ((await imageOn(m)) !== image(version) || (await readyOn(m, ns, 'web')) !== 2) return undefined;
  return true;
}

(e2eEnabled ? describe : describe.skip)(
  'flotilla controller: staged, health-gated rollouts (e2e, real members)',
  function () {
    this.timeout(900_000);
    let repo = '';
    let kubeconfig = '';
    let controller: ControllerProcess | undefined;

    const record = async (): Promise<Record<string, any>> =>
      YAML.parse(await gitCli(repo, 'show', 'flotilla-status:rollouts/staged/web.yaml').catch(() => '{}')) ?? {};
    const head = async () => (await gitCli(repo, 'rev-parse', 'main')).trim();
    const commit = async (version: string, neverReady = false, canaryBake = '3s') => {
      writeFileSync(path.join(repo, 'apps', 'web.yaml'), workload(version, neverReady));
      writeFileSync(path.join(repo, 'policies', 'rollout.yaml'), strategy(canaryBake));
      await gitCli(repo, 'commit', '--quiet', '-am', `web ${version}`);
      return head();
    };
    /** The record once it is at `phase` for `target`. */
    const recordAt = (target: string, phase: string) =>
      eventually(`rollout ${phase} for ${target.slice(0, 7)}`, wait, async () => {
        const r = await record();
        return r['targetRevision'] === target && r['phase'] === phase ? r : undefined;
      });
    /** Subjects of the rollout commits on the status branch, oldest first. */
    const rolloutSubjects = async () =>
      (await gitCli(repo, 'log', '--reverse', '--format=%s', 'flotilla-status'))
        .split('\n')
        .filter((s) => s.startsWith('flotilla: rollout staged/web:'));

    before(async function () {
      this.timeout(600_000);
      ({ kubeconfig } = await members());
      repo = await fleetRepo('rollout', {
        'apps/web.yaml': workload('1.0'),
        'policies/web.yaml': policyYaml(ns, 'web', { placement: { clusterAffinity: { clusterNames: [...all] } } }),
        'policies/rollout.yaml': strategy(),
      });
      controller = startController(repo, kubeconfig, flags);
    });
    after(async () => {
      controller?.kill();
      await removeNamespace([...all], ns);
      removeRepo(repo);
    });

    it('the first revision reaches every member through the waves and the rollout is Done', async () => {
      const first = await head();
      await recordAt(first, 'Done');
      await eventually('web 1.0 ready on every member', wait, () => everywhere('1.0'));
      const subjects = await rolloutSubjects();
      assert.ok(
        subjects.some((s) => /WaveStarted canary/.test(s)),
        subjects.join('\n'),
      );
    });

    it('a good image rolls wave by wave: member2 keeps the old image until the canary baked, member3 until member2 did', async () => {
      const before = (await rolloutSubjects()).length;
      const seen = sampleWhile(async () => Promise.all(all.map(imageOn)));
      let samples: (string | undefined)[][] = [];
      let target = '';
      try {
        target = await commit('2.0');
        await recordAt(target, 'Done');
        await eventually('web 2.0 ready on every member', wait, () => everywhere('2.0'));
      } finally {
        samples = await seen.stop();
      }
      // Never a later wave on the new image while an earlier one is not (samples where a member did not answer left out).
      const read = samples.filter((s) => s.every((i) => i !== undefined)).map((s) => s.map((i) => i === image('2.0')));
      assert.ok(read.length > 0);
      for (const [m1, m2, m3] of read) assert.ok((m1 || !m2) && (m2 || !m3), JSON.stringify(samples));
      const order = (await rolloutSubjects()).slice(before).join('\n');
      const at = (re: RegExp) => order.search(re);
      assert.ok(at(/WaveStarted canary/) >= 0, order);
      assert.ok(at(/WaveHealthy canary/) > at(/WaveStarted canary/), order);
      assert.ok(at(/WaveStarted second/) > at(/WaveHealthy canary/), order);
      assert.ok(at(/WaveHealthy second/) > at(/WaveStarted second/), order);
      assert.ok(at(/WaveStarted rest/) > at(/WaveHealthy second/), order);
      assert.ok(at(/Done/) > at(/WaveStarted rest/), order);
      const r = await record();
      const [canary, second] = r['waves'] as { startedAt: number; healthySince: number }[];
      assert.ok(second && canary && second.startedAt >= canary.healthySince + 3, JSON.stringify(r['waves']));
      // The rendered branch carried the waves: one commit had member1 on 2.0 and member2 still on 1.0.
      const commits = (await gitCli(repo, 'log', '--format=%H', 'flotilla-rendered')).trim().split('\n');
      const file = (c: string, m: string) =>
        gitCli(repo, 'show', `${c}:clusters/${m}/${ns}/deployment-web.yaml`).catch(() => '');
      let staged = false;
      for (const c of commits.slice(0, 20)) {
        if ((await file(c, 'member1')).includes(image('2.0')) && (await file(c, 'member2')).includes(image('1.0')))
          staged = true;
      }
      assert.ok(staged, 'no rendered commit had member1 on 2.0 and member2 on 1.0');
    });

    it('a controller killed mid-rollout continues from the status branch, never from the first wave again', async () => {
      const target = await commit('3.0');
      await eventually('the second wave started', wait, async () => {
        const r = await record();
        return r['targetRevision'] === target && Number(r['currentWave']) >= 1 ? true : undefined;
      });
      const killed = controller;
      const exited = new Promise((resolve) => killed?.child.once('exit', resolve));
      killed?.child.kill('SIGKILL');
      await exited;
      const before = (await rolloutSubjects()).length;
      controller = startController(repo, kubeconfig, flags);
      await recordAt(target, 'Done');
      await eventually('web 3.0 ready on every member', wait, () => everywhere('3.0'));
      const after = (await rolloutSubjects()).slice(before);
      assert.ok(after.length > 0, 'the new controller recorded the rest of the rollout');
      assert.ok(
        after.every((s) => !/staged\/web: (Started|Restarted)|WaveStarted canary/.test(s)),
        after.join('\n'),
      );
    });

    it('pause and resume round-trip through request files while the canary bakes', async () => {
      // A ten-minute bake holds the rollout at the canary, so the pause always finds it progressing.
      const target = await commit('4.0', false, '10m');
      await eventually('the canary baking 4.0', wait, async () => {
        const r = await record();
        return r['targetRevision'] === target && r['waves']?.[0]?.['healthySince'] !== undefined ? true : undefined;
      });
      const paused = await flotilla('rollout', 'pause', `${ns}/web`, '--repo', repo);
      assert.equal(paused.status, 0, paused.stderr);
      const p = await recordAt(target, 'Paused');
      assert.equal(p['reason'], 'PausedByOperator');
      await eventually('the pause request removed', wait, async () =>
        (await gitCli(repo, 'show', 'flotilla-status:rollouts/staged/web.request.yaml').catch(() => '')) === ''
          ? true
          : undefined,
      );
      const status = await flotilla('rollout', 'status', '--repo', repo, '-o', 'json');
      assert.equal(status.status, 0, status.stderr);
      assert.equal(JSON.parse(status.stdout).rollouts[0].phase, 'Paused');
      assert.equal(await imageOn('member2'), image('3.0'));
      const resumed = await flotilla('rollout', 'resume', `${ns}/web`, '--repo', repo);
      assert.equal(resumed.status, 0, resumed.stderr);
      const r = await recordAt(target, 'Progressing');
      assert.equal(r['reason'], 'Resumed');
      // A shorter bake (the same content under a newer commit) lets the rollout finish from where it is.
      writeFileSync(path.join(repo, 'policies', 'rollout.yaml'), strategy());
      await gitCli(repo, 'commit', '--quiet', '-am', 'rollout: a short bake again');
      await recordAt(await head(), 'Done');
      await eventually('web 4.0 ready on every member', wait, () => everywhere('4.0'));
    });

    it('pods that never become ready miss the deadline at the canary: Rollback returns member1 to the last rolled-out image, ready replicas never at zero', async () => {
      const watch = sampleWhile(async () => ({
        image: await imageOn('member1'),
        ready: await readyOrUnknown('member1'),
        others: [await imageOn('member2'), await imageOn('member3')],
      }));
      let samples: { image: string | undefined; ready: number | undefined; others: (string | undefined)[] }[] = [];
      try {
        const target = await commit('5.0', true);
        const back = await recordAt(target, 'RolledBack');
        assert.match(String(back['message']), /wave canary: member1 is not healthy after 60s/);
        await eventually('member1 back on 4.0 with 2 ready', wait, async () =>
          (await imageOn('member1')) === image('4.0') && (await readyOn('member1', ns, 'web')) === 2 ? true : undefined,
        );
      } finally {
        samples = await watch.stop();
      }
      assert.ok(
        samples.some((s) => s.image === image('5.0')),
        'member1 was given 5.0',
      );
      // Samples where a member did not answer are left out.
      const ready = samples.flatMap((s) => (s.ready === undefined ? [] : [s.ready]));
      assert.ok(ready.length > 0);
      assert.ok(
        ready.every((n) => n > 0),
        `member1 ready replicas: ${ready.join(',')}`,
      );
      assert.ok(
        samples.every((s) => s.others.every((i) => i === undefined || i === image('4.0'))),
        JSON.stringify(samples.map((s) => s.others)),
      );
    });

    it('stops cleanly on SIGTERM', async () => {
      assert.equal(await controller?.stop(), 0, controller?.logs().slice(-2000));
    });
  },
);
