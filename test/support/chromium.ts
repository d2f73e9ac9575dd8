import { describe } from '@jest/globals';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs and names here; browser tests run only where it is set. */
export const CHROMIUM = process.env.DCR_TEST_CHROMIUM;

/** `describe` when a Chromium is configured, `describe.skip` under a name that says what is missing otherwise. */
export function describeInChromium(name: string, body: () => void): void {
  if (CHROMIUM) describe(name, body);
  else describe.skip(`${name} (skipped: set DCR_TEST_CHROMIUM to a Chromium executable)`, body);
}

/**
 * A headless Chromium (Playwright gives each launch a fresh profile) with nothing that reaches out to the network on
 * its own: the machines' network is closed, and Chromium's background connections would fail, many at a time.
 */
export function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('DCR_TEST_CHROMIUM is not set');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
