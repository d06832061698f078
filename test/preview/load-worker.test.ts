/** The head of a preview is loaded on a worker thread: the result must be the same value as loading in-thread. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadFleetOnWorker } from '../../src/cli/load-worker.ts';
import { loadFleet } from '../../src/load/index.ts';
import { readDirectory } from '../../src/source/index.ts';

describe('preview: loading a revision on a worker thread', function () {
  this.timeout(60000);
  it('gives the same fleet and diagnostics as loadFleet', async () => {
    const snapshot = await readDirectory(path.resolve(import.meta.dirname, '..', '..', 'examples', 'fleet-repo'));
    const onWorker = await loadFleetOnWorker(snapshot);
    const inThread = loadFleet(snapshot);
    assert.deepEqual(onWorker, inThread);
    assert.ok(onWorker.fleet.templates.length > 0);
  });
});
