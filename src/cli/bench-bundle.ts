/**
 * Initial JavaScript of the built app, for `npm run bench`: the gzip size of every script the
 * entry page loads before it is interactive — the modules its HTML imports and modulepreloads,
 * and whatever those import statically, followed transitively. Dynamic `import()`s (the charts,
 * workers, TF.js) are not counted: they load later, on demand. Reads the build directory
 * (MARGINAL_OUT, default `build`), building first when there is none. Goal: at most 150 KB.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from './bench';

/** The budget for the initial JavaScript, gzip kB (issue 5). */
export const INITIAL_JS_BUDGET_KB = 150;

/** Module paths a page's HTML loads: `<link rel="modulepreload">`, `<script src>` and `import("…")`. */
export function htmlScripts(html: string): string[] {
	const found = new Set<string>();
	for (const m of html.matchAll(/<link\b[^>]*>/g)) {
		const tag = m[0];
		if (!/rel=["']?modulepreload/.test(tag)) continue;
		const href = /href=["']([^"']+)["']/.exec(tag);
		if (href) found.add(href[1]);
	}
	for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/g)) found.add(m[1]);
	// The inline bootstrap script imports the entry modules.
	for (const m of html.matchAll(/\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)) found.add(m[1]);
	return [...found];
}

/** Relative modules a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`, re-exports). */
export function staticImports(code: string): string[] {
	const found = new Set<string>();
	const pattern =
		/(?:\bimport|\bexport)\s*(?:[\w*${}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
	for (const m of code.matchAll(pattern)) found.add(m[1]);
	return [...found];
}

/** Gzip bytes and the files of the JS the page at `htmlFile` loads first, inside `root`. */
export function initialJs(
	root: string,
	htmlFile = 'index.html'
): { bytes: number; files: string[] } {
	const html = readFileSync(join(root, htmlFile), 'utf8');
	const queue = htmlScripts(html).map((src) => normalize(join(root, dirname(htmlFile), src)));
	const seen = new Set<string>();
	let bytes = 0;
	while (queue.length) {
		const file = queue.shift()!;
		if (seen.has(file) || !file.startsWith(normalize(root)) || !existsSync(file)) continue;
		seen.add(file);
		const code = readFileSync(file);
		bytes += gzipSync(code, { level: 9 }).length;
		for (const dep of staticImports(code.toString('utf8'))) queue.push(join(dirname(file), dep));
	}
	return { bytes, files: [...seen].map((f) => relative(root, f)) };
}

/** `bundle.initial_js_gzip_kb` (and the number of files) for the built app. */
export function benchBundle(): Figure[] {
	const root = process.env.MARGINAL_OUT ?? 'build';
	if (!existsSync(join(root, 'index.html'))) {
		// A fresh clone has no build yet: make one (progress on stderr, JSON lines stay clean).
		console.error(`bench: no build in ${root}/, running vite build first…`);
		execSync('npx vite build', { stdio: ['ignore', process.stderr, process.stderr] });
	}
	const { bytes, files } = initialJs(root);
	return [
		{
			name: 'bundle.initial_js_gzip_kb',
			value: Math.round((bytes / 1024) * 10) / 10,
			unit: 'kB',
			note: `gzip -9 of the ${files.length} scripts the Lab page (index.html) loads first; goal ≤ ${INITIAL_JS_BUDGET_KB}`
		},
		{ name: 'bundle.initial_js_files', value: files.length, unit: 'files' }
	];
}
