/**
 * The report page's state: with a run id, that saved run (from IndexedDB) and the facts its
 * report states; without one, the saved runs to choose from. Loading is latest-wins: a newer
 * `open` supersedes one still waiting on the database.
 */
import { reportFacts, type ReportFacts } from '../experiment/report-facts';
import { getRun, listRuns, type RunSummary, type SavedRun } from '../storage';

/** What the page shows. */
export type ReportPageState =
	| { kind: 'loading' }
	| { kind: 'list'; runs: RunSummary[]; unreadable: number }
	| { kind: 'report'; run: SavedRun }
	| { kind: 'error'; message: string; listLink: boolean };

/** The report page: one saved run's report, or the list of saved runs. */
export class ReportPage {
	state = $state.raw<ReportPageState>({ kind: 'loading' });
	/** The facts of the run shown (null until a run is loaded). */
	facts = $derived.by<ReportFacts | null>(() => {
		const s = this.state;
		return s.kind === 'report' ? reportFacts(s.run.result, s.run.config, s.run.scenario) : null;
	});
	#request = 0;

	/** Show run `id`, or the list of saved runs when `id` is null or empty. */
	async open(id: string | null): Promise<void> {
		const request = ++this.#request;
		this.state = { kind: 'loading' };
		if (id) {
			const got = await getRun(id);
			if (request !== this.#request) return;
			this.state = got.ok
				? { kind: 'report', run: got.value }
				: {
						kind: 'error',
						message:
							got.error.kind === 'not-found'
								? 'No saved run has this id in this browser: it may have been deleted, or saved in another browser.'
								: got.error.message,
						listLink: true
					};
			return;
		}
		const listed = await listRuns();
		if (request !== this.#request) return;
		this.state = listed.ok
			? { kind: 'list', runs: listed.value.runs, unreadable: listed.value.unreadable }
			: { kind: 'error', message: listed.error.message, listLink: false };
	}
}
