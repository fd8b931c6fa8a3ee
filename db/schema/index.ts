export * from './postoffice';
export * from './glb';
export * from './mail';
export * from './schedule';
export * from './exchange';
export * from './events';
export * from './auth';
export * from './wizard';
