/**
 * In-browser marketing-mix model: fit (fitMmm), optimal split (optimalSplit, budgetScenarios),
 * the budget for a target (budgetForTarget) and a calibrated twin scenario (twinScenario). Engine code: pure TypeScript, runs in node and
 * in a worker (src/lib/workers/mmm.worker.ts, bridged by src/lib/workers/mmm-bridge.ts).
 */
export * from './types';
export { fitMmm } from './fit';
export { optimalSplit, budgetScenarios, spendToday } from './split';
export { budgetForTarget } from './target';
export { twinScenario } from './twin';
export { responseAt, marginalResponseAt } from './transform';
export {
	checkAgainstTruth,
	formatRelativeError,
	type TruthCheck,
	type TruthRow
} from './truth-check';
export { forecastKpi, type Forecast, type ForecastPlan } from './forecast';
