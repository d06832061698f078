import assert from 'node:assert/strict';
import type { LabelSelector } from './karmada.ts';
import { matchesLabelSelector } from './label-selector.ts';

describe('matchesLabelSelector', () => {
  const cases: {
    name: string;
    selector: LabelSelector | undefined;
    labels: Record<string, string> | undefined;
    want: boolean;
  }[] = [
    { name: 'nil selector matches everything', selector: undefined, labels: undefined, want: true },
    { name: 'empty selector matches everything', selector: {}, labels: { a: '1' }, want: true },
    { name: 'matchLabels equal', selector: { matchLabels: { env: 'prod' } }, labels: { env: 'prod' }, want: true },
    { name: 'matchLabels differ', selector: { matchLabels: { env: 'prod' } }, labels: { env: 'dev' }, want: false },
    { name: 'matchLabels missing key', selector: { matchLabels: { env: 'prod' } }, labels: undefined, want: false },
    {
      name: 'In present',
      selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'prod'] }] },
      labels: { env: 'prod' },
      want: true,
    },
    {
      name: 'In absent',
      selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
      labels: {},
      want: false,
    },
    {
      name: 'NotIn absent key matches',
      selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
      labels: {},
      want: true,
    },
    {
      name: 'NotIn listed value',
      selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
      labels: { env: 'prod' },
      want: false,
    },
    {
      name: 'Exists',
      selector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] },
      labels: { env: '' },
      want: true,
    },
    {
      name: 'DoesNotExist',
      selector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] },
      labels: { env: 'x' },
      want: false,
    },
    {
      name: 'In without values is invalid: no match',
      selector: { matchExpressions: [{ key: 'env', operator: 'In', values: [] }] },
      labels: { env: 'x' },
      want: false,
    },
    {
      name: 'invalid requirement spoils the selector',
      selector: {
        matchExpressions: [
          { key: 'a', operator: 'Exists', values: ['x'] },
          { key: 'b', operator: 'DoesNotExist' },
        ],
      },
      labels: { a: '1' },
      want: false,
    },
    {
      name: 'labels and expressions are ANDed',
      selector: { matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] },
      labels: { a: '1' },
      want: false,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(matchesLabelSelector(c.selector, c.labels), c.want));
});
