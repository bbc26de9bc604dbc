/**
 * The promises a Dataset from the importer keeps, as a checker: every consumer (the MMM, the
 * twin, tests) may rely on them without re-validating.
 */
import type { Dataset } from '../dataset';

/**
 * Broken invariants of a dataset, as sentences; empty when it is valid:
 * ISO dates strictly increasing by exactly one day or one week; every series as long as the
 * dates; finite values; spend, impressions, clicks ≥ 0; events 0/1; at least one channel;
 * unique channel ids of `[a-z0-9_-]`; a KPI that varies.
 */
export function datasetProblems(dataset: Dataset): string[] {
	const problems: string[] = [];
	const n = dataset.dates.length;
	const step = dataset.granularity === 'day' ? 1 : 7;
	let previous = NaN;
	dataset.dates.forEach((date, i) => {
		const day = /^\d{4}-\d{2}-\d{2}$/.test(date)
			? Date.parse(`${date}T00:00:00Z`) / 86_400_000
			: NaN;
		if (!Number.isInteger(day)) problems.push(`dates[${i}] = ${date} is not an ISO date`);
		else if (i > 0 && day - previous !== step)
			problems.push(`dates[${i}] is ${day - previous} days after the previous date, not ${step}`);
		previous = day;
	});
	const series = (label: string, values: Float64Array | undefined, min = -Infinity) => {
		if (!values) return;
		if (values.length !== n) problems.push(`${label} has ${values.length} values for ${n} dates`);
		for (let i = 0; i < values.length; i++) {
			if (!Number.isFinite(values[i]) || values[i] < min) {
				problems.push(`${label}[${i}] = ${values[i]} is out of range`);
				return;
			}
		}
	};
	series('kpi', dataset.kpi.values);
	series('revenuePerConversion', dataset.kpi.revenuePerConversion, 0);
	if (dataset.kpi.values.every((x) => x === dataset.kpi.values[0]))
		problems.push('the KPI is constant');
	if (dataset.channels.length === 0) problems.push('no channels');
	const ids = new Set<string>();
	for (const c of dataset.channels) {
		if (!/^[a-z0-9_-]+$/.test(c.id)) problems.push(`channel id ${c.id} has invalid characters`);
		if (ids.has(c.id)) problems.push(`channel id ${c.id} is not unique`);
		ids.add(c.id);
		series(`${c.id}.spend`, c.spend, 0);
		series(`${c.id}.impressions`, c.impressions, 0);
		series(`${c.id}.clicks`, c.clicks, 0);
	}
	for (const s of dataset.controls) series(`control ${s.name}`, s.values);
	for (const s of dataset.organic) series(`organic ${s.name}`, s.values, 0);
	for (const s of dataset.events) {
		series(`event ${s.name}`, s.values, 0);
		if (s.values.some((x) => x !== 0 && x !== 1)) problems.push(`event ${s.name} is not 0/1`);
	}
	return problems;
}
