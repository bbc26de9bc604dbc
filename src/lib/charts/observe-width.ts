/**
 * An element's width for charts that size themselves to their box, read without forcing a
 * layout. `bind:clientWidth` reads the width synchronously as each chart mounts, so a report of
 * many charts laid the whole page out once per chart (tens of ms each on a slow machine). Here
 * one shared ResizeObserver reports every chart's width after the browser's own layout, all in
 * one callback, so the charts draw together in one update.
 */
import type { Attachment } from 'svelte/attachments';

type Listener = (width: number) => void;

const listeners = new Map<Element, Listener>();
let observer: ResizeObserver | null = null;

function shared(): ResizeObserver {
	observer ??= new ResizeObserver((entries) => {
		for (const entry of entries) {
			// clientWidth (content plus padding, as bind:clientWidth gives) is free to read here:
			// the layout is fresh and nothing has been written since.
			listeners.get(entry.target)?.((entry.target as HTMLElement).clientWidth);
		}
	});
	return observer;
}

/**
 * `{@attach observeWidth((w) => (width = w))}`: calls `onWidth` with the element's clientWidth,
 * px, after its first layout and whenever it changes size; stops when the element goes.
 */
export function observeWidth(onWidth: Listener): Attachment<HTMLElement> {
	return (element) => {
		listeners.set(element, onWidth);
		shared().observe(element);
		return () => {
			listeners.delete(element);
			observer?.unobserve(element);
		};
	};
}
