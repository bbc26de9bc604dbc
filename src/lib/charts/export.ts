/**
 * "Download SVG" and "Download PNG" for any chart: the chart's SVG elements (`svg[data-chart]`
 * inside a container, laid out as on screen) are copied into one standalone SVG with their
 * computed styles inlined (the page's CSS variables do not travel with a file), a title, and the
 * chart's legend (`.legend li`, HTML on screen) drawn as SVG. The PNG is that SVG drawn on a
 * canvas. Nothing leaves the browser.
 */
import { downloadBlob, fileStem } from '$lib/app/download';

/** Presentation properties copied from the page's computed styles into the file. */
const STYLE_PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'stroke-linejoin',
	'stroke-linecap',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'text-anchor',
	'dominant-baseline',
	'paint-order'
] as const;

/** One legend entry as exported: its text and colour. */
export interface ExportLegendItem {
	label: string;
	colour: string;
}

/** A legend entry placed in the exported file, px from the file's left and top. */
export interface PlacedLegendItem extends ExportLegendItem {
	x: number;
	y: number;
}

const FONT_PX = 12;
const TITLE_PX = 15;
const LINE_PX = 18;
const MARGIN = 12;

/** File name for a chart title: "Cumulative LTV-profit" → "marginal-cumulative-ltv-profit". */
export function chartFileName(title: string): string {
	return `marginal-${fileStem(title, 'chart')}`;
}

/**
 * Lay legend entries out in rows within `width` px (a swatch, the label, a gap), starting at
 * `top`. Returns the entries' positions and the height used.
 */
export function layoutLegend(
	items: readonly ExportLegendItem[],
	width: number,
	top: number
): { items: PlacedLegendItem[]; height: number } {
	const placed: PlacedLegendItem[] = [];
	let x = MARGIN;
	let y = top;
	for (const item of items) {
		const w = 18 + item.label.length * FONT_PX * 0.6 + 16;
		if (x > MARGIN && x + w > width - MARGIN) {
			x = MARGIN;
			y += LINE_PX;
		}
		placed.push({ ...item, x, y });
		x += w;
	}
	return { items: placed, height: items.length ? y - top + LINE_PX : 0 };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Copy computed presentation styles of `source` and its descendants onto the clone `target`. */
function inlineStyles(source: Element, target: Element): void {
	const style = getComputedStyle(source);
	if (style.display === 'none' || style.visibility === 'hidden') {
		target.remove();
		return;
	}
	const inline = STYLE_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
	target.setAttribute('style', inline);
	target.removeAttribute('class');
	for (let i = source.children.length - 1; i >= 0; i--) {
		inlineStyles(source.children[i], target.children[i]);
	}
}

/** The colour of a legend entry's key (its first drawn shape). */
function legendColour(li: Element): string {
	const shape = li.querySelector('svg line, svg rect, svg circle, svg path, .swatch');
	if (!shape) return 'currentColor';
	const style = getComputedStyle(shape);
	if (shape instanceof HTMLElement) return style.backgroundColor;
	// Lines and rings are drawn by their stroke; swatches and dots by their fill.
	return style.stroke && style.stroke !== 'none' ? style.stroke : style.fill;
}

/** One standalone SVG file of the charts in `container`, titled `title`. */
export function figureSvg(
	container: HTMLElement,
	title: string
): { svg: string; width: number; height: number } {
	const box = container.getBoundingClientRect();
	const charts = [...container.querySelectorAll<SVGSVGElement>('svg[data-chart]')];
	const width = Math.ceil(box.width);
	const legend = layoutLegend(
		[...container.querySelectorAll('.legend li')].map((li) => ({
			label: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
			colour: legendColour(li)
		})),
		width,
		MARGIN + TITLE_PX + 20
	);
	const top = MARGIN + TITLE_PX + 20 + legend.height;
	let bottom = top;
	const parts: string[] = [];
	for (const chart of charts) {
		const rect = chart.getBoundingClientRect();
		if (rect.width === 0) continue;
		const first = charts[0].getBoundingClientRect().top;
		const clone = chart.cloneNode(true) as SVGSVGElement;
		inlineStyles(chart, clone);
		clone.setAttribute('x', String(Math.round(rect.left - box.left)));
		clone.setAttribute('y', String(Math.round(top + rect.top - first)));
		clone.setAttribute('width', String(Math.round(rect.width)));
		clone.setAttribute('height', String(Math.round(rect.height)));
		clone.setAttribute('overflow', 'visible');
		clone.removeAttribute('aria-hidden');
		parts.push(new XMLSerializer().serializeToString(clone));
		bottom = Math.max(bottom, top + rect.bottom - first);
	}
	const height = Math.ceil(bottom + MARGIN);
	const font = getComputedStyle(container).fontFamily.replace(/"/g, "'");
	const legendSvg = legend.items
		.map(
			(item) =>
				`<rect x="${item.x}" y="${item.y - 9}" width="12" height="10" rx="2" fill="${item.colour}"/>` +
				`<text x="${item.x + 18}" y="${item.y}" font-size="${FONT_PX}">${escapeXml(item.label)}</text>`
		)
		.join('');
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${font}">` +
		`<rect width="100%" height="100%" fill="#ffffff"/>` +
		`<text x="${MARGIN}" y="${MARGIN + TITLE_PX}" font-size="${TITLE_PX}" font-weight="600">${escapeXml(title)}</text>` +
		legendSvg +
		parts.join('') +
		`</svg>`;
	return { svg, width, height };
}

/** Save the charts in `container` as an SVG file. */
export function downloadSvg(container: HTMLElement, title: string): void {
	const { svg } = figureSvg(container, title);
	downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${chartFileName(title)}.svg`);
}

/** Save the charts in `container` as a PNG, `scale` × the on-screen size (sharp on print and HiDPI). */
export async function downloadPng(container: HTMLElement, title: string, scale = 2): Promise<void> {
	const { svg, width, height } = figureSvg(container, title);
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('This browser cannot draw the chart to an image.');
		context.scale(scale, scale);
		context.drawImage(image, 0, 0, width, height);
		const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
		if (!blob) throw new Error('This browser could not encode the image.');
		downloadBlob(blob, `${chartFileName(title)}.png`);
	} finally {
		URL.revokeObjectURL(url);
	}
}
