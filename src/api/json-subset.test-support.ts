/** The conformance cases' comparison (../shared/conformance/FORMAT.md), for tests that run cases in-process. */
import assert from 'node:assert/strict';
import { isPlainObject, type JsonValue } from './index.ts';

/**
 * Subset match: objects by the keys given, arrays element by element with equal length, scalars equal.
 * `skip` lists JSON pointers left out of the comparison.
 */
export function assertJsonSubset(
  actual: JsonValue | undefined,
  expected: JsonValue,
  at = '',
  skip: readonly string[] = [],
): void {
  if (skip.includes(at)) return;
  if (isPlainObject(expected)) {
    assert.ok(isPlainObject(actual), `${at || '/'} should be an object, is ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected))
      assertJsonSubset(actual[k], v as JsonValue, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`, skip);
  } else if (Array.isArray(expected)) {
    assert.ok(
      Array.isArray(actual) && actual.length === expected.length,
      `${at} should be a list of ${expected.length}, is ${JSON.stringify(actual)}`,
    );
    expected.forEach((v, i) => {
      assertJsonSubset(actual[i], v, `${at}/${i}`, skip);
    });
  } else {
    assert.deepEqual(actual, expected, `${at}`);
  }
}
