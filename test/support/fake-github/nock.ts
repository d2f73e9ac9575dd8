import nock from 'nock';
import { type FakeGitHubOptions, type StandInGitHub, createStandIn } from './stand-in.js';

const API_URL = 'https://api.github.com';
const WEB_URL = 'https://github.com';
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
const LOOPBACK = /^127\.0\.0\.1:\d+$/;

/**
 * The stand-in answering in-process clients of `api.github.com` through nock. Nothing else on the network answers,
 * but servers a test starts on loopback (an incoming webhook) are reached.
 */
export interface NockGitHub extends StandInGitHub {
  /** Removes every nock interceptor, and lets the `slow` requests under way go on at once. */
  stop(): void;
}

export function nockGitHub(options: FakeGitHubOptions): NockGitHub {
  const { github, handler } = createStandIn(options, { apiUrl: API_URL, webUrl: WEB_URL });
  // A request nock could not match never reaches the stand-in: it is noted as one the stand-in does not serve.
  const onNoMatch = (request: { method?: string; host?: string; path?: string }): void => {
    if (LOOPBACK.test(request.host ?? '')) return;
    github.unserved.push(`${request.method} ${request.host ?? ''}${request.path} (no interceptor)`);
  };
  nock.disableNetConnect();
  nock.enableNetConnect(LOOPBACK);
  nock.emitter.on('no match', onNoMatch);
  const scope = nock(API_URL).persist();
  for (const method of METHODS) {
    scope.intercept(() => true, method).reply(async function (uri, body) {
      const outcome = await handler.answer({
        method,
        url: new URL(uri, API_URL),
        headers: this.req.headers,
        // nock hands over a JSON body parsed: the stand-in parses what a server would have read.
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      if (outcome.dropConnection) throw new Error('socket hang up: the stand-in lost the answer');
      const { status, body: replyBody, headers } = outcome.reply;
      return [status, replyBody, headers];
    });
  }
  return {
    ...github,
    stop() {
      handler.stop();
      nock.emitter.off('no match', onNoMatch);
      nock.cleanAll();
    },
  };
}
