/** The public surface of src/api: types and constants shared by every stage. */
export * from './object.ts';
export * from './keys.ts';
export * from './order.ts';
export * from './diagnostics.ts';
export * from './ownership.ts';
export * from './karmada.ts';
export * from './errors.ts';
export * from './quantity.ts';
export * from './scope.ts';
export * from './fleet.ts';
export * from './rebalancer.ts';
export * from './label-selector.ts';
export * from './qualified-name.ts';
export * from './cluster-affinity.ts';
export * from './hash.ts';
export * from './rollout.ts';
export * from './autoscaling.ts';
