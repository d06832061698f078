/** The `plan -o json` contract of DESIGN.md: `{revision, bindings, works, errors, warnings}`. */
import type { Diagnostic } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import type { Binding } from './binding.ts';
import type { Plan } from './plan-fleet.ts';

/** A diagnostic as the contract prints it: `{file, line, message}` plus column and code. */
export interface ContractDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly code: string;
  readonly message: string;
}

/** The printed plan. */
export interface PlanContract {
  readonly revision: string;
  readonly bindings: readonly Binding[];
  readonly works: readonly Work[];
  readonly errors: readonly ContractDiagnostic[];
  readonly warnings: readonly ContractDiagnostic[];
}

/** Projects a plan onto the contract (explanations stay out). */
export function planToContract(plan: Plan): PlanContract {
  return {
    revision: plan.revision,
    bindings: plan.bindings,
    works: plan.works,
    errors: plan.errors.map(toContract),
    warnings: plan.warnings.map(toContract),
  };
}

function toContract(d: Diagnostic): ContractDiagnostic {
  return {
    file: d.file,
    line: d.line,
    ...(d.column !== undefined ? { column: d.column } : {}),
    code: d.code,
    message: d.message,
  };
}
