/**
 * The MySQL server the app or the CLI replays MySQL migrations in, from `DCR_MYSQL_URL` (never from a repository):
 * a user allowed to create and drop its own throw-away databases, nothing more.
 */
export function mysqlServerFromEnvironment(env: NodeJS.ProcessEnv): { mysqlUrl?: string } {
  const url = env.DCR_MYSQL_URL?.trim();
  return url ? { mysqlUrl: url } : {};
}
