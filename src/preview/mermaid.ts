/** A Mermaid `flowchart LR` of replica moves between clusters, for pull-request comments. */
import { compareStrings } from '../api/index.ts';
import type { ReplicaMove } from './model.ts';

/** Edges drawn at most; the rest are counted in a Mermaid comment. */
export const maxEdges = 60;

const newNode = 'added(("new"))';
const goneNode = 'removed(("removed"))';

/**
 * One node per cluster (ids `c0`, `c1`… in name order, so any cluster name is safe), an edge per
 * (from, to) pair labelled with its replicas; new replicas come from a `new` node, removed ones go
 * to a `removed` node. The biggest moves are drawn first when there are more than {@link maxEdges}.
 */
export function formatMermaid(moves: readonly ReplicaMove[]): string {
  const names = [...new Set(moves.flatMap((m) => [m.from, m.to]).filter((n): n is string => n !== null))].sort(
    compareStrings,
  );
  const ids = new Map(names.map((n, i) => [n, `c${i}`] as const));
  const drawn = moves.length > maxEdges ? [...moves].sort((a, b) => b.replicas - a.replicas).slice(0, maxEdges) : moves;
  const declared = new Set<string>();
  const node = (name: string | null, side: 'from' | 'to'): string => {
    if (name === null) return side === 'from' ? newNode : goneNode;
    const id = ids.get(name) ?? 'c';
    if (declared.has(id)) return id;
    declared.add(id);
    return `${id}["${escapeLabel(name)}"]`;
  };
  const lines = [
    'flowchart LR',
    ...drawn.map((m) => `  ${node(m.from, 'from')} -->|${m.replicas}| ${node(m.to, 'to')}`),
  ];
  if (drawn.length < moves.length) lines.push(`  %% ${moves.length - drawn.length} smaller moves not drawn`);
  return `${lines.join('\n')}\n`;
}

/** Mermaid labels take entity codes for quotes and angle brackets. */
function escapeLabel(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
