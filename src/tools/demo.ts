import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCode, render, reviewRepository } from '../cli/check.js';

/**
 * `npm run demo`: builds a throw-away git repository from contracts-example/ (main, then the pull request on a
 * branch) and reviews it exactly as `dcr check` would, printing the terminal report and the PR comment.
 */
const example = fileURLToPath(new URL('../../contracts-example/', import.meta.url));
const repo = mkdtempSync(join(tmpdir(), 'dcr-demo-'));
const git = (...args: string[]): void => {
  execFileSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', ...args], { cwd: repo, stdio: 'ignore' });
};

cpSync(join(example, 'main'), repo, { recursive: true });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'Shop database and its data contracts');
git('checkout', '-q', '-b', 'checkout-v2');
cpSync(join(example, 'pull-request'), repo, { recursive: true });
git('add', '-A');
git('commit', '-q', '-m', 'Checkout v2');

const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
console.log(`Reviewing the pull request in ${repo} (dcr check --base main --head checkout-v2)\n`);
const review = await reviewRepository({ repo, base: 'main', head: 'checkout-v2' });
process.stdout.write(render(review, 'text', color));
console.log('\nThe comment the GitHub App would post (dcr check --format markdown):\n');
process.stdout.write(render(review, 'markdown'));
console.log(`\nExit status of dcr check: ${exitCode(review)}. Try the JSON interface yourself:`);
console.log(`  node lib/cli/bin.js check --repo ${repo} --base main --head checkout-v2 --format json`);
