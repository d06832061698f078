import assert from 'node:assert/strict';
import * as override from './index.ts';

describe('src/override public surface (STYLE Q6)', () => {
  it('exports exactly what the render stage calls', () => {
    assert.deepEqual(Object.keys(override).sort(), ['applyOverrides', 'selectOverridePolicies']);
  });
});
