export * from './verdict';
export * from './verify';
