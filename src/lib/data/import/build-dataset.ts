/**
 * Frame → Dataset: read every column under its role's rules, then check the columns as a
 * whole (constant or all-zero columns, enough periods for the number of channels).
 *
 * Columns that carry no information are dropped with a warning (a constant control, a channel
 * that never spent); a KPI that carries none is an error, since there is nothing to explain.
 */
import type { Dataset, DatasetChannel, DatasetSeries, Granularity } from '../dataset';
import { uniqueChannelIds } from './channel-id';
import { isoDate } from './date';
import { readEvents } from './events';
import type { CellColumn, Frame } from './frame';
import { formatCount, quoteName } from './issues';
import type { DecimalSeparator } from './number';
import { readSeries, type SeriesRule, type SeriesSink } from './series';

/** Periods needed per paid channel, on top of `BASE_PERIODS`, to fit an MMM at all. */
export const PERIODS_PER_CHANNEL = 5;
/** Periods needed for the baseline (intercept, trend, seasonality) before any channel. */
export const BASE_PERIODS = 10;

/** Everything about the source the Dataset records. */
export type DatasetSource = Dataset['source'];

/**
 * Build the dataset from a frame, or return `undefined` after adding errors to the sink.
 * @param name display name of the dataset
 */
export function buildDataset(
	frame: Frame,
	granularity: Granularity,
	decimal: DecimalSeparator,
	name: string,
	source: DatasetSource,
	sink: SeriesSink
): Dataset | undefined {
	const { errors, warnings } = sink;
	const read = (column: CellColumn, what: string, rule: SeriesRule) =>
		readSeries(column.cells, column.rows, column.name, what, rule, decimal, sink);

	const kpi = read(frame.kpi, 'the KPI', 'kpi');
	const rpc = frame.revenuePerConversion
		? read(frame.revenuePerConversion, 'revenue per conversion', 'revenuePerConversion')
		: undefined;
	let channels = frame.channels.map((c) => ({
		name: c.name,
		spendColumn: c.spend.name,
		spend: read(c.spend, 'spend', 'media'),
		impressions: c.impressions && {
			column: c.impressions.name,
			values: read(c.impressions, 'impressions', 'media')
		},
		clicks: c.clicks && { column: c.clicks.name, values: read(c.clicks, 'clicks', 'media') }
	}));
	let controls: DatasetSeries[] = frame.controls.map((c) => ({
		name: c.name,
		values: read(c, 'the control', 'control')
	}));
	let organic: DatasetSeries[] = frame.organic.map((c) => ({
		name: c.name,
		values: read(c, 'organic activity', 'media')
	}));
	let events = frame.events.flatMap((c) => readEvents(c.cells, c.rows, c.name, decimal, errors));
	if (errors.count > 0) return undefined;

	if (isConstant(kpi)) {
		const allZero = kpi.every((x) => x === 0);
		errors.add({
			code: allZero ? 'kpi-all-zero' : 'constant-kpi',
			column: frame.kpi.name,
			message: allZero
				? `The KPI column ${quoteName(frame.kpi.name)} is zero in every period; there is nothing for the media to explain. Is it the right column?`
				: `The KPI column ${quoteName(frame.kpi.name)} has the same value in every period; there is nothing for the media to explain. Is it the right column?`
		});
		return undefined;
	}

	const dropped = (kind: string, column: string, why: string) =>
		warnings.add({
			code: 'constant-column',
			column,
			message: `${kind} ${quoteName(column)} ${why}; it was left out.`
		});
	channels = channels.filter((c) => {
		if (c.spend.every((x) => x === 0)) {
			dropped('Channel', c.spendColumn, 'never spends');
			return false;
		}
		if (isConstant(c.spend))
			warnings.add({
				code: 'constant-column',
				column: c.spendColumn,
				message: `Spend column ${quoteName(c.spendColumn)} is the same in every period, so its effect cannot be told apart from the baseline.`
			});
		for (const metric of ['impressions', 'clicks'] as const) {
			const series = c[metric];
			if (series && isConstant(series.values)) {
				dropped(
					metric === 'impressions' ? 'Impressions column' : 'Clicks column',
					series.column,
					'never changes'
				);
				c[metric] = undefined;
			}
		}
		return true;
	});
	const keepVarying = <T extends DatasetSeries>(list: T[], kind: string, why: (s: T) => string) =>
		list.filter((series) => {
			if (!isConstant(series.values)) return true;
			dropped(kind, series.name, why(series));
			return false;
		});
	controls = keepVarying(controls, 'Control', () => 'never changes');
	organic = keepVarying(organic, 'Organic column', () => 'never changes');
	events = keepVarying(events, 'Event', (e) =>
		e.values[0] === 0 ? 'never happens' : 'is always on'
	);

	if (channels.length === 0) {
		errors.add({
			code: 'mapping',
			message: 'No paid channel has any spend; map at least one spend column with non-zero values.'
		});
		return undefined;
	}
	const periods = frame.days.length;
	const needed = PERIODS_PER_CHANNEL * channels.length + BASE_PERIODS;
	if (periods < needed) {
		errors.add({
			code: 'too-few-periods',
			message: `${formatCount(periods)} periods are too few for ${channels.length} channel${channels.length === 1 ? '' : 's'}: an MMM needs at least ${formatCount(needed)} (${PERIODS_PER_CHANNEL} per channel + ${BASE_PERIODS}). Add history, use daily data, or merge small channels.`
		});
		return undefined;
	}

	const ids = uniqueChannelIds(channels.map((c) => c.name));
	const datasetChannels: DatasetChannel[] = channels.map((c, k) => ({
		id: ids[k],
		name: c.name,
		spend: c.spend,
		...(c.impressions ? { impressions: c.impressions.values } : {}),
		...(c.clicks ? { clicks: c.clicks.values } : {})
	}));
	return {
		name,
		granularity,
		dates: Array.from(frame.days, isoDate),
		kpi: {
			name: frame.kpi.name,
			kind: frame.kpiKind,
			values: kpi,
			...(rpc && frame.kpiKind === 'conversions' ? { revenuePerConversion: rpc } : {})
		},
		channels: datasetChannels,
		controls,
		events,
		organic,
		source
	};
}

/** Whether every value equals the first (an empty series counts as constant). */
function isConstant(values: Float64Array): boolean {
	for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
	return true;
}
