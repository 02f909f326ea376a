// The pathway document: schema and types, labels, validation, JSON import/export, generator.
export * from './schema';
export * from './labels';
export * from './validate';
export * from './io';
export * from './generate';
