/**
 * Handing a scenario to the lab: the lab page reads `/?scenario=<saved scenario id>` and
 * preselects that scenario from IndexedDB (the contract between the two pages). Only a saved
 * scenario can be handed over, so the editor saves the draft first.
 */

/** The query parameter the lab reads. */
export const LAB_SCENARIO_PARAM = 'scenario';

/** The query string (`?scenario=…`) that makes the lab preselect saved scenario `id`. */
export function labSearch(id: string): string {
	return `?${new URLSearchParams({ [LAB_SCENARIO_PARAM]: id }).toString()}`;
}

/** The saved scenario id a URL asks to open (`?scenario=…`), or null. */
export function scenarioIdFrom(url: URL): string | null {
	const id = url.searchParams.get(LAB_SCENARIO_PARAM);
	return id && id.trim() ? id : null;
}
