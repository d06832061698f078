import assert from 'node:assert/strict';
import {
  addQuantities,
  canonicalQuantity,
  formatQuantity,
  isQuantity,
  parseMilli,
  parseQuantity,
  parseUnits,
  quantityFloat,
  quantityMilliValue,
  quantityValue,
} from './quantity.ts';

const sum = (...qs: string[]): string =>
  formatQuantity(addQuantities(...qs.map((q) => parseQuantity(q) ?? assert.fail(`bad quantity ${q}`))));

describe('api/quantity: milli-units and whole units', () => {
  const cases: [string | number, bigint | undefined][] = [
    ['1', 1000n],
    ['100m', 100n],
    ['1.5', 1500n],
    ['1Ki', 1024000n],
    ['2Gi', 2n * 1024n ** 3n * 1000n],
    ['1.5Ki', 1536000n],
    ['1k', 1000000n],
    ['1e3', 1000000n],
    ['0.1m', 1n],
    [3, 3000n],
    [1e21, 10n ** 24n],
    [' 2 ', 2000n],
    ['abc', undefined],
    ['1Xi', undefined],
    [Number.NaN, undefined],
  ];
  for (const [q, want] of cases) it(`parses ${q} to ${want} milli-units`, () => assert.equal(parseMilli(q), want));
  for (const [q, want] of cases)
    it(`${q} is ${want === undefined ? 'not ' : ''}a quantity`, () => assert.equal(isQuantity(q), want !== undefined));
  it('rounds whole units up', () => assert.equal(parseUnits('1500m'), 2n));
});

describe('api/quantity: canonical Kubernetes quantities', () => {
  const sums: readonly [string, readonly string[], string][] = [
    ['millicores add up', ['100m', '200m'], '300m'],
    ['binary sizes keep the binary suffix', ['1Gi', '512Mi'], '1536Mi'],
    ['a whole core plus millicores', ['1', '500m'], '1500m'],
    ['whole cores', ['500m', '500m'], '1'],
    ['decimal exponent is kept', ['1e3', '1e3'], '2e3'],
    ['the first non-zero operand sets the format', ['0', '1Gi'], '1Gi'],
    ['decimal first stays decimal', ['1000', '1Ki'], '2024'],
    ['binary that is not whole prints decimal', ['1Ki', '500m'], '1024500m'],
    ['kilo', ['500', '500'], '1k'],
    ['mega', ['1M', '1M'], '2M'],
    ['no operands', [], '0'],
  ];
  for (const [name, qs, want] of sums) it(`${name}: ${qs.join(' + ')} = ${want}`, () => assert.equal(sum(...qs), want));

  const canonical: readonly [string | number, string | undefined][] = [
    ['1.5', '1500m'],
    ['0.5Ki', '512'],
    ['2048Ki', '2Mi'],
    ['1025Ki', '1025Ki'],
    ['1500000000', '1500M'],
    ['10k', '10k'],
    ['1E3', '1e3'],
    ['-1Gi', '-1Gi'],
    ['0.1n', '1n'],
    [1, '1'],
    [0.25, '250m'],
    ['1.5G', '1500M'],
    ['abc', undefined],
    ['1Qi', undefined],
  ];
  for (const [input, want] of canonical)
    it(`canonical ${JSON.stringify(input)} → ${want}`, () => assert.equal(canonicalQuantity(input), want));

  it('values round up as Quantity.Value and MilliValue do', () => {
    const q = parseQuantity('1500m') ?? assert.fail();
    assert.deepEqual([quantityValue(q), quantityMilliValue(q), quantityFloat(q)], [2n, 1500n, 1.5]);
    assert.equal(quantityMilliValue(parseQuantity('0.1m') ?? assert.fail()), 1n);
  });
});
