import assert from 'node:assert/strict';
import { UsageError } from '../api/index.ts';
import { isSelected, parseLabelSelector, selectionFrom } from './selection.ts';

describe('parseLabelSelector: kubectl selector text', () => {
  const labels = { app: 'web', tier: 'front', env: 'prod' };
  const cases: readonly { text: string; matches: boolean }[] = [
    { text: 'app=web', matches: true },
    { text: 'app==web', matches: true },
    { text: 'app = web', matches: true },
    { text: 'app=db', matches: false },
    { text: 'app!=db', matches: true },
    { text: 'missing!=x', matches: true },
    { text: 'env in (prod,staging)', matches: true },
    { text: 'env in (staging, dev)', matches: false },
    { text: 'env notin (dev)', matches: true },
    { text: 'tier', matches: true },
    { text: '!tier', matches: false },
    { text: '!canary', matches: true },
    { text: 'app=web,env in (prod,dev),!canary', matches: true },
    { text: 'app=web,tier=back', matches: false },
    { text: 'example.com/team=a', matches: false },
    { text: 'app=', matches: false },
  ];
  for (const c of cases)
    it(`${c.text} ${c.matches ? 'matches' : 'does not match'}`, () =>
      assert.equal(
        isSelected({ namespace: undefined, selector: parseLabelSelector(c.text) }, 'shop', labels),
        c.matches,
      ));
  for (const bad of ['a,,b', 'env in prod', '=x', 'app=web)']) {
    it(`refuses "${bad}"`, () => assert.throws(() => parseLabelSelector(bad), UsageError));
  }
});

describe('selectionFrom: -n, -A, -l', () => {
  it('-n keeps its namespace and leaves out cluster-scoped objects', () => {
    const s = selectionFrom({ namespace: 'shop', 'all-namespaces': false, selector: undefined });
    assert.deepEqual(
      [isSelected(s, 'shop', {}), isSelected(s, 'payments', {}), isSelected(s, undefined, {})],
      [true, false, false],
    );
  });
  it('-A (or nothing) takes every namespace', () => {
    const s = selectionFrom({ namespace: undefined, 'all-namespaces': true, selector: undefined });
    assert.deepEqual([isSelected(s, 'shop', undefined), isSelected(s, undefined, undefined)], [true, true]);
  });
  it('-n with -A is a usage error', () =>
    assert.throws(() => selectionFrom({ namespace: 'shop', 'all-namespaces': true, selector: undefined }), UsageError));
});
