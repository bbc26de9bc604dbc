/**
 * Saving files to the user's downloads, the usual browser way: a Blob behind a temporary object
 * URL and a clicked `<a download>` — nothing leaves the device. One place for every download
 * (results, runs, scenarios, charts, decision logs) and for turning names into file names.
 */

/** A file name stem: lowercase words joined by dashes, accents dropped, at most 60 characters. */
export function fileStem(name: string, fallback = 'marginal'): string {
	const stem = name
		.toLowerCase()
		.normalize('NFKD')
		// Accents become their base letters (é → e) rather than word breaks.
		.replace(/\p{M}/gu, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return stem || fallback;
}

/**
 * A dataset's file stem: datasets are named after their files, so "sales.csv" gives "sales" (not
 * "sales-csv") for the files made from it.
 */
export function datasetStem(name: string): string {
	return fileStem(name.replace(/\.(csv|tsv|txt)$/i, ''), 'dataset');
}

/** Offer `blob` as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoke after the click has been handled: some browsers read the URL asynchronously.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offer `text` as a download named `fileName` with MIME `type`. */
export function downloadText(text: string, fileName: string, type: string): void {
	downloadBlob(new Blob([text], { type }), fileName);
}
