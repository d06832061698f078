/**
 * Loading a revision on a worker thread, so `flotilla diff` parses the head's YAML while the
 * main thread loads and plans the base: parsing dominates the cost of a preview, and the two
 * revisions are independent until they are compared (D6: the result is one value, not a race).
 * This module is also the worker's entry point.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FlotillaError } from '../api/index.ts';
import { loadFleet, type LoadResult, type Snapshot } from '../load/index.ts';

/** The worker could not be started or crashed; the caller loads on the main thread instead. */
export class LoadWorkerFailed extends FlotillaError<{ revision: string }> {}

const marker = 'flotilla-load-worker';

interface Job {
  readonly marker: typeof marker;
  readonly snapshot: Snapshot;
}

function isJob(v: unknown): v is Job {
  return typeof v === 'object' && v !== null && (v as { marker?: unknown }).marker === marker;
}

if (!isMainThread && parentPort && isJob(workerData)) parentPort.postMessage(loadFleet(workerData.snapshot));

/** Loads `snapshot` on a worker thread; the same result as `loadFleet(snapshot)`. */
export function loadFleetOnWorker(snapshot: Snapshot): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const job: Job = { marker, snapshot };
    let worker: Worker;
    try {
      worker = new Worker(new URL(import.meta.url), { workerData: job });
    } catch (err) {
      reject(
        new LoadWorkerFailed(
          `cannot start a worker to load ${snapshot.revision}`,
          { revision: snapshot.revision },
          { cause: err },
        ),
      );
      return;
    }
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (err) =>
      reject(
        new LoadWorkerFailed(
          `the worker loading ${snapshot.revision} failed`,
          { revision: snapshot.revision },
          { cause: err },
        ),
      ),
    );
    worker.once('exit', (code) => {
      if (code !== 0)
        reject(
          new LoadWorkerFailed(`the worker loading ${snapshot.revision} exited with ${code}`, {
            revision: snapshot.revision,
          }),
        );
    });
  });
}

/** Below this many bytes of manifests, starting a worker costs more than the parse it saves. */
export const workerMinBytes = 1_000_000;

/**
 * Loads on a worker when the snapshot is big enough to gain from it, otherwise (or when no worker
 * can run) on this thread. The result is the same either way.
 */
export async function loadFleetConcurrently(snapshot: Snapshot): Promise<LoadResult> {
  if (snapshot.files.reduce((n, f) => n + f.bytes.length, 0) < workerMinBytes) return loadFleet(snapshot);
  try {
    return await loadFleetOnWorker(snapshot);
  } catch (err) {
    if (err instanceof LoadWorkerFailed) return loadFleet(snapshot);
    throw err;
  }
}
