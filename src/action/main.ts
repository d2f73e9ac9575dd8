import { describeError } from '../github/errors.js';
import { actionSettings } from './environment.js';
import { workflowLogger } from './log.js';
import { runAction } from './run.js';
import { addToSummary, workflowCommand } from './workflow-commands.js';

/**
 * The Action's entry (`runs.main` in action.yml): a workflow step reviewing its pull request or merge group with the
 * workflow's token. Anything that stops it before the check can say why is an error on the step, exit status 1.
 */
const log = workflowLogger((text) => process.stdout.write(text));
try {
  const settings = actionSettings(process.env);
  process.exitCode = await runAction(settings, log);
} catch (error) {
  const reason = describeError(error);
  process.stdout.write(workflowCommand('error', `Data contract review could not run: ${reason}`));
  // Read here too: settings that could not be read may still have named the summary file.
  await addToSummary(process.env.GITHUB_STEP_SUMMARY?.trim() || undefined, `## Data contract review\n\nThe review could not run: ${reason}\n`).catch(() => undefined);
  process.exitCode = 1;
}
