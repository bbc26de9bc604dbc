/**
 * Every browser test runs through this `test`: it fails the test on any Content-Security-Policy
 * violation Chromium reports in any page of the test's context, so the whole suite checks the
 * policy, not only the test that visits every page.
 */
import { test as base, expect } from '@playwright/test';

export * from '@playwright/test';

export const test = base.extend<{ cspGuard: void }>({
	cspGuard: [
		async ({ context }, use) => {
			const violations: string[] = [];
			const watch = (page: import('@playwright/test').Page) =>
				page.on('console', (message) => {
					if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
				});
			context.pages().forEach(watch);
			context.on('page', watch);
			await use();
			expect(violations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});
