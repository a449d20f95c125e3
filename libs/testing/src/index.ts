export * from './test-env';
export * from './pdf-text';
