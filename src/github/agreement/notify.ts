import type { Logger } from 'pino';
import type { Finding, Review } from '../../core/review.js';
import type { GitHubClient } from '../client/installation-octokit.js';
import { ownComments } from '../comment.js';

/** What consumers are told when a pull request that concerns them lands. */
export interface MergeNotice {
  /** The comment's markdown, mentioning every contact concerned. */
  markdown: string;
  /** The same news as plain text, for an incoming webhook. */
  text: string;
}

export const MERGE_MARKER = '<!-- data-contract-review:merged -->';

const isAgreementChange = (finding: Finding) => finding.rule.startsWith('contract-');

/**
 * The notice for a merged pull request, or undefined when it landed nothing consumers need to hear about: no
 * accepted break, no override, no change to a contract.
 */
export function mergeNotice(review: Review, pull: { number: number; url: string }, contractUrl: (file: string) => string): MergeNotice | undefined {
  const accepted = review.findings.filter((finding) => finding.accepted);
  const changes = review.findings.filter(isAgreementChange);
  const overridden = review.override?.allowed ? review.override : undefined;
  if (accepted.length === 0 && changes.length === 0 && !overridden) return undefined;
  // A changed agreement concerns everyone bound by it: its consumers and whoever had to approve.
  const contacts = new Set<string>();
  for (const finding of [...accepted, ...(overridden ? review.findings : [])]) for (const consumer of finding.consumers) contacts.add(consumer.contact);
  for (const finding of changes) {
    const contract = review.contracts.find((summary) => summary.id === finding.contract);
    for (const contact of [...finding.consumers, ...(contract?.consumers ?? [])].map((consumer) => consumer.contact)) contacts.add(contact);
    for (const contact of finding.approvers ?? []) contacts.add(contact);
  }
  const files = new Map(review.contracts.map((contract) => [contract.id, contract.file]));
  const line = (finding: Finding, link: boolean) => {
    const file = files.get(finding.contract);
    const contract = link && file ? `[${finding.contract}](${contractUrl(file)})` : finding.contract;
    const approvals = finding.accepted?.map((entry) => (entry.contact.toLowerCase() === `@${entry.by}`.toLowerCase() ? entry.contact : `${entry.contact} through @${entry.by}`));
    const by = approvals ? ` (accepted by ${approvals.join(', ')})` : '';
    return `- ${contract}: \`${finding.rule}\`${finding.field ? ` on \`${finding.field}\`` : ''}${by}`;
  };
  const sections = (link: boolean) => [
    ...(accepted.length > 0 ? ['Breaks accepted by their consumers:', ...accepted.map((finding) => line(finding, link))] : []),
    ...(changes.length > 0 ? ['Contract changes:', ...changes.filter((finding) => !finding.accepted).map((finding) => line(finding, link))] : []),
    ...(overridden ? [`The data-contracts check was overridden by @${overridden.by} on ${overridden.at}.`] : []),
  ];
  const mentions = [...contacts].sort().join(' ');
  return {
    markdown: [MERGE_MARKER, `### Data contracts: pull request #${pull.number} was merged`, '', ...sections(true), '', `cc ${mentions}`].join('\n'),
    text: [`Data contracts: pull request #${pull.number} was merged (${pull.url})`, ...sections(false), `Concerns ${mentions}`].join('\n'),
  };
}

/** Posts the merge notice once: a comment of the app's that already carries the marker means it was posted. */
export async function postMergeComment(
  octokit: GitHubClient,
  pull: { owner: string; repo: string; number: number },
  appId: number,
  notice: MergeNotice,
): Promise<boolean> {
  if ((await ownComments(octokit, pull, appId, MERGE_MARKER)).length > 0) return false;
  await octokit.rest.issues.createComment({ owner: pull.owner, repo: pull.repo, issue_number: pull.number, body: notice.markdown });
  return true;
}

const WEBHOOK_ATTEMPTS = 3;

/**
 * Sends the notice to a Slack-compatible incoming webhook (`{"text": ...}`, which Slack, Mattermost and bridges
 * accept). A failing webhook is tried a few times, then logged: it never fails anything else.
 */
export async function sendToWebhook(url: string, notice: MergeNotice, log: Logger, pauseMs = 1000): Promise<boolean> {
  for (let attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt += 1) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: notice.text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) return true;
      log.warn({ status: response.status, attempt }, 'merge notification webhook refused the message');
      if (response.status < 500 && response.status !== 429) return false;
    } catch (error) {
      log.warn({ err: error, attempt }, 'merge notification webhook did not answer');
    }
    if (attempt < WEBHOOK_ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
  }
  log.error('merge notification webhook failed; the notice was posted on the pull request only');
  return false;
}
