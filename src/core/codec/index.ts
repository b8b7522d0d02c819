export * from './types';
export * from './limits';
export * from './records';
export * from './policy';
export * from './header';
export * from './payload';
export * from './qrtext';
