/**
 * CronFederatedHPA rules, as Karmada's pkg/controllers/cronfederatedhpa runs them: at each scheduled time
 * a rule scales its target (a workload to `targetReplicas`, or a FederatedHPA to `targetMinReplicas` /
 * `targetMaxReplicas`) and records the execution in `status.executionHistories`, keeping
 * `successfulHistoryLimit` / `failedHistoryLimit` entries (default 3), newest first. Suspended rules do
 * not run. Pure: the shell passes `now` and the default time zone and carries out the actions.
 */
import type { CronRule } from '../api/autoscaling.ts';
import { compareStrings } from '../api/order.ts';
import { latestScheduled, nextScheduled } from './cron-schedule.ts';

/** Karmada SuccessfulExecution (times RFC 3339). */
export interface SuccessfulExecution {
  readonly scheduleTime: string;
  readonly executionTime: string;
  readonly appliedReplicas?: number;
  readonly appliedMinReplicas?: number;
  readonly appliedMaxReplicas?: number;
}

/** Karmada FailedExecution. */
export interface FailedExecution {
  readonly scheduleTime: string;
  readonly executionTime: string;
  readonly message: string;
}

/** Karmada ExecutionHistory: one rule's record. */
export interface ExecutionHistory {
  readonly ruleName: string;
  readonly nextExecutionTime?: string;
  readonly successfulExecutions?: readonly SuccessfulExecution[];
  readonly failedExecutions?: readonly FailedExecution[];
}

/** What a rule's execution asks the shell to do. */
export type CronAction =
  | { readonly kind: 'ScaleWorkload'; readonly rule: string; readonly replicas: number; readonly scheduleTime: string }
  | {
      readonly kind: 'LimitFederatedHPA';
      readonly rule: string;
      readonly minReplicas?: number;
      readonly maxReplicas?: number;
      readonly scheduleTime: string;
    };

/** The target as the revision has it: a FederatedHPA (by name) or a workload, and whether it exists. */
export interface CronTarget {
  readonly kind: string;
  readonly name: string;
  readonly exists: boolean;
}

/** The rules' new histories (sorted by rule name) and the actions of the rules that ran. */
export interface CronDecision {
  readonly histories: readonly ExecutionHistory[];
  readonly actions: readonly CronAction[];
}

const defaultHistoryLimit = 3;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function execute(
  rule: CronRule,
  target: CronTarget,
  scheduleTime: string,
): { action: CronAction } | { message: string } {
  if (!target.exists) return { message: `${target.kind} ${target.name} does not exist in this revision` };
  if (target.kind === 'FederatedHPA') {
    if (rule.targetMinReplicas === undefined && rule.targetMaxReplicas === undefined) {
      return { message: 'a rule for a FederatedHPA needs targetMinReplicas or targetMaxReplicas' };
    }
    return {
      action: {
        kind: 'LimitFederatedHPA',
        rule: rule.name,
        ...(rule.targetMinReplicas === undefined ? {} : { minReplicas: rule.targetMinReplicas }),
        ...(rule.targetMaxReplicas === undefined ? {} : { maxReplicas: rule.targetMaxReplicas }),
        scheduleTime,
      },
    };
  }
  if (rule.targetReplicas === undefined) return { message: `a rule for a ${target.kind} needs targetReplicas` };
  return { action: { kind: 'ScaleWorkload', rule: rule.name, replicas: rule.targetReplicas, scheduleTime } };
}

function decideRule(
  rule: CronRule,
  previous: ExecutionHistory | undefined,
  target: CronTarget,
  now: number,
  defaultZone: string,
): { history: ExecutionHistory; action?: CronAction } {
  const zone = rule.timeZone ?? defaultZone;
  const next = nextScheduled(rule.schedule, zone, now);
  const nextField = next === undefined ? {} : { nextExecutionTime: iso(next) };
  const kept = {
    ...(previous?.successfulExecutions ? { successfulExecutions: previous.successfulExecutions } : {}),
    ...(previous?.failedExecutions ? { failedExecutions: previous.failedExecutions } : {}),
  };
  // A rule seen for the first time, or suspended, only learns its next time (Karmada starts its job then).
  if (previous?.nextExecutionTime === undefined || rule.suspend === true) {
    return { history: { ruleName: rule.name, ...nextField, ...kept } };
  }
  const since = Date.parse(previous.nextExecutionTime) - 1;
  const due = latestScheduled(rule.schedule, zone, since, now);
  if (due === undefined) return { history: { ruleName: rule.name, ...nextField, ...kept } };
  const scheduleTime = iso(due);
  const executionTime = iso(now);
  const outcome = execute(rule, target, scheduleTime);
  if ('message' in outcome) {
    const failed = [{ scheduleTime, executionTime, message: outcome.message }, ...(previous.failedExecutions ?? [])];
    const limit = rule.failedHistoryLimit ?? defaultHistoryLimit;
    return { history: { ruleName: rule.name, ...nextField, ...kept, failedExecutions: failed.slice(0, limit) } };
  }
  const a = outcome.action;
  const applied: SuccessfulExecution =
    a.kind === 'ScaleWorkload'
      ? { scheduleTime, executionTime, appliedReplicas: a.replicas }
      : {
          scheduleTime,
          executionTime,
          ...(a.maxReplicas === undefined ? {} : { appliedMaxReplicas: a.maxReplicas }),
          ...(a.minReplicas === undefined ? {} : { appliedMinReplicas: a.minReplicas }),
        };
  const succeeded = [applied, ...(previous.successfulExecutions ?? [])];
  const limit = rule.successfulHistoryLimit ?? defaultHistoryLimit;
  return {
    history: { ruleName: rule.name, ...nextField, ...kept, successfulExecutions: succeeded.slice(0, limit) },
    action: a,
  };
}

/**
 * Runs the rules due since their recorded next execution time. Histories of rules no longer in the spec
 * are dropped (Karmada removes them with the rule).
 */
export function decideCron(
  rules: readonly CronRule[],
  previous: readonly ExecutionHistory[],
  target: CronTarget,
  now: number,
  defaultZone: string,
): CronDecision {
  const byName = new Map(previous.map((h) => [h.ruleName, h]));
  const histories: ExecutionHistory[] = [];
  const actions: CronAction[] = [];
  for (const rule of rules.toSorted((a, b) => compareStrings(a.name, b.name))) {
    const r = decideRule(rule, byName.get(rule.name), target, now, defaultZone);
    histories.push(r.history);
    if (r.action) actions.push(r.action);
  }
  // Two rules due in one pass: the later schedule time is applied last (it is what the target asks for now).
  return { histories, actions: actions.toSorted((a, b) => compareStrings(a.scheduleTime, b.scheduleTime)) };
}
