/**
 * Guess the layout of a file and the role of each column from its header and first rows.
 *
 * Robyn, Meridian and PyMC-Marketing files are recognised by their naming conventions and
 * map completely; anything else gets a best guess (layout `mapped`) for the analyst to check
 * and edit in the mapping step. Guessing never fails: unknown columns are `ignore`.
 */
import type { KpiKind } from '../dataset';
import { profileColumn, type ColumnProfile } from './column-profile';
import {
	channelBase,
	isChannelColumnName,
	isClicksName,
	isControlName,
	isConversionsName,
	isDateName,
	isDerivedOrIdName,
	isEventName,
	isImpressionsName,
	isOrganicName,
	isPymcChannelName,
	isRevenuePerConversionName,
	isSpendName,
	EXACT_KPI_RANKS,
	kpiRank,
	matchChannel,
	robynSuffix
} from './conventions';
import type { ColumnMapping, ColumnRole, Layout } from './mapping';

/** Sample rows looked at when guessing (more would not change a guess, only cost time). */
export const SUGGEST_SAMPLE_ROWS = 500;

/** Most levels a text column may have to be guessed as a categorical event. */
const MAX_EVENT_LEVELS = 50;

/**
 * Guess the mapping of a file.
 * @param header column names as in the file
 * @param sampleRows the first data rows (trimmed cells), `SUGGEST_SAMPLE_ROWS` are enough
 */
export function suggestMapping(
	header: readonly string[],
	sampleRows: readonly (readonly string[])[]
): ColumnMapping {
	const rows = sampleRows.slice(0, SUGGEST_SAMPLE_ROWS);
	const profiles = header.map((_, i) => profileColumn(rows, i));
	const roles: (ColumnRole | undefined)[] = header.map(() => undefined);

	const dateIndex = findDateColumn(header, profiles);
	if (dateIndex >= 0) roles[dateIndex] = { role: 'date' };
	const layout = detectLayout(header, profiles, dateIndex);

	const kpiIndex = findKpi(header, profiles, roles, layout);
	const hasRpc = header.some(
		(name, i) => roles[i] === undefined && isRevenuePerConversionName(name)
	);
	if (kpiIndex >= 0) {
		const kind: KpiKind = isConversionsName(header[kpiIndex]) || hasRpc ? 'conversions' : 'revenue';
		roles[kpiIndex] = { role: 'kpi', kind };
	}

	header.forEach((name, i) => {
		if (roles[i] === undefined) roles[i] = guessRole(name, profiles[i], layout);
	});
	if (layout === 'mapped') guessSpendWhenNoneNamed(header, profiles, roles);
	if (layout !== 'long') attachMediaMetrics(roles);

	return {
		layout,
		columns: header.map((name, i) => ({ name, role: roles[i] ?? { role: 'ignore' } }))
	};
}

function findDateColumn(header: readonly string[], profiles: readonly ColumnProfile[]): number {
	const named = header.findIndex((name, i) => isDateName(name) && profiles[i].dateShare >= 0.8);
	if (named >= 0) return named;
	const byContent = profiles.findIndex((p) => p.present > 0 && p.dateShare >= 0.8);
	if (byContent >= 0) return byContent;
	// A date-named column whose cells do not parse: still the date column, and its cells will
	// get precise errors rather than a vague "no date column".
	return header.findIndex((name) => isDateName(name));
}

function detectLayout(
	header: readonly string[],
	profiles: readonly ColumnProfile[],
	dateIndex: number
): Layout {
	const channelColumn = header.findIndex(
		(name, i) =>
			isChannelColumnName(name) && profiles[i].numericShare < 0.5 && profiles[i].distinct >= 1
	);
	const datesRepeat = dateIndex >= 0 && profiles[dateIndex].repeats;
	if (channelColumn >= 0 && datesRepeat && header.some((name) => isSpendName(name))) return 'long';
	if (header.some((name) => robynSuffix(name) === 'S')) return 'robyn';
	const lower = header.map((name) => name.toLowerCase());
	const meridianSpend = lower.some((n) => /_spend$/.test(n));
	const meridianHints =
		lower.some((n) => /_impressions?$|_control$|^organic_/.test(n)) ||
		lower.includes('time') ||
		lower.includes('revenue_per_conversion');
	if (meridianSpend && meridianHints) return 'meridian';
	if (lower.includes('date_week') || (lower.includes('y') && header.some(isPymcChannelName)))
		return 'pymc';
	return 'mapped';
}

function findKpi(
	header: readonly string[],
	profiles: readonly ColumnProfile[],
	roles: readonly (ColumnRole | undefined)[],
	layout: Layout
): number {
	let best = -1;
	let bestRank = Infinity;
	header.forEach((name, i) => {
		if (roles[i] !== undefined) return;
		if (layout === 'robyn' && robynSuffix(name)) return;
		const rank = kpiRank(name);
		// A column named exactly like a KPI is the KPI even with bad cells (they get precise
		// errors); a looser name also needs numbers in it.
		if (rank >= EXACT_KPI_RANKS && profiles[i].numericShare < 0.5) return;
		if (rank < bestRank) {
			bestRank = rank;
			best = i;
		}
	});
	return best;
}

function guessRole(name: string, profile: ColumnProfile, layout: Layout): ColumnRole {
	const numeric = profile.present > 0 && profile.numericShare >= 0.8;
	if (layout === 'long' && isChannelColumnName(name) && !numeric) return { role: 'channel' };
	const channel = layout === 'long' ? '' : channelBase(name);
	if (layout === 'robyn') {
		const suffix = robynSuffix(name);
		if (suffix === 'S') return { role: 'spend', channel };
		if (suffix === 'I') return { role: 'impressions', channel };
		if (suffix === 'P') return { role: 'clicks', channel };
		if (suffix === 'B') return { role: 'control' };
	}
	if (layout === 'pymc' && isPymcChannelName(name)) return { role: 'spend', channel: name.trim() };
	if (isRevenuePerConversionName(name)) return { role: 'revenuePerConversion' };
	if (isSpendName(name)) return { role: 'spend', channel };
	if (isOrganicName(name)) return numeric ? { role: 'organic' } : { role: 'ignore' };
	if (isImpressionsName(name)) return { role: 'impressions', channel };
	if (isClicksName(name)) return { role: 'clicks', channel };
	if (isDerivedOrIdName(name)) return { role: 'ignore' };
	const categorical = !numeric && profile.present > 0 && profile.distinct <= MAX_EVENT_LEVELS;
	if (isEventName(name) && (profile.binary || categorical)) return { role: 'event' };
	if (isControlName(name) && numeric) return { role: 'control' };
	if (numeric && profile.binary) return { role: 'event' };
	if (isEventName(name)) return { role: 'event' };
	// Leftover numbers in the peer tools' files are context variables; in an unknown file the
	// analyst decides (a bare "Facebook" column could be spend).
	if (numeric)
		return layout === 'mapped' || layout === 'long' ? { role: 'ignore' } : { role: 'control' };
	return { role: 'ignore' };
}

/**
 * An unknown file with no column named like spend: every unclaimed non-negative numeric
 * column is probably a channel's spend (`TV`, `Radio`) — a guess for the analyst to confirm.
 */
function guessSpendWhenNoneNamed(
	header: readonly string[],
	profiles: readonly ColumnProfile[],
	roles: (ColumnRole | undefined)[]
): void {
	if (roles.some((r) => r?.role === 'spend')) return;
	header.forEach((name, i) => {
		const p = profiles[i];
		if (
			roles[i]?.role === 'ignore' &&
			!isDerivedOrIdName(name) &&
			p.numericShare >= 0.8 &&
			p.nonNegative &&
			!p.binary
		)
			roles[i] = { role: 'spend', channel: name.trim() };
	});
}

/**
 * Point impressions and clicks columns at their spend channel (`facebook_I` → `facebook`,
 * `search_clicks_P` → `search`); exposure without any spend is unpaid, so organic.
 */
function attachMediaMetrics(roles: (ColumnRole | undefined)[]): void {
	const spendChannels = roles.flatMap((r) => (r?.role === 'spend' ? [r.channel] : []));
	roles.forEach((role, i) => {
		if (role?.role !== 'impressions' && role?.role !== 'clicks') return;
		const channel = matchChannel(role.channel, spendChannels);
		roles[i] = channel === undefined ? { role: 'organic' } : { ...role, channel };
	});
}
