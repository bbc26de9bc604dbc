/**
 * The Runs page's state: the saved runs' list, the run opened or the two compared, and the
 * outcome of the last action. Every storage call returns a Stored value, so a failure becomes
 * a message on the page (never a blank page) and what was on screen stays.
 */
import {
	deleteAllData,
	deleteRun,
	getRun,
	listRuns,
	renameRun,
	type RunSummary,
	type SavedRun
} from '$lib/storage';

/** A message after an action: what happened, or what went wrong. */
export interface Notice {
	kind: 'done' | 'error';
	text: string;
}

/** The saved runs and what the page shows of them. */
export class RunsLibrary {
	/** Saved runs, newest first. */
	runs = $state.raw<RunSummary[]>([]);
	/** Stored records this version cannot read (skipped, counted). */
	unreadable = $state(0);
	/** Whether the list has been read at least once. */
	loaded = $state(false);
	/** Why the list could not be read (the list keeps what it had). */
	listError = $state<string | null>(null);
	/** The run opened, or why it could not be. */
	opened = $state.raw<SavedRun | null>(null);
	openError = $state<string | null>(null);
	/** The two runs compared (first, second). */
	compared = $state.raw<[SavedRun, SavedRun] | null>(null);
	/** Ids ticked for comparing, in the order ticked (at most two). */
	selected = $state<string[]>([]);
	/** The last action's outcome. */
	notice = $state<Notice | null>(null);

	#retry: ReturnType<typeof setTimeout> | undefined;
	#shown = 0;

	/** Read the list again. */
	async load(): Promise<void> {
		clearTimeout(this.#retry);
		const listed = await listRuns();
		this.loaded = true;
		if (!listed.ok) {
			this.listError = listed.error.message;
			// Another tab holds an older version open: the upgrade goes ahead once it closes, so
			// try again until then rather than asking for a reload.
			if (listed.error.kind === 'blocked') this.#retry = setTimeout(() => void this.load(), 1500);
			return;
		}
		this.listError = null;
		this.runs = listed.value.runs;
		this.unreadable = listed.value.unreadable;
		this.selected = this.selected.filter((id) => this.runs.some((r) => r.id === id));
	}

	/** Tick or untick a run for comparing; a third tick replaces the oldest. */
	toggle(id: string): void {
		this.selected = this.selected.includes(id)
			? this.selected.filter((s) => s !== id)
			: [...this.selected, id].slice(-2);
	}

	/** Show the runs named by the page's address: one run, two to compare, or the list. */
	async show(view: { run: string | null; compare: string[] }): Promise<void> {
		// Latest wins: a slow read for an address already left must not replace the newer view.
		const ticket = ++this.#shown;
		this.openError = null;
		if (view.run) {
			this.compared = null;
			if (this.opened?.id === view.run) return;
			const run = await getRun(view.run);
			if (ticket !== this.#shown) return;
			this.opened = run.ok ? run.value : null;
			if (!run.ok) this.openError = run.error.message;
		} else if (view.compare.length === 2) {
			this.opened = null;
			const [a, b] = await Promise.all(view.compare.map((id) => getRun(id)));
			if (ticket !== this.#shown) return;
			if (a.ok && b.ok) this.compared = [a.value, b.value];
			else {
				this.compared = null;
				this.openError = (a.ok ? null : a.error.message) ?? (b.ok ? '' : b.error.message);
			}
		} else {
			this.opened = null;
			this.compared = null;
		}
	}

	/** Rename a run; returns the error to show next to the name field, or null. */
	async rename(id: string, name: string): Promise<string | null> {
		const renamed = await renameRun(id, name);
		if (!renamed.ok) return renamed.error.message;
		const update = <T extends RunSummary>(run: T): T =>
			run.id === id ? { ...run, name: renamed.value.name } : run;
		this.runs = this.runs.map(update);
		if (this.opened) this.opened = update(this.opened);
		if (this.compared) this.compared = [update(this.compared[0]), update(this.compared[1])];
		this.notice = { kind: 'done', text: `Renamed to “${renamed.value.name}”.` };
		return null;
	}

	/** Delete a run (after the page has asked). */
	async remove(run: RunSummary): Promise<boolean> {
		const deleted = await deleteRun(run.id);
		if (!deleted.ok) {
			this.notice = { kind: 'error', text: deleted.error.message };
			return false;
		}
		this.runs = this.runs.filter((r) => r.id !== run.id);
		this.selected = this.selected.filter((id) => id !== run.id);
		if (this.opened?.id === run.id) this.opened = null;
		this.notice = { kind: 'done', text: `Deleted “${run.name}”.` };
		return true;
	}

	/** Delete every saved run, scenario, dataset, model and setting (after the page has asked). */
	async removeAll(): Promise<void> {
		const deleted = await deleteAllData();
		// Even a partial failure may have emptied the stores: show what is really left.
		await this.load();
		this.opened = null;
		this.compared = null;
		this.notice = deleted.ok
			? { kind: 'done', text: 'All your data in Marginal is deleted from this browser.' }
			: { kind: 'error', text: deleted.error.message };
	}
}
