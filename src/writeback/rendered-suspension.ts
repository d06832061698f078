/**
 * Suspended Works on the rendered branch (Karmada Work `spec.suspendDispatching`: the execution
 * controller does not sync the Work, execution_controller.go). For Argo CD and Flux the branch is
 * what members get, so a suspended Work's file stays as it is on the tip: an object already there
 * keeps its old content, a new one is not added (nor listed in the cluster's kustomization). Pure.
 */
import type { Work } from '../render/index.ts';
import { renderedFiles } from './rendered-tree.ts';

/** The Works the branch shows, and the paths kept exactly as on the tip. */
export interface SuspendedView {
  readonly works: readonly Work[];
  /** Files of suspended Works the tip has: neither rewritten nor removed. Sorted. */
  readonly frozen: readonly string[];
}

/** Leaves out the suspended Works the tip has no file for, and freezes the files of the others. */
export function suspendedView(works: readonly Work[], tipHas: (path: string) => boolean): SuspendedView {
  if (!works.some((w) => w.spec.suspendDispatching === true)) return { works, frozen: [] };
  const shown: Work[] = [];
  const frozen: string[] = [];
  for (const w of works) {
    if (w.spec.suspendDispatching !== true) {
      shown.push(w);
      continue;
    }
    // The Work's own file (a name clash with a same-named kind of another group is not resolved here).
    const paths = [...renderedFiles([w], []).keys()].filter((p) => !p.endsWith('/kustomization.yaml'));
    if (paths.every(tipHas)) {
      shown.push(w);
      frozen.push(...paths);
    }
  }
  return { works: shown, frozen: frozen.sort() };
}
