import assert from 'node:assert/strict';
import {
  cpuMillis,
  memoryBytes,
  rulesOf,
  usageExpression,
  usageObject,
  withRule,
  type UsageRule,
} from './pod-usage.ts';

describe('pod-usage: the emulated usage object of the e2e harness', () => {
  const web: UsageRule = { namespace: 'shop', selector: { app: 'web' }, cpu: '800m', memory: '256Mi' };

  it('chains the rules newest first, each resource falling back to the default', () => {
    const rules = withRule([web], { namespace: 'shop', selector: { app: 'api', tier: 'be' }, cpu: '300m' });
    assert.equal(
      usageExpression(rules, 'cpu'),
      'pod.metadata.namespace == "shop" && ("app" in pod.metadata.labels && pod.metadata.labels["app"] == "api") && ' +
        '("tier" in pod.metadata.labels && pod.metadata.labels["tier"] == "be") ? Quantity("300m") : ' +
        '(pod.metadata.namespace == "shop" && ("app" in pod.metadata.labels && pod.metadata.labels["app"] == "web") ? Quantity("800m") : (Quantity("1m")))',
    );
    assert.equal(
      usageExpression(rules, 'memory'),
      'pod.metadata.namespace == "shop" && ("app" in pod.metadata.labels && pod.metadata.labels["app"] == "web") ? Quantity("256Mi") : (Quantity("1Mi"))',
    );
  });

  it('merges a rule for the same namespace and selector and moves it first', () => {
    const api: UsageRule = { namespace: 'shop', selector: { app: 'api' }, cpu: '1' };
    const rules = withRule([api, web], { namespace: 'shop', selector: { app: 'web' }, cpu: '200m' });
    assert.deepEqual(rules, [{ ...web, cpu: '200m' }, api]);
  });

  it('round-trips the rules through the object and rejects what is not a quantity', () => {
    assert.deepEqual(rulesOf(usageObject([web]) as never), [web]);
    assert.deepEqual(rulesOf(undefined), []);
    assert.throws(() => usageObject([{ ...web, cpu: '") || true' }]), /not a resource quantity/);
  });

  for (const [q, want] of [
    ['799873210n', 799.87321],
    ['800m', 800],
    ['2', 2000],
    ['0', 0],
  ] as const) {
    it(`reads CPU ${q} as ${want} millicores`, () => assert.ok(Math.abs(cpuMillis(q) - want) < 1e-6));
  }
  for (const [q, want] of [
    ['262144Ki', 256 * 1024 * 1024],
    ['268435456', 268435456],
    ['1Mi', 1048576],
  ] as const) {
    it(`reads memory ${q} as ${want} bytes`, () => assert.equal(memoryBytes(q), want));
  }
});
