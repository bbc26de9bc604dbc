/** Checks on a drawn chart's text that several browser tests share. */
import type { Locator } from '@playwright/test';

/** Pairs of labels in a group (an svg) whose boxes overlap, as `"a" × "b"`. */
export async function overlappingLabels(group: Locator): Promise<string[]> {
	return group.evaluate((root) => {
		const boxes = [...root.querySelectorAll('text')].map((t) => ({
			text: t.textContent ?? '',
			box: t.getBoundingClientRect()
		}));
		const clashes: string[] = [];
		for (let i = 0; i < boxes.length; i++) {
			for (let j = i + 1; j < boxes.length; j++) {
				const a = boxes[i].box;
				const b = boxes[j].box;
				if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
					clashes.push(`"${boxes[i].text}" × "${boxes[j].text}"`);
				}
			}
		}
		return clashes;
	});
}
