// The scoring engine: pure TypeScript, no React, no database, no I/O. Runs the same in the
// browser (on every edit) and on the server (when a version is saved).
export * from './types';
export * from './frameworks';
export * from './faultlines';
export * from './journey';
export * from './score';
export * from './report';
export * from './collaboration';
export {
  PathwayContext,
  isProfessionalContact,
  isGeneralPractice,
  isGpStep,
  type DuplicateAssessment,
} from './context';
export { isIsoDate } from './rules/nv';
