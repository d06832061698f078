/**
 * Diagnostics: problems in the user's input, collected as values (E1, E2).
 * Any error makes the revision invalid; warnings never do.
 */

/** The catalogue of diagnostic codes. Errors are never silenced; warnings may be by code. */
export const diagnosticCodes = [
  'YamlSyntax',
  'UnreadableFile',
  'SchemaViolation',
  'UnknownField',
  'MissingIdentity',
  'DuplicateObject',
  'InvalidSettings',
  'UnknownCluster',
  'PolicyConflict',
  'PolicyNamespaceMismatch',
  'DependentOverrideMissing',
  'DependencyMissing',
  'OverrideFailed',
  'OverridePathMissing',
  'InterpreterError',
  'Unschedulable',
  'InvalidPlacement',
  /** A propagation or override policy Karmada's validating webhook refuses, outside its placement (error). */
  'InvalidPolicy',
  'InvalidPrevious',
  /** A kind a Karmada API group does not have (error). */
  'UnknownKarmadaKind',
  /** A Karmada kind flotilla does not act on, or an object Karmada never propagates (warning). */
  'KarmadaKindIgnored',
  /** A Karmada field flotilla does not act on (warning). */
  'KarmadaFieldIgnored',
  /** metadata Kubernetes would reject: a name or a label (error). */
  'InvalidObjectMeta',
  /** A binding left to the scheduler its policy's spec.schedulerName names (warning). */
  'OtherScheduler',
  /** A template no propagation policy selects (warning). */
  'TemplateNotPropagated',
  /** A PropagationPolicy or OverridePolicy that selects no template (warning). */
  'PolicySelectsNothing',
  /** Two propagation policies of equal priority compete for a template (warning, names the loser). */
  'PolicyPriorityTie',
  /** A WorkloadRebalancer without the fields its CRD requires (error). */
  'InvalidWorkloadRebalancer',
  /** A RolloutStrategy the schema accepts but the rollout rules do not, such as two waves of one name (error). */
  'InvalidRollout',
  /** A RolloutStrategy that selects no resource template (warning). */
  'RolloutSelectsNothing',
  /** A FederatedHPA or CronFederatedHPA flotilla cannot act on: a missing field, an unsupported metric, a bad schedule (error). */
  'InvalidAutoscaler',
  /** An autoscaler whose scaleTargetRef names nothing in the revision, or a workload that is not Divided (warning). */
  'AutoscalerTargetMissing',
  /** A member-level HorizontalPodAutoscaler template on a workload a FederatedHPA owns: they would fight (warning). */
  'MemberHPAConflict',
] as const;
/** A diagnostic code. */
export type DiagnosticCode = (typeof diagnosticCodes)[number];

export type Severity = 'error' | 'warning';

/** A second place that explains a diagnostic (esbuild's notes). */
export interface DiagnosticNote {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** One problem found in the fleet repo. Lines and columns are 1-based. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly notes?: readonly DiagnosticNote[];
}

/** Where a loaded object came from. `doc` is the 0-based document index within the file. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly doc: number;
}

/** Builds an error diagnostic at a source position. */
export function errorAt(
  code: DiagnosticCode,
  at: { file: string; line: number; column?: number },
  message: string,
  notes?: readonly DiagnosticNote[],
): Diagnostic {
  return build('error', code, at, message, notes);
}

/** Builds a warning diagnostic at a source position. */
export function warningAt(
  code: DiagnosticCode,
  at: { file: string; line: number; column?: number },
  message: string,
  notes?: readonly DiagnosticNote[],
): Diagnostic {
  return build('warning', code, at, message, notes);
}

function build(
  severity: Severity,
  code: DiagnosticCode,
  at: { file: string; line: number; column?: number },
  message: string,
  notes?: readonly DiagnosticNote[],
): Diagnostic {
  return {
    code,
    severity,
    message,
    file: at.file,
    line: at.line,
    ...(at.column !== undefined ? { column: at.column } : {}),
    ...(notes?.length ? { notes } : {}),
  };
}

/** Total order on diagnostics: file, line, column, code, message (esbuild SortableMsgs). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    (a.column ?? 0) - (b.column ?? 0) ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

/** `file:line:col: severity Code: message`, the human form (K7). */
export function formatDiagnostic(d: Diagnostic): string {
  const pos = `${d.file}:${d.line}${d.column !== undefined ? `:${d.column}` : ''}`;
  const head = `${pos}: ${d.severity} ${d.code}: ${d.message}`;
  const notes = (d.notes ?? []).map(
    (n) =>
      `    note: ${n.file ? `${n.file}:${n.line ?? 1}${n.column !== undefined ? `:${n.column}` : ''}: ` : ''}${n.message}`,
  );
  return [head, ...notes].join('\n');
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
