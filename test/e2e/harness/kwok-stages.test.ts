// The clusters' kwok Stages: the pod-ready Stage leaves pods labelled
// flotilla.io/e2e-never-ready alone; every other Stage is as built.
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { neverReadyLabel, withNeverReadyPods } from './kwok-stages.ts';

const stage = (name: string, kind: string) =>
  `apiVersion: kwok.x-k8s.io/v1alpha1\nkind: Stage\nmetadata:\n  name: ${name}\nspec:\n  resourceRef:\n    apiGroup: v1\n    kind: ${kind}\n  selector:\n    matchExpressions:\n    - key: '.metadata.deletionTimestamp'\n      operator: 'DoesNotExist'\n  next:\n    statusTemplate: |\n      phase: Running\n`;
const built = [stage('node-initialize', 'Node'), stage('pod-ready', 'Pod')].join('---\n');
const expressions = (text: string) =>
  parseAllDocuments(text).map(
    (d) => (d.toJSON() as { spec: { selector: { matchExpressions: unknown[] } } }).spec.selector.matchExpressions,
  );

describe('e2e harness: kwok stages with never-ready pods', () => {
  it('adds the DoesNotExist selector on the label to pod-ready only, keeping the templates', () => {
    const out = withNeverReadyPods(built);
    const [node, pod] = expressions(out);
    assert.deepEqual(node, [{ key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' }]);
    assert.deepEqual(pod, [
      { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
      { key: `.metadata.labels["${neverReadyLabel}"]`, operator: 'DoesNotExist' },
    ]);
    assert.match(out, /statusTemplate: \|\n\s+phase: Running/);
  });
  it('is idempotent, and refuses Stages without pod-ready', () => {
    const once = withNeverReadyPods(built);
    assert.equal(withNeverReadyPods(once), once);
    assert.throws(() => withNeverReadyPods(stage('node-initialize', 'Node')), /no pod-ready Stage/);
  });
});
