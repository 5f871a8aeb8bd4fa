export * from './health';
export * from './reasons';
export * from './nodes';
export * from './components';
export * from './resources';
export * from './status';
export * from './summary';
export * from './api';
