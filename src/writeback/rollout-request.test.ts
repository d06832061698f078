import assert from 'node:assert/strict';
import {
  formatRolloutRequest,
  isRolloutRequestPath,
  parseRolloutRequest,
  rolloutRequestPath,
  type RolloutRequest,
} from './rollout-request.ts';

describe('writeback/rollout-request', () => {
  const req: RolloutRequest = {
    namespace: 'shop',
    name: 'storefront',
    request: 'Abort',
    requestedAt: '2026-12-07T16:00:00.000Z',
  };
  it('reads back as written', () => assert.deepEqual(parseRolloutRequest(formatRolloutRequest(req)), req));
  it('lives beside the record, and only request files count as requests', () => {
    assert.equal(rolloutRequestPath('shop', 'storefront'), 'rollouts/shop/storefront.request.yaml');
    assert.deepEqual(
      ['rollouts/shop/storefront.request.yaml', 'rollouts/shop/storefront.yaml', 'bindings/x.request.yaml'].map(
        isRolloutRequestPath,
      ),
      [true, false, false],
    );
  });
  const bad: [string, string][] = [
    ['an unknown request', 'namespace: a\nname: b\nrequest: Promote\n'],
    ['not YAML', ': : ['],
    ['no name', 'namespace: a\nrequest: Pause\n'],
  ];
  for (const [name, text] of bad) it(`${name} is no request`, () => assert.equal(parseRolloutRequest(text), undefined));
});
