/**
 * A failover decision whose status push is rejected (someone else pushed to the status branch
 * meanwhile) is re-applied on the new tip: the decision is committed exactly once and the other
 * commit is kept (issue 10). The example fleet's members have no credentials here, so every one
 * is unreachable: real git server, real controller pass, injected clock (Q7).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ControllerContext } from '../../src/controller/fleet-pass.ts';
import { runPass } from '../../src/controller/fleet-pass.ts';
import { defaultEvictionSettings, defaultHealthSettings } from '../../src/status/index.ts';
import { remoteContext, startFleetRig, testTime, type FleetRig } from './helpers/fleet.ts';
import { cloneRepo, commitAndPush, gitCli } from './helpers/workspace.ts';

describe('controller pass: a rejected status push during a failover decision', function () {
  this.timeout(90000);
  let rig: FleetRig;
  beforeEach(async () => {
    rig = await startFleetRig();
  });
  afterEach(async () => {
    await rig.cleanup();
  });

  const members = {
    credentials: { contextMap: new Map<string, string>() },
    timeoutMs: 2000,
    requestTimeoutMs: 1000,
    prune: true,
    forceConflicts: false,
  };

  it('is retried on the new tip without losing or duplicating the decision', async () => {
    const base = await remoteContext(rig, 'cache');
    const first: ControllerContext = {
      ...base,
      members,
      health: defaultHealthSettings,
      eviction: defaultEvictionSettings,
    };
    const o1 = await runPass(first);
    assert.equal(o1.kind, 'passed');
    const person = await cloneRepo(rig.server.authUrl('fleet'), rig.root, 'person');
    await gitCli(person, 'checkout', '--quiet', 'flotilla-status');
    let pushed = '';
    // Past Karmada's failover eviction timeout (300s): the NoExecute taints are added now.
    const later = new Date(testTime.getTime() + 400_000);
    const second: ControllerContext = {
      ...first,
      now: () => later,
      faults: {
        beforePublish: async (branch, attempt) => {
          if (branch !== 'flotilla-status' || attempt !== 1) return;
          writeFileSync(path.join(person, 'ONCALL.md'), 'paged at 03:05\n');
          pushed = await commitAndPush(person, 'On-call note', 'flotilla-status');
        },
      },
    };
    const o2 = await runPass(second);
    assert.equal(o2.kind, 'passed');
    if (o2.kind !== 'passed') return;
    assert.ok(
      o2.decisions.some((d) => d.kind === 'failover'),
      'the pass decided a failover',
    );
    assert.equal(o2.status.kind, 'committed');
    if (o2.status.kind === 'committed') assert.equal(o2.status.attempts, 2);
    await gitCli(rig.work, 'fetch', '--quiet', 'origin');
    const bodies = (await gitCli(rig.work, 'log', '--format=%H%n%B%x00', 'origin/flotilla-status')).split('\u0000');
    assert.ok(
      bodies.some((b) => b.trim().startsWith(pushed)),
      "the person's commit is kept",
    );
    assert.equal(
      bodies.filter((b) => /added taint cluster\.karmada\.io\/not-ready:NoExecute/.test(b)).length,
      1,
      'the NoExecute failover decision is committed once',
    );
    assert.equal(
      bodies.filter((b) => /^Flotilla-Decision: failover$/m.test(b)).length,
      2,
      'NoSchedule on the first pass, NoExecute on the second',
    );
    assert.equal(await gitCli(rig.work, 'show', 'origin/flotilla-status:ONCALL.md'), 'paged at 03:05\n');
    const cluster = await gitCli(rig.work, 'show', 'origin/flotilla-status:clusters/aws-euw.yaml').catch(() => '');
    assert.match(cluster, /cluster\.karmada\.io\/not-ready/);
  });
});
