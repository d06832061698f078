import assert from 'node:assert/strict';
import * as override from './index.ts';

describe('src/override public surface (STYLE Q6)', () => {
  it('exports exactly what the render stage calls, the rule matching the render check of the plan classes clusters by, and the go-yaml v2 resolver the rendered tree quotes by', () => {
    assert.deepEqual(Object.keys(override).sort(), [
      'applyOverrides',
      'matchingRuleIndexes',
      'resolvePlain',
      'selectOverridePolicies',
    ]);
  });
});
