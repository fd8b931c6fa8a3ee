export * from './postoffice';
export * from './glb';
export * from './mail';
export * from './schedule';
