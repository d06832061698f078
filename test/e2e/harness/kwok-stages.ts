// kwok's Stages as the clusters run them: the defaults `build` copied from the
// pinned kwok module, with one addition to the pod-ready Stage, so that a
// test can make pods that never become ready: a pod labelled
// flotilla.io/e2e-never-ready stays Pending and not ready (a bad revision in
// the staged-rollout tests). Every other pod behaves as kwok's default.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The label that keeps a pod from becoming ready under these Stages. */
export const neverReadyLabel = 'flotilla.io/e2e-never-ready';

const neverReadyExpression = {
  key: `.metadata.labels["${neverReadyLabel}"]`,
  operator: 'DoesNotExist',
};

/** The Stages text with the never-ready selector on the pod-ready Stage (unchanged when it is already there). */
export function withNeverReadyPods(stages: string): string {
  const docs = parseAllDocuments(stages);
  let found = false;
  for (const doc of docs) {
    if (doc.getIn(['metadata', 'name']) !== 'pod-ready') continue;
    found = true;
    const exprs = doc.getIn(['spec', 'selector', 'matchExpressions']) as { toJSON(): unknown } | undefined;
    const list = (exprs?.toJSON() ?? []) as { key?: string }[];
    if (!list.some((e) => e.key === neverReadyExpression.key))
      doc.setIn(['spec', 'selector', 'matchExpressions'], [...list, neverReadyExpression]);
  }
  if (!found) throw new Error('kwok stages: no pod-ready Stage to add the never-ready selector to');
  // A document after the first prints its own `---` marker.
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
}

/** Writes the clusters' Stages into the state directory (from the built defaults) and returns its path. */
export function clusterStages(builtStages: string, stateDir: string): string {
  const file = path.join(stateDir, 'kwok-stages.yaml');
  fs.writeFileSync(file, withNeverReadyPods(fs.readFileSync(builtStages, 'utf8')));
  return file;
}
