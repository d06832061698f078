/**
 * Real Flux (source-controller + kustomize-controller) on member1 and member2 following the
 * rendered branch that `flotilla reconcile` pushes to a git server, with the GitRepository and
 * Kustomization of docs/argocd-flux.md (issue 15): the everyday paths (sync, scale, move, delete)
 * and the rendered branch's contracts with Flux: values that look like YAML 1.1 dates, numbers
 * or booleans arrive as the same strings; a change touches only its own object; an emptied
 * namespace stays with what people put in it; a cluster left with nothing is pruned, not stuck.
 */
import assert from 'node:assert/strict';
import { e2eEnabled, getJson, kubectl, members } from '../cluster/harness.ts';
import { gitCli } from '../git/helpers/workspace.ts';
import { configMapYaml, deploymentYaml, namespacesYaml, placeOn, trickyData } from './fixtures.ts';
import { fluxSyncedTo, installFluxObjects, startFluxFleet, type FluxFleet } from './flux-fleet.ts';
import { buildFlux, startFlux, type FluxRig } from './flux-rig.ts';

const apps = 'flux-apps';
const tmp = 'flux-tmp';
const fluxOn = ['member1', 'member2'] as const;

const initial: Record<string, string> = {
  'apps/namespaces.yaml': namespacesYaml(apps, tmp),
  'apps/web.yaml': deploymentYaml(apps, 'web', 2),
  'apps/worker.yaml': deploymentYaml(apps, 'worker', 1),
  'apps/cache.yaml': deploymentYaml(apps, 'cache', 1),
  'apps/settings.yaml': configMapYaml(apps, 'settings', { mode: 'active' }),
  'apps/tmp.yaml': configMapYaml(tmp, 'tmp', { purpose: 'the only flotilla object of its namespace' }),
  'policies/web.yaml': placeOn(apps, 'Deployment', 'web', ['member1']),
  'policies/worker.yaml': placeOn(apps, 'Deployment', 'worker', ['member1']),
  'policies/cache.yaml': placeOn(apps, 'Deployment', 'cache', ['member2']),
  'policies/settings.yaml': placeOn(apps, 'ConfigMap', 'settings', ['member1']),
  'policies/tmp.yaml': placeOn(tmp, 'ConfigMap', 'tmp', ['member1']),
};

const get = (ctx: string, kind: string, name: string, ns = apps) => getJson(ctx, kind, name, '-n', ns);
const replicas = async (ctx: string, name: string) =>
  (await get(ctx, 'deployment', name))?.['spec']?.['replicas'] as number | undefined;

(e2eEnabled ? describe : describe.skip)(
  'Flux follows the rendered branch (e2e, real source- and kustomize-controller)',
  function () {
    this.timeout(300_000);
    let fleet: FluxFleet | undefined;
    const flux: FluxRig[] = [];

    /** Renders the fleet's tip with the real CLI; waits until both members' Flux applied it. */
    async function publish(
      changes: Readonly<Record<string, string | null>>,
      message: string,
      on: readonly string[] = fluxOn,
    ): Promise<string> {
      if (!fleet) throw new Error('no fleet');
      await fleet.push(changes, message);
      const sha = await fleet.reconcile();
      await Promise.all(on.map((ctx) => fluxSyncedTo(ctx, sha)));
      return sha;
    }

    before(async function () {
      this.timeout(3_600_000); // a cold Flux build, then two members' controllers
      await buildFlux();
      await members();
      for (const ctx of fluxOn) flux.push(await startFlux(ctx));
      fleet = await startFluxFleet(initial);
    });
    after(async function () {
      this.timeout(60_000);
      await Promise.all(flux.map((f) => f.stop()));
      await fleet?.cleanup();
    });

    it('initial sync: each member gets its own folder, from the objects of the doc', async () => {
      if (!fleet) throw new Error('no fleet');
      await fleet.reconcile();
      for (const ctx of fluxOn) await installFluxObjects(ctx, fleet, ctx);
      const sha = await fleet.renderedTip();
      await Promise.all(fluxOn.map((ctx) => fluxSyncedTo(ctx, sha)));
      assert.equal(await replicas('member1', 'web'), 2);
      assert.equal(await replicas('member1', 'worker'), 1);
      assert.equal(await replicas('member2', 'cache'), 1);
      assert.equal(await replicas('member2', 'web'), undefined);
      const web = await get('member1', 'deployment', 'web');
      assert.equal(web?.['metadata']?.['labels']?.['app.kubernetes.io/managed-by'], 'flotilla');
      assert.equal(web?.['metadata']?.['labels']?.['kustomize.toolkit.fluxcd.io/name'], 'fleet');
    });

    it('a scale changes the Deployment and leaves every other object untouched (no per-revision churn)', async () => {
      const before = await get('member1', 'configmap', 'settings');
      const sha = await publish({ 'apps/web.yaml': deploymentYaml(apps, 'web', 4) }, 'Scale web to 4');
      assert.equal(await replicas('member1', 'web'), 4);
      const after = await get('member1', 'configmap', 'settings');
      assert.equal(
        after?.['metadata']?.['resourceVersion'],
        before?.['metadata']?.['resourceVersion'],
        'the ConfigMap was rewritten by an unrelated change',
      );
      const message = await renderedMessage(sha);
      assert.match(message, /Flotilla-Source: [0-9a-f]{40}/);
      assert.equal(after?.['metadata']?.['annotations']?.['flotilla.io/revision'], undefined);
    });

    it('a move: web leaves member1 (pruned there) and arrives on member2', async () => {
      await publish({ 'policies/web.yaml': placeOn(apps, 'Deployment', 'web', ['member2']) }, 'Move web to member2');
      assert.equal(await replicas('member2', 'web'), 4);
      assert.equal(await replicas('member1', 'web'), undefined);
    });

    it('a deletion: worker removed from the fleet is pruned from member1', async () => {
      await publish({ 'apps/worker.yaml': null, 'policies/worker.yaml': null }, 'Remove worker');
      assert.equal(await replicas('member1', 'worker'), undefined);
      assert.ok(await get('member1', 'configmap', 'settings'), 'the other objects stay');
    });

    it('a namespace emptied of flotilla objects stays, with the Secret someone made in it', async () => {
      await kubectl('member1', 'create', 'secret', 'generic', 'keep-me', '-n', tmp, '--from-literal=token=hand-made');
      await publish({ 'apps/tmp.yaml': null, 'policies/tmp.yaml': null }, 'Remove the last object of flux-tmp');
      assert.equal(await get('member1', 'configmap', 'tmp', tmp), undefined);
      const ns = await getJson('member1', 'namespace', tmp);
      assert.ok(ns, `namespace ${tmp} was deleted`);
      assert.equal(ns['metadata']?.['deletionTimestamp'], undefined, `namespace ${tmp} is being deleted`);
      assert.ok(await get('member1', 'secret', 'keep-me', tmp), 'the hand-made Secret was deleted');
    });

    it('a cluster that loses everything: its Kustomization applies the empty folder and prunes all it had', async () => {
      await publish(
        {
          'apps/cache.yaml': null,
          'policies/cache.yaml': null,
          'policies/web.yaml': placeOn(apps, 'Deployment', 'web', ['member1']),
        },
        'Nothing left on member2',
      );
      assert.equal(await replicas('member2', 'web'), undefined);
      assert.equal(await replicas('member2', 'cache'), undefined);
      assert.equal(await replicas('member1', 'web'), 4);
      assert.ok(await getJson('member2', 'namespace', apps), `namespace ${apps} stays on member2`);
    });

    it('values that read as YAML 1.1 dates, numbers, booleans or null arrive as the same strings', async () => {
      await publish(
        {
          'apps/scalars.yaml': configMapYaml(apps, 'scalars', trickyData()),
          'policies/scalars.yaml': placeOn(apps, 'ConfigMap', 'scalars', ['member1']),
        },
        'Add tricky scalars',
        ['member1'],
      );
      const cm = await get('member1', 'configmap', 'scalars');
      assert.deepEqual(cm?.['data'], trickyData());
    });

    async function renderedMessage(sha: string): Promise<string> {
      if (!fleet) throw new Error('no fleet');
      await gitCli(fleet.work, 'fetch', '--quiet', 'origin', 'flotilla-rendered');
      return gitCli(fleet.work, 'log', '-1', '--format=%B', sha);
    }
  },
);
