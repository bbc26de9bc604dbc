/**
 * Off-policy evaluation: estimate a new policy's value from a decision log made by another
 * (replay, IPW, SNIPW, direct method, doubly robust, with bootstrap intervals), read and write
 * logs as CSV, and make logs with known truth (a synthetic bandit, Marginal's market).
 * Entry point: `evaluatePolicy(log, target, { seed })`.
 */
export * from './bootstrap';
export * from './csv';
export * from './diagnostics';
export * from './estimators';
export * from './evaluate';
export * from './log';
export * from './ope-session';
export * from './reward-model';
export * from './simulated-context';
export * from './simulated-log';
export * from './synthetic';
export * from './target';
export * from './target-policies';
