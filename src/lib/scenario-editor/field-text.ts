/**
 * What each scenario field is called in the editor, its unit and a one-line hint, taken from the
 * doc comments of the format (src/lib/sim/scenario.ts). Words only: ranges, defaults and
 * messages come from the schema (schema-fields.ts), so the two never disagree on a rule.
 *
 * Keys are generic paths (`channels[].hill.slope`). `{currency}` in a unit is replaced by the
 * scenario's currency code.
 */

/** Label, unit and hint of one field. */
export interface FieldText {
	/** Short label next to the input. */
	label: string;
	/** Unit shown beside the input ('' when the value has none). */
	unit: string;
	/** One sentence on what the value means (shown on demand). */
	hint: string;
}

const t = (label: string, unit: string, hint: string): FieldText => ({ label, unit, hint });

/** Labels of every editable field, by generic path. */
export const FIELD_TEXT: Readonly<Record<string, FieldText>> = {
	name: t('Name', '', 'Display name of the scenario.'),
	description: t('Description', '', 'What the scenario shows, in a sentence or two.'),
	seed: t('Seed', '', 'The same seed and scenario give the same market, everywhere.'),
	days: t('Pilot length', 'days', 'Horizon of the pilot, from day 0.'),
	startDate: t('Start date', 'YYYY-MM-DD', 'Date of day 0, for weekdays and seasons in charts.'),
	currency: t('Currency', 'ISO code', 'Currency code used in labels, e.g. USD or EUR.'),
	dailyBudget: t('Daily budget', '{currency}/day', 'Total budget per day across all channels.'),
	'history.days': t(
		'History',
		'days',
		'Days of business as usual at the historical split before the pilot; every policy may learn from them.'
	),
	'history.flighting': t(
		'Flighting',
		'log-sd',
		'How much each channel’s budget varies in two-week flights during the history.'
	),
	slotsPerDay: t(
		'Slots per day',
		'slots',
		'Decision and delivery slots per day (pacing works within a day).'
	),
	'intraday.inventoryShare': t(
		'Inventory share',
		'relative',
		'Share of the day’s inventory in each slot.'
	),
	'intraday.cpmIndex': t('CPM index', '× CPM', 'CPM multiplier in each slot.'),

	'channels[].id': t('Id', '', 'Stable id used in links and paths; generated from the name.'),
	'channels[].name': t('Name', '', 'Display name of the channel.'),
	'channels[].stage': t(
		'Funnel stage',
		'',
		'Upper-funnel channels create halo demand for lower-funnel ones.'
	),
	'channels[].historicalShare': t(
		'Historical share',
		'weight',
		'Share of the budget this channel received under business as usual (shares are normalised).'
	),
	'channels[].auction.medianCpm': t(
		'Median CPM',
		'{currency}/1,000 impr.',
		'Median competing bid: the market price of impressions.'
	),
	'channels[].auction.spread': t(
		'Bid spread',
		'log-sd',
		'Spread of competing bids: higher means a wider range of prices.'
	),
	'channels[].impressionsPerUser': t(
		'Inventory depth',
		'impr./user/day',
		'Impression opportunities per reachable user per day.'
	),
	'channels[].reach': t(
		'Reach',
		'share of segment',
		'Share of each segment’s people the channel can reach.'
	),
	'channels[].maxConversionRate': t(
		'Max conversion rate',
		'conv./user/day',
		'Incremental conversions per reachable user per day at full saturation.'
	),
	'channels[].ctr': t('CTR', 'clicks/impr.', 'Base click-through rate per impression.'),
	'channels[].hill.halfSaturation': t(
		'Half-saturation',
		'eff. impr./user/day',
		'Effective impressions per audience member per day giving half the maximum response.'
	),
	'channels[].hill.slope': t('Hill slope', '', 'Shape of saturation: ≤ 1 concave, > 1 S-shaped.'),
	'channels[].adstock.decay': t(
		'Adstock decay',
		'carried/day',
		'Share of effective exposure carried to the next day.'
	),
	'channels[].adstock.delayStages': t(
		'Delay stages',
		'stages',
		'0 = geometric carry-over; 1–3 = a delayed peak.'
	),
	'channels[].conversionDelayDays': t(
		'Conversion delay',
		'days (mean)',
		'Mean days from effective exposure to conversion.'
	),
	'channels[].lastTouchWeight': t(
		'Last-touch weight',
		'weight',
		'How often this channel is the last click before a conversion it reached.'
	),
	'channels[].platformClaim': t(
		'Platform claim',
		'share',
		'Share of conversions among people it reached that the platform claims.'
	),
	'channels[].haloStrength': t(
		'Halo strength',
		'conv./direct conv.',
		'Extra conversions created later through other channels, per direct conversion.'
	),
	'channels[].haloReceptivity': t(
		'Halo receptivity',
		'× baseline',
		'How strongly halo demand raises this channel’s volume (brand search: high).'
	),
	'channels[].unsafeShare': t(
		'Unsafe inventory',
		'share',
		'Share of inventory that is brand-unsafe.'
	),
	'channels[].existingCustomerShare': t(
		'Existing customers',
		'share of audience',
		'Share of the audience already customers (wasted unless suppressed).'
	),
	'channels[].refreshQualitySd': t(
		'Refresh quality sd',
		'sd',
		'Standard deviation of a refreshed creative’s quality (mean 1).'
	),

	'channels[].creatives[].id': t('Id', '', 'Stable id, unique within the channel.'),
	'channels[].creatives[].name': t('Name', '', 'Display name of the creative.'),
	'channels[].creatives[].quality': t(
		'Quality',
		'× average',
		'Persuasiveness relative to an average creative.'
	),
	'channels[].creatives[].ctrIndex': t(
		'CTR index',
		'× channel CTR',
		'Click-through rate relative to the channel’s.'
	),
	'channels[].creatives[].fatigueRate': t(
		'Fatigue',
		'per impr./user',
		'Wear-out: effectiveness is 1 / (1 + fatigue · recent impressions per user).'
	),
	'channels[].creatives[].recoveryRate': t(
		'Recovery',
		'share/day',
		'Share of the exposure stock forgotten per day while resting.'
	),
	'channels[].creatives[].active': t(
		'Live',
		'',
		'Live at the start; inactive creatives are reserves a policy may launch.'
	),

	'segments[].id': t('Id', '', 'Stable id used in links and paths; generated from the name.'),
	'segments[].name': t('Name', '', 'Display name of the segment.'),
	'segments[].population': t('Population', 'people', 'People in the segment.'),
	'segments[].baselineConversions': t(
		'Baseline conversions',
		'conv./day',
		'Organic conversions per day with zero spend.'
	),
	'segments[].propensity': t(
		'Propensity',
		'× average',
		'Propensity to click and convert relative to average.'
	),
	'segments[].cpmIndex': t(
		'CPM index',
		'× median CPM',
		'Price of reaching this segment relative to the channel’s.'
	),
	'segments[].orderValue': t('Order value', '{currency}/order', 'Revenue per order.'),
	'segments[].margin': t('Gross margin', 'share of revenue', 'Gross margin on revenue.'),
	'segments[].repeatOrdersPerMonth': t(
		'Repeat orders',
		'orders/active customer/30 days',
		'Repeat orders per active customer per 30 days.'
	),
	'segments[].retention.alpha': t(
		'Churn α',
		'Beta shape',
		'Monthly churn ~ Beta(α, β): mean churn is α / (α + β).'
	),
	'segments[].retention.beta': t(
		'Churn β',
		'Beta shape',
		'Larger β means lower churn; α + β sets how alike customers are.'
	),

	'seasonality.weekly': t(
		'Weekly pattern',
		'× demand',
		'Demand multipliers Monday to Sunday (normalised to mean 1).'
	),
	'seasonality.yearlyAmplitude': t(
		'Yearly amplitude',
		'± share',
		'Amplitude of the yearly demand cycle.'
	),
	'seasonality.yearlyPeakDay': t(
		'Yearly peak',
		'day of year',
		'Day (from the start date) where the yearly cycle peaks.'
	),
	'seasonality.trendPerYear': t(
		'Trend',
		'growth/year',
		'Demand growth per year (0.1 = +10 % a year).'
	),
	'seasonality.cpmElasticity': t(
		'CPM elasticity',
		'',
		'How much CPMs follow demand: CPM × demand^elasticity.'
	),

	'events[].name': t('Name', '', 'Name of the event (a sale, a holiday).'),
	'events[].startDay': t('First day', 'day', 'First day of the event (0-based).'),
	'events[].endDay': t('Last day', 'day', 'Last day of the event (inclusive).'),
	'events[].demandMultiplier': t('Demand', '× demand', 'Demand multiplier while the event lasts.'),

	'noise.demandSd': t('Daily demand noise', 'log-sd', 'Size of the random daily demand shock.'),
	'halo.decay': t('Halo decay', 'carried/day', 'Share of halo demand carried to the next day.'),
	'attribution.directWeight': t(
		'Direct weight',
		'weight',
		'Weight of the no-ad path (direct/organic) against the channels’ last-touch weights.'
	),
	'ltv.horizonDays': t('LTV horizon', 'days', 'Days after acquisition counted in lifetime value.'),
	'ltv.annualDiscountRate': t(
		'Discount rate',
		'per year',
		'Annual discount rate applied to future margin.'
	),

	'regimeShifts[].day': t('Day', 'day', 'Day (0-based) from which the new value holds.'),
	'regimeShifts[].path': t(
		'Field',
		'path',
		'Field to change, e.g. channels[display].auction.medianCpm or segments[0].propensity.'
	),
	'regimeShifts[].value': t('New value', '', 'The value the field takes from that day.')
};

/** Label, unit and hint of a field (by generic path), with the currency filled in. */
export function fieldText(genericPath: string, currency: string): FieldText {
	const text = FIELD_TEXT[genericPath];
	if (!text) return { label: genericPath, unit: '', hint: '' };
	return { ...text, unit: text.unit.replace('{currency}', currency || 'currency') };
}
