/**
 * Saving a text file to the user's downloads, the usual browser way: a Blob behind a temporary
 * object URL and a clicked `<a download>`. DOM only; nothing leaves the device.
 */

/** Offer `text` as a download named `fileName`. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoke after the click has been handled; revoking at once can cancel the download.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
