/** Multi-cluster services (Karmada's mcs and multiclusterservice controllers): pure decisions. */
export * from './names.ts';
export * from './exported-services.ts';
export * from './member-objects.ts';
export * from './summary.ts';
export * from './provider-views.ts';
