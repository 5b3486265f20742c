// The typed constructs: describe a deployment in TypeScript; Deployment.synthesizeBlueprint()
// yields the same blueprint a YAML file holds.
export * from './deployment.js';
export * from './common.js';
export * from './provider.js';
export * from './site.js';
export * from './building.js';
export * from './power.js';
export * from './connectivity.js';
export * from './virtualization.js';
export * from './emergency.js';
export * from './gateway.js';
export * from './trunk.js';
export * from './service.js';
export * from './policy.js';
export * from './monitoring.js';
export * from './cloud.js';
export * from './acknowledgements.js';
