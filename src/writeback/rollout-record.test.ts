/** The rollout record reads back exactly as written, so a restarted controller continues where the rollout was. */
import assert from 'node:assert/strict';
import { decideRollout, type RolloutState } from '../rollout/index.ts';
import { canaryThenRest } from '../rollout/specs.test-support.ts';
import {
  formatRolloutRecord,
  parseRolloutRecord,
  rolloutCommitMessage,
  rolloutPruneMessage,
  rolloutRecordPath,
} from './rollout-record.ts';

const spec = canaryThenRest(60, { kind: 'Count', count: 1 });
const contents = (rev: string) => ({ revision: rev, contents: { a: `${rev}-a`, b: `${rev}-b`, c: `${rev}-c` } });

function passes(): RolloutState[] {
  const out: RolloutState[] = [];
  let previous: RolloutState | undefined;
  for (const [now, healthy] of [
    [0, []],
    [30, ['a']],
    [100, ['a']],
    [200, ['a', 'b']],
  ] as [number, string[]][]) {
    const d = decideRollout({
      spec,
      inventory: [],
      baseline: contents('v1'),
      target: contents('v2'),
      previous,
      health: Object.fromEntries(healthy.map((n) => [n, { kind: 'Healthy' }])),
      failoverTargets: [],
      request: undefined,
      now,
    });
    out.push(d.state);
    previous = d.state;
  }
  return out;
}

describe('writeback/rollout-record', () => {
  passes().forEach((s, i) => {
    it(`pass ${i} (${s.phase}, wave ${s.currentWave}) reads back as written`, () =>
      assert.deepEqual(parseRolloutRecord(formatRolloutRecord(s)), s));
  });
  const bad: [string, string][] = [
    ['not YAML', ': : ['],
    ['not a record', 'a: 1\n'],
    [
      'an unknown phase',
      'namespace: a\nname: b\ntargetRevision: c\nphase: Sideways\ncurrentWave: 0\nwaves: []\nclusters: []\n',
    ],
  ];
  for (const [name, text] of bad) it(`${name} is no record`, () => assert.equal(parseRolloutRecord(text), undefined));
  it('lives under rollouts/<namespace>/<name>.yaml', () =>
    assert.equal(rolloutRecordPath('shop', 'storefront'), 'rollouts/shop/storefront.yaml'));
  it('a transition commit carries the rollout decision trailer', () => {
    const d = decideRollout({
      spec,
      inventory: [],
      baseline: contents('v1'),
      target: contents('v2'),
      previous: undefined,
      health: {},
      failoverTargets: [],
      request: undefined,
      now: 0,
    });
    assert.equal(
      rolloutCommitMessage(d.state, d.transitions, 'abc123'),
      'flotilla: rollout shop/storefront: Started, WaveStarted canary\n\nrevision v2 differs from the rolled-out one; starting with wave canary\nwave canary started (1 cluster(s))\n\nFlotilla-Source: abc123\nFlotilla-Decision: rollout\n',
    );
  });

  it('the prune commit names each removed strategy, with the rollout trailer', () =>
    assert.equal(
      rolloutPruneMessage(
        [
          { namespace: 'shop', name: 'api' },
          { namespace: 'shop', name: 'storefront' },
        ],
        'abc123',
      ),
      'flotilla: rollout records pruned: shop/api, shop/storefront\n\nRolloutStrategy shop/api is no longer in the fleet repo: its record is removed\nRolloutStrategy shop/storefront is no longer in the fleet repo: its record is removed\n\nFlotilla-Source: abc123\nFlotilla-Decision: rollout\n',
    ));
});
