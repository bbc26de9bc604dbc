// Make sure Playwright has a Chromium to drive before the browser tests run.
// Playwright cannot download its own browsers on our machines: use Debian's Chromium
// (/usr/bin/chromium), installing it with apt-get when we can; elsewhere fall back to
// Playwright's own browser download.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const debian = '/usr/bin/chromium';
const run = (command) => execSync(command, { stdio: 'inherit' });

if (existsSync(debian)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
try {
	if (hasApt) {
		const sudo = isRoot ? '' : 'sudo ';
		console.log("Installing Debian's Chromium for the browser tests…");
		run(`${sudo}apt-get update`);
		run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium`);
	} else {
		console.log("Installing Playwright's Chromium for the browser tests…");
		run('npx playwright install chromium');
	}
} catch (error) {
	console.error(`Could not install a browser for the tests: ${error.message}`);
	process.exit(1);
}
