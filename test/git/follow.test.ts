/**
 * Following a branch: a push is seen through the webhook (GitHub-signed delivery) and through
 * polling; the webhook endpoint rejects unsigned, replayed and oversized requests.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { follow } from '../../src/controller/reconcile-follow.ts';
import type { ReconcileOutcome } from '../../src/controller/reconcile.ts';
import { signBody } from '../../src/source/index.ts';
import { remoteContext, startFleetRig, type FleetRig } from './helpers/fleet.ts';
import { commitAndPush } from './helpers/workspace.ts';

const secret = 'hook-secret';
const never = '0 0 1 1 *';

/** Runs `follow` and lets the test wait for an outcome matching a predicate. */
async function following(rig: FleetRig, pollSchedule: string, webhook: boolean) {
  const ctx = await remoteContext(rig, 'cache');
  const outcomes: ReconcileOutcome[] = [];
  const waiters: { pred: (o: ReconcileOutcome) => boolean; resolve: (o: ReconcileOutcome) => void }[] = [];
  const controller = new AbortController();
  let address: string | undefined;
  let stopped: Promise<void> = Promise.resolve();
  const ready = new Promise<void>((resolve) => {
    const done = follow(ctx, {
      pollSchedule,
      webhook: webhook ? { listen: '127.0.0.1:0', secret } : undefined,
      watch: false,
      signal: controller.signal,
      onOutcome: (o) => {
        outcomes.push(o);
        for (const w of waiters.splice(0))
          if (w.pred(o)) w.resolve(o);
          else waiters.push(w);
      },
      onReady: (r) => {
        address = r.webhook;
        resolve();
      },
    });
    stopped = done;
  });
  await ready;
  return {
    outcomes,
    address: () => address ?? '',
    waitFor: (pred: (o: ReconcileOutcome) => boolean) =>
      new Promise<ReconcileOutcome>((resolve) => {
        const hit = outcomes.find(pred);
        if (hit) resolve(hit);
        else waiters.push({ pred, resolve });
      }),
    stop: async () => {
      controller.abort();
      await stopped;
    },
  };
}

function post(address: string, body: string, headers: Record<string, string>) {
  return fetch(`http://${address}/webhook`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('follow a branch (poll and webhook)', function () {
  this.timeout(60000);
  let rig: FleetRig;
  beforeEach(async () => {
    rig = await startFleetRig();
  });
  afterEach(async () => {
    await rig.cleanup();
  });

  it('plans a push announced by a signed GitHub webhook', async () => {
    const f = await following(rig, never, true);
    try {
      assert.equal(f.outcomes[0]?.kind, 'applied');
      writeFileSync(
        path.join(rig.work, 'apps', 'shop', 'extra.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: shop\n',
      );
      const sha = await commitAndPush(rig.work, 'Add a ConfigMap');
      const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
      const res = await post(f.address(), body, {
        'x-github-event': 'push',
        'x-github-delivery': 'd-1',
        'x-hub-signature-256': `sha256=${signBody(Buffer.from(body), secret)}`,
      });
      assert.equal(res.status, 202);
      const o = await f.waitFor((x) => x.kind !== 'failed' && x.revision === sha);
      assert.equal(o.kind, 'applied');
      const replay = await post(f.address(), body, {
        'x-github-event': 'push',
        'x-github-delivery': 'd-1',
        'x-hub-signature-256': `sha256=${signBody(Buffer.from(body), secret)}`,
      });
      assert.equal(replay.status, 409);
    } finally {
      await f.stop();
    }
  });

  it('rejects unsigned, wrongly signed and oversized deliveries', async () => {
    const f = await following(rig, never, true);
    try {
      const body = JSON.stringify({ ref: 'refs/heads/main', after: 'x' });
      assert.equal((await post(f.address(), body, {})).status, 401);
      assert.equal(
        (
          await post(f.address(), body, {
            'x-github-event': 'push',
            'x-github-delivery': 'd-2',
            'x-hub-signature-256': `sha256=${signBody(Buffer.from(body), 'other')}`,
          })
        ).status,
        401,
      );
      assert.equal(
        (
          await post(f.address(), body, {
            'x-gitlab-event': 'Push Hook',
            'x-gitlab-event-uuid': 'd-3',
            'x-gitlab-token': 'nope',
          })
        ).status,
        401,
      );
      const big = 'x'.repeat(1024 * 1024 + 1);
      assert.equal(
        (
          await post(f.address(), big, {
            'x-github-event': 'push',
            'x-github-delivery': 'd-4',
            'x-hub-signature-256': `sha256=${signBody(Buffer.from(big), secret)}`,
          })
        ).status,
        413,
      );
      assert.equal(f.outcomes.length, 1);
    } finally {
      await f.stop();
    }
  });

  it('plans a push found by polling', async () => {
    const f = await following(rig, '* * * * * *', false);
    try {
      const sha = await commitAndPush(rig.work, 'An empty commit');
      const o = await f.waitFor((x) => x.kind !== 'failed' && x.revision === sha);
      assert.equal(o.kind, 'applied');
    } finally {
      await f.stop();
    }
  });
});
