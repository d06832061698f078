/**
 * The autoscalers of `flotilla status`: each FederatedHPA's current and desired replicas, metric values
 * and last scale time, and each CronFederatedHPA rule's last and next execution, from the status branch.
 */
import { compareStrings, type Fleet } from '../api/index.ts';
import { findGitDir, localStore, openLocal } from '../git/index.ts';
import { readAutoscalerRecords } from '../writeback/index.ts';
import { formatTable } from './output.ts';

/** One autoscaler as `status -o json` reports it. */
export interface AutoscalerStatus {
  readonly kind: 'FederatedHPA' | 'CronFederatedHPA';
  readonly namespace: string;
  readonly name: string;
  readonly target: string;
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly currentReplicas?: number;
  readonly desiredReplicas?: number;
  readonly metrics?: readonly string[];
  readonly lastScaleTime?: string;
  readonly rules?: readonly {
    readonly name: string;
    readonly lastExecution?: string;
    readonly nextExecutionTime?: string;
  }[];
  readonly unreachableClusters?: readonly string[];
}

/** The revision's autoscalers with what the status branch of the repo at `dir` records (nothing recorded: no counts). */
export async function readAutoscalerStatus(dir: string, fleet: Fleet): Promise<AutoscalerStatus[]> {
  const fhpas = fleet.federatedHPAs ?? [];
  const crons = fleet.cronFederatedHPAs ?? [];
  if (fhpas.length === 0 && crons.length === 0) return [];
  const gitdir = await findGitDir(dir);
  const store = gitdir ? localStore(openLocal(gitdir), dir) : undefined;
  const tip = store ? await store.tip(fleet.settings.statusBranch) : undefined;
  const records = store ? await readAutoscalerRecords(store, tip) : { autoscalers: [], crons: [] };
  const out: AutoscalerStatus[] = [];
  for (const h of fhpas) {
    const s = h.spec;
    const r = records.autoscalers.find((x) => x.namespace === s.namespace && x.name === s.name);
    out.push({
      kind: 'FederatedHPA',
      namespace: s.namespace,
      name: s.name,
      target: `${s.target.kind}/${s.target.name}`,
      minReplicas: r?.cronLimits?.minReplicas ?? s.minReplicas,
      maxReplicas: r?.cronLimits?.maxReplicas ?? s.maxReplicas,
      ...(r
        ? {
            currentReplicas: r.currentReplicas,
            desiredReplicas: r.desiredReplicas,
            metrics: r.metrics.map((m) =>
              m.averageUtilization !== undefined
                ? `${m.resource} ${m.averageUtilization}%`
                : `${m.resource} ${m.averageValueMilli}m`,
            ),
            ...(r.lastScaleTime ? { lastScaleTime: r.lastScaleTime } : {}),
            unreachableClusters: r.unreachableClusters,
          }
        : {}),
    });
  }
  for (const c of crons) {
    const s = c.spec;
    const r = records.crons.find((x) => x.namespace === s.namespace && x.name === s.name);
    out.push({
      kind: 'CronFederatedHPA',
      namespace: s.namespace,
      name: s.name,
      target: `${s.target.kind}/${s.target.name}`,
      rules: s.rules.map((rule) => {
        const h = r?.executionHistories.find((x) => x.ruleName === rule.name);
        const last = [...(h?.successfulExecutions ?? []), ...(h?.failedExecutions ?? [])]
          .map((e) => e.scheduleTime)
          .sort(compareStrings)
          .at(-1);
        return {
          name: rule.name,
          ...(last ? { lastExecution: last } : {}),
          ...(h?.nextExecutionTime ? { nextExecutionTime: h.nextExecutionTime } : {}),
        };
      }),
    });
  }
  return out;
}

/** The autoscalers table: one row per FederatedHPA and per CronFederatedHPA rule. */
export function autoscalersTable(rows: readonly AutoscalerStatus[], noHeader: boolean): string {
  const cells = rows.flatMap((a) =>
    a.kind === 'FederatedHPA'
      ? [
          [
            a.namespace,
            `FederatedHPA/${a.name}`,
            a.target,
            `${a.minReplicas ?? '-'}-${a.maxReplicas ?? '-'}`,
            a.currentReplicas === undefined ? '-' : String(a.currentReplicas),
            a.desiredReplicas === undefined ? '-' : String(a.desiredReplicas),
            a.metrics?.join(', ') || '-',
            a.lastScaleTime ?? '-',
          ],
        ]
      : (a.rules ?? []).map((r) => [
          a.namespace,
          `CronFederatedHPA/${a.name}:${r.name}`,
          a.target,
          '-',
          '-',
          '-',
          `next ${r.nextExecutionTime ?? '-'}`,
          r.lastExecution ?? '-',
        ]),
  );
  return formatTable(
    ['NAMESPACE', 'AUTOSCALER', 'TARGET', 'MIN-MAX', 'CURRENT', 'DESIRED', 'METRICS', 'LAST SCALE'],
    cells,
    noHeader,
  );
}
