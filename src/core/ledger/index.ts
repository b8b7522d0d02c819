export * from './reasons';
export * from './quorum';
export * from './chain';
export * from './fork';
export * from './rules';
export * from './policy-update';
export * from './block';
