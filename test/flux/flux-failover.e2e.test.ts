/**
 * Flux follows a failover (issue 15): `flotilla controller` watches member1 and member2, a
 * Deployment divided 2/2 over them; member2's apiserver stops, the controller fails over and
 * re-renders (4 replicas in member1's folder), then purges member2's copy from the rendered branch
 * once the replacement is healthy. Flux on member1 scales the Deployment; Flux on member2, once its
 * apiserver is back, prunes the old copy. The controller runs with --prune false, so the pruning
 * seen on member2 is Flux's (it also applies, with --force-conflicts so that the two field
 * managers never block each other on the replica count).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { equalWeights, fastFailoverFlags, policyYaml } from '../cluster/controller-rig.ts';
import { e2eEnabled, eventually, getJson, members, startMember, stopMember } from '../cluster/harness.ts';
import { childEnv, startFlotilla, type FlotillaProcess } from '../git/helpers/cli-process.ts';
import { gitCli } from '../git/helpers/workspace.ts';
import { deploymentYaml, namespacesYaml } from './fixtures.ts';
import { fluxSyncedTo, installFluxObjects, startFluxFleet, type FluxFleet } from './flux-fleet.ts';
import { buildFlux, startFlux, type FluxRig } from './flux-rig.ts';

const ns = 'flux-failover';
const fluxOn = ['member1', 'member2'] as const;
const replicas = async (ctx: string) =>
  (await getJson(ctx, 'deployment', 'api', '-n', ns))?.['spec']?.['replicas'] as number | undefined;

(e2eEnabled ? describe : describe.skip)(
  'Flux follows a failover of flotilla controller (e2e, real Flux and members)',
  function () {
    this.timeout(300_000);
    let fleet: FluxFleet | undefined;
    let controller: FlotillaProcess | undefined;
    const flux: FluxRig[] = [];

    const tip = () => {
      if (!fleet) throw new Error('no fleet');
      return fleet.renderedTip();
    };
    /** The rendered branch's tip once `accept` holds for member `cluster`'s api file there ('' when absent). */
    async function renderedWhen(what: string, cluster: string, accept: (file: string) => boolean): Promise<string> {
      return eventually(what, 150_000, async () => {
        if (!fleet) throw new Error('no fleet');
        await gitCli(fleet.work, 'fetch', '--quiet', 'origin', 'flotilla-rendered');
        const file = await gitCli(fleet.work, 'show', `FETCH_HEAD:clusters/${cluster}/${ns}/deployment-api.yaml`).catch(
          () => '',
        );
        return accept(file) ? (await gitCli(fleet.work, 'rev-parse', 'FETCH_HEAD')).trim() : undefined;
      });
    }

    before(async function () {
      this.timeout(3_600_000);
      await buildFlux();
      const { kubeconfig } = await members();
      for (const ctx of fluxOn) flux.push(await startFlux(ctx));
      fleet = await startFluxFleet({
        'apps/namespace.yaml': namespacesYaml(ns),
        'apps/api.yaml': deploymentYaml(ns, 'api', 4),
        'policies/api.yaml': policyYaml(ns, 'api', {
          failover: { cluster: { purgeMode: 'Gracefully' } },
          placement: equalWeights([...fluxOn]),
        }),
      });
      const env = childEnv(path.join(fleet.scratch, 'home'), {
        FLOTILLA_GIT_USERNAME: fleet.server.user,
        FLOTILLA_GIT_PASSWORD: fleet.server.password,
      });
      controller = startFlotilla(
        [
          'controller',
          '--repo',
          fleet.url,
          '--kubeconfig',
          kubeconfig,
          '--listen',
          '127.0.0.1:0',
          '--cache-dir',
          path.join(fleet.scratch, 'controller-cache'),
          '--prune',
          'false',
          '--force-conflicts',
          ...fastFailoverFlags,
        ],
        fleet.scratch,
        env,
      );
      await eventually('the first rendered commit', 120_000, () => tip().catch(() => undefined));
      for (const ctx of fluxOn) await installFluxObjects(ctx, fleet, ctx);
    });
    after(async function () {
      this.timeout(120_000);
      controller?.kill();
      await startMember('member2').catch(() => undefined);
      await Promise.all(flux.map((f) => f.stop()));
      await fleet?.cleanup();
    });

    it("Flux applies the controller's rendered commit: 2/2 over member1 and member2", async () => {
      await Promise.all(fluxOn.map((ctx) => fluxSyncedTo(ctx, tip)));
      assert.deepEqual([await replicas('member1'), await replicas('member2')], [2, 2]);
    });

    it("member2 stops: the failover commit moves its replicas into member1's folder and Flux there scales to 4", async () => {
      await stopMember('member2');
      const failover = await renderedWhen('member1 rendered with 4 replicas', 'member1', (f) =>
        /replicas: 4\b/.test(f),
      );
      const ks = await fluxSyncedTo('member1', failover);
      assert.equal(await replicas('member1'), 4);
      const inventory =
        (ks['status']?.['inventory']?.['entries'] as Array<{ id: string }> | undefined)?.map((e) => e.id) ?? [];
      assert.ok(inventory.includes(`${ns}_api_apps_Deployment`), `Flux's inventory: ${inventory.join(', ')}`);
    });

    it("the purge drops member2's copy from the rendered branch; back up, member2's Flux prunes it and keeps the Namespace", async () => {
      await renderedWhen("member2's copy purged from the rendered branch", 'member2', (f) => f === '');
      await startMember('member2');
      await fluxSyncedTo('member2', tip, { failFast: false }); // its first attempts may meet an apiserver still starting
      assert.equal(await replicas('member2'), undefined);
      assert.ok(await getJson('member2', 'namespace', ns), 'the Namespace stays');
      assert.equal(await replicas('member1'), 4);
    });
  },
);
