/**
 * Column-name conventions of the peer tools and of everyday exports, as small pure rules.
 *
 * - Robyn: `DATE`, KPI `revenue`, `*_S` spend, `*_I` impressions, `*_P` clicks (paid-media
 *   exposure), `*_B` context (controls), `events` categorical, organic such as `newsletter`.
 * - Meridian: `time`, `conversions` (+ `revenue_per_conversion`) or `revenue`,
 *   `ChannelN_impression`, `ChannelN_spend`, `Organic_*` organic, `*_control` controls.
 * - PyMC-Marketing: `date_week`, `y`, channels `x1`, `x2`… or `*_spend`, event columns.
 */

/** Lowercase, with runs of non-alphanumerics folded to `_` (so "TV Spend" → "tv_spend"). */
export function normalizeName(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

const DATE_NAMES = new Set([
	'date',
	'ds',
	'time',
	'day',
	'week',
	'date_week',
	'week_start',
	'week_starting',
	'week_beginning',
	'start_date',
	'period',
	'period_start',
	'dt',
	'datetime',
	'timestamp',
	'fecha',
	'datum'
]);

/** Whether a column name says "date". */
export const isDateName = (name: string): boolean => {
	const n = normalizeName(name);
	return DATE_NAMES.has(n) || /(^|_)date($|_)/.test(n);
};

/** KPI names in order of preference (normalized). */
const KPI_NAMES = [
	'revenue',
	'sales',
	'conversions',
	'y',
	'kpi',
	'target',
	'dep_var',
	'total_revenue',
	'net_revenue',
	'total_sales',
	'net_sales',
	'gmv',
	'turnover',
	'orders',
	'leads',
	'signups',
	'installs',
	'transactions',
	'bookings',
	'purchases'
];

/** Ranks below this come from an exact KPI name; `EXACT_KPI_RANKS` itself is a looser match. */
export const EXACT_KPI_RANKS = KPI_NAMES.length;

/** Rank of a column as the KPI by name: lower is better, `Infinity` when it does not look like one. */
export function kpiRank(name: string): number {
	const n = normalizeName(name);
	const exact = KPI_NAMES.indexOf(n);
	if (exact >= 0) return exact;
	if (/competitor|_per_|^per_|share|rate|price|cost|spend/.test(n)) return Infinity;
	if (/(^|_)(revenue|sales|conversions)($|_)/.test(n)) return EXACT_KPI_RANKS;
	return Infinity;
}

/** Whether a KPI name counts conversions rather than currency. */
export const isConversionsName = (name: string): boolean =>
	/conversion|order|lead|signup|sign_up|install|transaction|booking|purchase|units|subscription|(^|_)y_?count/.test(
		normalizeName(name)
	);

/** Revenue per conversion (Meridian) and its everyday synonyms. */
export const isRevenuePerConversionName = (name: string): boolean =>
	/^(revenue_per_conversion|rpc|revenue_per_order|average_order_value|aov)$/.test(
		normalizeName(name)
	);

const SPEND = /(^|_)(spend|spends|cost|costs|investment|budget|media_cost)($|_)/;
const IMPRESSIONS = /(^|_)(impression|impressions|imps|imp|impr|views|grp|grps|trp|trps)($|_)/;
const CLICKS = /(^|_)(click|clicks)($|_)/;

/** Whether a name says spend (`tv_spend`, `Spend TV`, `search cost`). */
export const isSpendName = (name: string): boolean => SPEND.test(normalizeName(name));
/** Whether a name says impressions (`facebook_impressions`, `Channel0_impression`, `tv_grp`). */
export const isImpressionsName = (name: string): boolean => IMPRESSIONS.test(normalizeName(name));
/** Whether a name says clicks. */
export const isClicksName = (name: string): boolean => CLICKS.test(normalizeName(name));

/** Organic (unpaid) activity: Meridian `Organic_*`, Robyn's `newsletter`, owned media. */
export const isOrganicName = (name: string): boolean =>
	/(^|_)(organic|newsletter|newsletters|email|emails|e_mail|seo|crm|owned|push_notifications)($|_)/.test(
		normalizeName(name)
	);

/** Controls: Meridian `*_control`, Robyn-style context and everyday covariates. */
export const isControlName = (name: string): boolean =>
	/(^|_)control($|_)|^controls?_|competitor|price|discount|temperature|weather|sentiment|unemployment|inflation|(^|_)cpi($|_)|gdp|covid|macro|consumer_confidence|stock/.test(
		normalizeName(name)
	);

/** Event indicators and categorical event columns. */
export const isEventName = (name: string): boolean =>
	/^(events?|holidays?|event_.*|holiday_.*|.*_event|.*_holiday|black_friday|christmas|promo_event|launch)$/.test(
		normalizeName(name)
	);

/**
 * Columns the MMM derives itself (trend, seasonality) or that carry no signal (row ids), and
 * geography columns that need aggregating first: better left out by default.
 */
export const isDerivedOrIdName = (name: string): boolean =>
	/^(t|trend|time_index|index|idx|id|row|unnamed_\d+|column_\d+|dayofyear|day_of_year|weekofyear|week_of_year|week_number|month|year|quarter|dayofweek|day_of_week|weekday|geo|region|dma|market|country|population)$/.test(
		normalizeName(name)
	);

/** Long-layout channel column names (`channel`, `media`, `platform`…). */
export const isChannelColumnName = (name: string): boolean =>
	/^(channel|channels|channel_name|media|medium|media_channel|media_type|platform|source|network|tactic)$/.test(
		normalizeName(name)
	);

/** Robyn suffix of a column (`_S`, `_I`, `_P`, `_B`), case-sensitive as Robyn writes them. */
export function robynSuffix(name: string): 'S' | 'I' | 'P' | 'B' | undefined {
	const m = /^(.+)_([SIPB])$/.exec(name);
	return m ? (m[2] as 'S' | 'I' | 'P' | 'B') : undefined;
}

/** PyMC-Marketing's anonymous channel columns `x1`, `x2`… */
export const isPymcChannelName = (name: string): boolean => /^x\d+$/i.test(name.trim());

// `(?<![\s_-])` lets a separator run match only from its start, so long runs of spaces or
// underscores in a hostile header cost linear time, not quadratic.
const METRIC_WORDS =
	/(^|(?<![\s_-])[\s_-]+)(spend|spends|cost|costs|investment|budget|impression|impressions|imps|imp|impr|views|grp|grps|trp|trps|click|clicks)(?=$|[\s_-])/gi;

/**
 * The channel a media column belongs to, as written in the file: Robyn suffixes and metric
 * words are removed (`tv_S` → `tv`, `Channel0_spend` → `Channel0`, `search_clicks_P` →
 * `search`, `Spend - Facebook` → `Facebook`). Falls back to the whole name.
 */
export function channelBase(name: string): string {
	const trimmed = name.trim();
	const withoutSuffix = robynSuffix(trimmed) ? trimmed.slice(0, -2) : trimmed;
	const base = withoutSuffix
		.replace(METRIC_WORDS, '')
		.replace(/^[\s_-]+|(?<![\s_-])[\s_-]+$/g, '')
		.trim();
	return base === '' ? withoutSuffix : base;
}

/**
 * The spend channel an impressions or clicks column belongs to: same base name (any case),
 * else the longest spend channel its base starts with (`facebook_mobile` → `facebook`).
 */
export function matchChannel(base: string, spendChannels: readonly string[]): string | undefined {
	const key = normalizeName(base);
	const exact = spendChannels.find((c) => normalizeName(c) === key);
	if (exact !== undefined) return exact;
	let best: string | undefined;
	for (const channel of spendChannels) {
		const c = normalizeName(channel);
		if (
			c !== '' &&
			key.startsWith(`${c}_`) &&
			(best === undefined || c.length > normalizeName(best).length)
		)
			best = channel;
	}
	return best;
}
