/** Q6: a snapshot of src/status's exports, and B2/D1 purity for this folder (not in the architecture test's core list). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as status from './index.ts';

describe('status: public surface and purity', () => {
  it('exports exactly these values', () => {
    assert.deepEqual(Object.keys(status).sort(), [
      'addSeconds',
      'applicationFailoverProducers',
      'applyEvictions',
      'applyTaintPolicies',
      'assessEvictionTasks',
      'buildPreservedLabelState',
      'clusterPurgeMode',
      'compareDecisions',
      'compareTaints',
      'conditionMatches',
      'dampedCondition',
      'decideApplicationEvictions',
      'decideEvictions',
      'decideFailover',
      'declaredAgain',
      'defaultEvictionSettings',
      'defaultHealthSettings',
      'describeDecision',
      'evictDecisions',
      'evictionProducerTaintManager',
      'evictionReasonApplicationFailure',
      'evictionReasonTaintUntolerated',
      'formatInstant',
      'instant',
      'isAfter',
      'keepPreservedState',
      'keepRecordedClusterTimes',
      'keepRecordedTaskTimes',
      'keepRecordedUnhealthySince',
      'normalizePurgeMode',
      'notReadyTaintKey',
      'observeClusterHealth',
      'probeCondition',
      'purgeDecisions',
      'readPreservedLabels',
      'readyReasons',
      'removedClusters',
      'staleCondition',
      'statePreservationRules',
      'taintEvictionTask',
      'trackUnhealthy',
      'unreachableTaintKey',
      'unrecordedDecisions',
    ]);
  });

  const dir = import.meta.dirname;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()) {
    it(`${file} reads no clock, randomness, environment or I/O`, () => {
      const code = readFileSync(path.join(dir, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      for (const re of [
        /\bDate\.now\(/,
        /new Date\(\)/,
        /\bMath\.random\(/,
        /\bprocess\./,
        /\bperformance\./,
        /\blocaleCompare\(/,
        /\bIntl\./,
        /\bconsole\./,
        /from ['"](node:)?(fs|net|http|https|child_process|os)['"]/,
      ]) {
        assert.ok(!re.test(code), `${file} matches ${re}`);
      }
      for (const m of code.matchAll(/from\s+['"](\.\.\/[^/'"]+)/g))
        assert.ok(['../api', '../scheduler'].includes(m[1] ?? ''), `${file} imports ${m[1]}`);
    });
  }
});
