/**
 * The fleet repo's JSON Schemas (`schemas/*.schema.json`, draft-07) and the kind each one validates.
 * They are imported as JSON modules, so loading them is part of module loading, not I/O in the core (B2).
 */
import cluster from '../../../schemas/cluster.schema.json' with { type: 'json' };
import clusterOverridePolicy from '../../../schemas/clusteroverridepolicy.schema.json' with { type: 'json' };
import clusterPropagationPolicy from '../../../schemas/clusterpropagationpolicy.schema.json' with { type: 'json' };
import clusterTaintPolicy from '../../../schemas/clustertaintpolicy.schema.json' with { type: 'json' };
import defs from '../../../schemas/defs.schema.json' with { type: 'json' };
import settings from '../../../schemas/flotilla.schema.json' with { type: 'json' };
import overridePolicy from '../../../schemas/overridepolicy.schema.json' with { type: 'json' };
import propagationPolicy from '../../../schemas/propagationpolicy.schema.json' with { type: 'json' };
import customization from '../../../schemas/resourceinterpretercustomization.schema.json' with { type: 'json' };
import rolloutStrategy from '../../../schemas/rolloutstrategy.schema.json' with { type: 'json' };

/** The kinds that have a schema; `Settings` is the optional `flotilla.yaml`; `RolloutStrategy` is flotilla's own (docs/rollouts.md). */
export const schemaKinds = [
  'Cluster',
  'PropagationPolicy',
  'ClusterPropagationPolicy',
  'OverridePolicy',
  'ClusterOverridePolicy',
  'ResourceInterpreterCustomization',
  'ClusterTaintPolicy',
  'Settings',
  'RolloutStrategy',
] as const;
/** A kind that has a schema. */
export type SchemaKind = (typeof schemaKinds)[number];

/** Every schema document, each carrying its own `$id` (the file name, so relative `$ref`s work in editors too). */
export const schemaDocuments: readonly object[] = [
  defs,
  cluster,
  propagationPolicy,
  clusterPropagationPolicy,
  overridePolicy,
  clusterOverridePolicy,
  customization,
  clusterTaintPolicy,
  settings,
  rolloutStrategy,
];

/** The `$id` of the schema that validates each kind. */
export const schemaIdOf: Readonly<Record<SchemaKind, string>> = {
  Cluster: cluster.$id,
  PropagationPolicy: propagationPolicy.$id,
  ClusterPropagationPolicy: clusterPropagationPolicy.$id,
  OverridePolicy: overridePolicy.$id,
  ClusterOverridePolicy: clusterOverridePolicy.$id,
  ResourceInterpreterCustomization: customization.$id,
  ClusterTaintPolicy: clusterTaintPolicy.$id,
  Settings: settings.$id,
  RolloutStrategy: rolloutStrategy.$id,
};
