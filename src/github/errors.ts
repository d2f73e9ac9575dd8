/** A failure in words a user can act on; a GitHub answer names the request, never its headers (tokens). */
export function describeError(error: unknown): string {
  const request = (error as { status?: number; request?: { method?: string; url?: string } }) ?? {};
  const message = error instanceof Error ? error.message : String(error);
  if (typeof request.status === 'number' && request.request?.url) {
    const path = new URL(request.request.url).pathname;
    return `GitHub answered ${request.status} to ${request.request.method ?? 'a request'} ${path}: ${firstLine(message)}`;
  }
  return firstLine(message);
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 500);
}
