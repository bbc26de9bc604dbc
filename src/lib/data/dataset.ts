/**
 * A marketing dataset after import: one row per period (day or week), the KPI, spend (and
 * optionally impressions/clicks) per paid channel, controls, events and organic activity.
 * Produced by the CSV importer (src/lib/data/import), consumed by the MMM (src/lib/data/mmm).
 * Plain data with typed arrays, so it crosses to a worker and into IndexedDB as is.
 */

export type Granularity = 'day' | 'week';

/** What the KPI counts. */
export type KpiKind = 'revenue' | 'conversions';

export interface DatasetSeries {
	/** Column name as it appeared in the file. */
	name: string;
	values: Float64Array;
}

export interface DatasetChannel {
	/** Stable id derived from the column names (lowercase, [a-z0-9_-]). */
	id: string;
	/** Display name. */
	name: string;
	/** Spend per period, currency units. */
	spend: Float64Array;
	/** Impressions per period, when the file has them. */
	impressions?: Float64Array;
	/** Clicks per period, when the file has them. */
	clicks?: Float64Array;
}

export interface Dataset {
	/** Display name (usually the file name). */
	name: string;
	granularity: Granularity;
	/** Period start dates, ISO YYYY-MM-DD, strictly increasing, evenly spaced [T]. */
	dates: string[];
	kpi: {
		name: string;
		kind: KpiKind;
		/** KPI per period [T]. */
		values: Float64Array;
		/** Revenue per conversion per period, when the KPI is conversions and the file says (Meridian) [T]. */
		revenuePerConversion?: Float64Array;
	};
	channels: DatasetChannel[];
	/** Continuous controls (competitor sales, sentiment, price…) [T each]. */
	controls: DatasetSeries[];
	/** Event indicators, 0/1 per period, one series per event level [T each]. */
	events: DatasetSeries[];
	/** Unpaid media (newsletter, organic impressions) [T each], modelled like controls. */
	organic: DatasetSeries[];
	/**
	 * What no analyst's data says: each channel's true ROAS, known only for a market simulated by
	 * Marginal (simulated-market.ts), so the fit can be checked against it. Absent otherwise.
	 */
	truth?: DatasetTruth;
	/** Where the data came from: detected layout and the column mapping used. */
	source: {
		layout: 'robyn' | 'meridian' | 'pymc' | 'long' | 'mapped';
		fileName: string;
		/** Data rows read from the file (excluding the header and blank rows). */
		rows: number;
		/** The role each column of the file was mapped to, in file order (absent in datasets built by hand). */
		columns?: DatasetSourceColumn[];
	};
}

/** The simulator's truth behind a simulated dataset. */
export interface DatasetTruth {
	/** What was simulated (scenario, seed, weeks), in words. */
	source: string;
	/**
	 * Per channel (by id): the true ROAS (incremental KPI revenue per currency unit of spend) and
	 * the true incremental KPI of each period, what a perfect lift test would measure [T].
	 */
	roas: { channel: string; value: number; perPeriod: number[] }[];
}

/** Role a file column played in the import (see ColumnRole in src/lib/data/import/mapping.ts). */
export type DatasetColumnRole =
	| 'date'
	| 'kpi'
	| 'revenuePerConversion'
	| 'spend'
	| 'impressions'
	| 'clicks'
	| 'channel'
	| 'control'
	| 'event'
	| 'organic'
	| 'ignore';

/** One column of the source file and what it became. */
export interface DatasetSourceColumn {
	/** Header as in the file. */
	name: string;
	role: DatasetColumnRole;
	/** Channel display name, for spend / impressions / clicks columns of the wide layout. */
	channel?: string;
}

/** Number of periods. */
export const periodsOf = (dataset: Dataset): number => dataset.dates.length;
