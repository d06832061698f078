/**
 * `rebalancers/<name>.yaml` on the status branch: each WorkloadRebalancer of the revision in force
 * with the status Karmada's controller would write (observedWorkloads with Successful/Failed and
 * reason, finishTime), plus `expiresAt` / `expired` when `ttlSecondsAfterFinished` is set (flotilla
 * cannot delete the source file). A rebalancer that leaves the revision loses its file, so adding
 * it again rebalances again, as recreating the object does in Karmada. Read back as the planner's
 * record of what each rebalancer has done (src/rebalance/pending.ts).
 */
import YAML from 'yaml';
import {
  compareStrings,
  isPlainObject,
  type ObservedWorkload,
  type RebalanceWorkloadRef,
  type WorkloadRebalancerStatus,
} from '../api/index.ts';
import type { RebalancerOutcome } from '../rebalance/index.ts';
import { safeSegment } from './file-name.ts';

/** The folder of rebalancer status files. */
export const rebalancersRoot = 'rebalancers';

/** Path → text of each outcome's file. */
export function rebalancerFiles(outcomes: readonly RebalancerOutcome[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of outcomes.toSorted((a, b) => compareStrings(a.name, b.name))) {
    out.set(
      `${rebalancersRoot}/${safeSegment(o.name)}.yaml`,
      YAML.stringify(
        {
          apiVersion: 'apps.karmada.io/v1alpha1',
          kind: 'WorkloadRebalancer',
          metadata: { name: o.name },
          status: {
            observedWorkloads: o.status.observedWorkloads,
            ...(o.status.finishTime !== undefined ? { finishTime: o.status.finishTime } : {}),
          },
          ...(o.expiresAt !== undefined
            ? {
                ttl: {
                  expiresAt: o.expiresAt,
                  ...(o.expired
                    ? {
                        expired: true,
                        message:
                          'ttlSecondsAfterFinished has elapsed: Karmada would delete this WorkloadRebalancer; remove its file from the fleet repo',
                      }
                    : {}),
                },
              }
            : {}),
        },
        { lineWidth: 0, aliasDuplicateObjects: false },
      ),
    );
  }
  return out;
}

/** A rebalancer file → its name and recorded status; undefined when it is not one flotilla wrote. */
export function parseRebalancerRecord(v: unknown): [string, WorkloadRebalancerStatus] | undefined {
  if (
    !isPlainObject(v) ||
    !isPlainObject(v['metadata']) ||
    typeof v['metadata']['name'] !== 'string' ||
    !isPlainObject(v['status'])
  )
    return undefined;
  const status = v['status'];
  const observed = Array.isArray(status['observedWorkloads'])
    ? status['observedWorkloads'].flatMap((o): ObservedWorkload[] => {
        if (!isPlainObject(o) || !isRef(o['workload'])) return [];
        const result = o['result'] === 'Successful' || o['result'] === 'Failed' ? o['result'] : undefined;
        return [
          {
            workload: o['workload'],
            ...(result ? { result } : {}),
            ...(typeof o['reason'] === 'string' ? { reason: o['reason'] } : {}),
          },
        ];
      })
    : [];
  return [
    v['metadata']['name'],
    {
      observedWorkloads: observed,
      ...(typeof status['finishTime'] === 'string' ? { finishTime: status['finishTime'] } : {}),
    },
  ];
}

function isRef(v: unknown): v is RebalanceWorkloadRef {
  return (
    isPlainObject(v) &&
    typeof v['apiVersion'] === 'string' &&
    typeof v['kind'] === 'string' &&
    typeof v['name'] === 'string' &&
    (v['namespace'] === undefined || typeof v['namespace'] === 'string')
  );
}
