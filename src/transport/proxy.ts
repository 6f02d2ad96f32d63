/**
 * HTTPS through an HTTP proxy: a CONNECT tunnel to the MMS host, with TLS
 * run inside it from this process to the MMS, so the client certificate is
 * presented end to end and the proxy relays only ciphertext.
 *
 * Written on node:http's CONNECT and `tls.connect({ socket })` rather than
 * taken from a package, so that each stage of the connection is observed
 * here (docs/decisions.md, "Proxy (issue 11)"): the request may reach the
 * MMS only once the TLS connection to the MMS is up; a proxy that cannot be
 * reached, drops the connection or refuses the CONNECT (403, 407, 502, ...)
 * means nothing was sent.
 *
 * The proxy's credentials (`http://user:password@host:port`) live only in a
 * private field as the Proxy-Authorization header of the CONNECT request:
 * messages, logs and `JSON.stringify` see {@link HttpProxy.name}
 * (`http://host:port`), and no error message quotes the option's text.
 */
import http, { type IncomingMessage } from 'node:http';
import net, { BlockList, type Socket } from 'node:net';
import tls, { type SecureContext, type TLSSocket } from 'node:tls';
import { inspect } from 'node:util';
import { MmsClientError } from '../errors.js';
import { printable } from '../text.js';

/** What is known of one request's connection, read when it fails. */
export interface ConnectionState {
  /** The TCP connection to the MMS (through a proxy: the tunnel to it) was established. */
  tcp: boolean;
  /** The connection was ready for the request (TLS handshake complete for https). */
  connected: boolean;
  /** The proxy the request went through (`http://host:port`). */
  via?: string;
  /** Why the tunnel could not be opened, when it could not (nothing was sent). */
  proxyFailure?: string;
}

/** TLS settings of the connection to the MMS, the same with or without a proxy. */
export interface MmsTlsOptions {
  readonly secureContext: SecureContext;
  readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
}

/** A parsed proxy option; see {@link resolveProxy}. */
export class HttpProxy {
  /** `http://host:port`, without credentials: what messages and logs name. */
  readonly name: string;
  readonly #host: string;
  readonly #port: number;
  /** `Basic …` for the CONNECT request, when the URL had credentials. */
  readonly #authorization: string | undefined;
  readonly #noProxy: NoProxy | undefined;

  private constructor(url: URL, authorization: string | undefined, noProxy: NoProxy | undefined) {
    this.#host = unbracket(url.hostname);
    this.#port = url.port === '' ? 80 : Number(url.port);
    this.name = `http://${url.hostname}:${this.#port}`;
    this.#authorization = authorization;
    this.#noProxy = noProxy;
  }

  /** Parses `text` (`http://[user:password@]host[:port]`); `source` names it in messages, never its value. */
  static parse(text: string, source: string, noProxy?: string): HttpProxy {
    const url = parseProxyUrl(text, source);
    let authorization: string | undefined;
    if (url.username !== '' || url.password !== '') {
      let credentials: string;
      try {
        credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      } catch {
        throw new MmsClientError(
          'INVALID_OPTION',
          `${source}: the proxy credentials are not valid percent-encoding.`,
        );
      }
      authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    }
    return new HttpProxy(url, authorization, noProxy === undefined ? undefined : new NoProxy(noProxy));
  }

  /** Whether a request to `url` goes through the proxy (not when NO_PROXY names its host). */
  appliesTo(url: URL): boolean {
    const target = targetOf(url);
    return !this.#noProxy?.matches(target.host, target.port);
  }

  /**
   * Opens a TLS connection to the host of `url` through the proxy and hands
   * it to `done` once the handshake with the MMS is complete; records each
   * stage in `state`. Stops at once when `signal` aborts.
   */
  connect(
    url: URL,
    tlsOptions: MmsTlsOptions,
    state: ConnectionState,
    signal: AbortSignal,
    done: (err: Error | null, socket?: TLSSocket) => void,
  ): void {
    const target = targetOf(url);
    const authority = net.isIPv6(target.host)
      ? `[${target.host}]:${target.port}`
      : `${target.host}:${target.port}`;
    let tunnel: Socket | undefined;
    let secure: TLSSocket | undefined;
    let settled = false;
    const finish = (err: Error | null, failure?: string): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (err) {
        if (failure !== undefined) state.proxyFailure = failure;
        connectRequest.destroy();
        tunnel?.destroy();
        secure?.destroy();
        done(err);
      } else done(null, secure);
    };
    const onAbort = (): void => finish(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const connectRequest = http.request({
      host: this.#host,
      port: this.#port,
      method: 'CONNECT',
      path: authority,
      agent: false,
      setHost: false,
      headers: {
        host: authority,
        ...(this.#authorization !== undefined ? { 'proxy-authorization': this.#authorization } : {}),
      },
    });
    let reachedProxy = false;
    connectRequest.once('socket', (socket: Socket) => {
      if (!socket.connecting) reachedProxy = true;
      else socket.once('connect', () => (reachedProxy = true));
    });
    connectRequest.on('error', (err: Error) => {
      const code = (err as NodeJS.ErrnoException).code ?? err.message;
      finish(
        err,
        reachedProxy
          ? `the proxy ${this.name} gave no usable answer to the CONNECT to ${authority}: ${code}`
          : `could not connect to the proxy ${this.name}: ${code}`,
      );
    });
    // Node emits `response` for a CONNECT answer it does not take as a tunnel.
    connectRequest.once('response', (res: IncomingMessage) => {
      res.destroy();
      finish(new Error(`proxy answered HTTP ${res.statusCode}`), this.#refusal(authority, res));
    });
    connectRequest.once('connect', (res: IncomingMessage, socket: Socket, head: Buffer) => {
      tunnel = socket;
      // After the hand-over the TLS socket reports the failures; this one must not crash the process.
      socket.on('error', () => undefined);
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        finish(new Error(`proxy answered HTTP ${status}`), this.#refusal(authority, res));
        return;
      }
      if (head.length > 0) {
        // In TLS the client speaks first: bytes now are the proxy's, not the MMS's.
        finish(
          new Error('proxy sent data before the TLS handshake'),
          `the proxy ${this.name} sent data of its own after opening the tunnel to ${authority}`,
        );
        return;
      }
      state.tcp = true;
      secure = tls.connect({
        socket,
        host: target.host,
        ...(net.isIP(target.host) === 0 ? { servername: target.host } : {}),
        secureContext: tlsOptions.secureContext,
        minVersion: tlsOptions.minVersion,
        rejectUnauthorized: true,
      });
      secure.once('close', () => socket.destroy());
      secure.once('secureConnect', () => {
        // From here on the request may reach the MMS.
        state.connected = true;
        finish(null);
      });
      // Before secureConnect: the TLS handshake with the MMS failed; `tcp` and not `connected` says so.
      secure.on('error', (err) => finish(err));
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    if (!settled) connectRequest.end();
  }

  #refusal(authority: string, res: IncomingMessage): string {
    const status = res.statusCode ?? 0;
    const text = printable(res.statusMessage ?? '', 100);
    const hint =
      status === 407
        ? this.#authorization === undefined
          ? ' (the proxy wants credentials: http://user:password@host:port)'
          : ' (the proxy did not accept the credentials)'
        : status === 403
          ? ' (the proxy does not allow this destination)'
          : '';
    return `the proxy ${this.name} refused the tunnel to ${authority}: HTTP ${status}${text ? ` ${text}` : ''}${hint}`;
  }

  toJSON(): string {
    return this.name;
  }

  [inspect.custom](): string {
    return `HttpProxy ${this.name}`;
  }
}

/**
 * The proxy of a transport from its `proxy` option: none when the option is
 * absent (the environment is ignored); for `'env'`, `https_proxy` or
 * `HTTPS_PROXY` with `no_proxy` or `NO_PROXY` (lower case first, as curl
 * reads them), none when those are unset; otherwise the URL given.
 *
 * @throws {@link MmsClientError} `INVALID_OPTION`, naming the option or the variable, never its value
 */
export function resolveProxy(option: unknown, env: NodeJS.ProcessEnv = process.env): HttpProxy | undefined {
  if (option === undefined) return undefined;
  if (typeof option !== 'string' || option.trim() === '')
    throw new MmsClientError(
      'INVALID_OPTION',
      "proxy must be 'env' or the URL of an HTTP proxy, http://[user:password@]host:port.",
    );
  if (option !== 'env') return HttpProxy.parse(option, 'proxy');
  const [name, value] = firstSet(env, 'https_proxy', 'HTTPS_PROXY');
  if (value === undefined) return undefined;
  return HttpProxy.parse(
    value,
    `proxy: 'env': the ${name} variable`,
    firstSet(env, 'no_proxy', 'NO_PROXY')[1],
  );
}

function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): [string, string | undefined] {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return [names[0] as string, undefined];
}

function parseProxyUrl(text: string, source: string): URL {
  // Without a scheme, http:// (as curl assumes for HTTPS_PROXY=proxy:3128).
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new MmsClientError(
      'INVALID_OPTION',
      `${source} is not a URL; expected http://[user:password@]host:port.`,
    );
  }
  if (url.protocol === 'https:')
    throw new MmsClientError(
      'INVALID_OPTION',
      `${source}: https:// proxies (TLS to the proxy itself) are not supported; use the proxy's http:// address: the connection to the MMS is TLS end to end inside the tunnel either way.`,
    );
  if (url.protocol !== 'http:')
    throw new MmsClientError(
      'INVALID_OPTION',
      `${source}: only http:// proxies (HTTP CONNECT) are supported, not ${url.protocol}//.`,
    );
  if (
    url.hostname === '' ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== ''
  )
    throw new MmsClientError(
      'INVALID_OPTION',
      `${source} must be http://[user:password@]host:port, with no path.`,
    );
  return url;
}

/** Host (IPv6 without brackets) and port of an https URL. */
function targetOf(url: URL): { host: string; port: number } {
  return { host: unbracket(url.hostname), port: url.port === '' ? 443 : Number(url.port) };
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** One NO_PROXY entry: a host name and its subdomains, or IP addresses; optionally one port. */
type NoProxyEntry =
  | { readonly kind: 'all' }
  | { readonly kind: 'host'; readonly name: string; readonly port: number | undefined }
  | { readonly kind: 'ip'; readonly list: BlockList; readonly port: number | undefined };

/**
 * A NO_PROXY list, read as curl reads it (checked against curl 7.88):
 * entries separated by commas or spaces, case-insensitive; `*` alone
 * matches every host; `example.com`, `.example.com` (and `*.example.com`)
 * match example.com and every name under it, not `notexample.com`; IP
 * addresses match exactly (IPv6 without brackets, or `[::1]`) and
 * `10.0.0.0/8` by prefix. Names are never resolved: `localhost` does not
 * cover 127.0.0.1, and neither is exempt unless listed. Beyond curl, an
 * entry may end in `:port` to match that port only.
 */
export class NoProxy {
  readonly #entries: readonly NoProxyEntry[];

  constructor(list: string) {
    this.#entries = list
      .split(/[\s,]+/)
      .filter((e) => e !== '')
      .map((e) => parseEntry(e.toLowerCase()));
  }

  /** Whether requests to `host` (a name or an IP address, without brackets) on `port` bypass the proxy. */
  matches(host: string, port: number): boolean {
    const name = host.toLowerCase().replace(/\.$/, '');
    const family = net.isIP(name);
    return this.#entries.some((e) => {
      if (e.kind === 'all') return true;
      if (e.port !== undefined && e.port !== port) return false;
      if (e.kind === 'ip') return family !== 0 && e.list.check(name, family === 6 ? 'ipv6' : 'ipv4');
      return family === 0 && (name === e.name || name.endsWith(`.${e.name}`));
    });
  }
}

function parseEntry(entry: string): NoProxyEntry {
  if (entry === '*') return { kind: 'all' };
  let host = entry;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (bracketed) [host, port] = [bracketed[1] as string, portOf(bracketed[2])];
  else if (withPort) [host, port] = [withPort[1] as string, portOf(withPort[2])];
  const [address, prefix] = host.split('/');
  const family = net.isIP(address ?? '');
  if (family !== 0) {
    const list = new BlockList();
    const type = family === 6 ? 'ipv6' : 'ipv4';
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (bits !== undefined && Number.isInteger(bits) && bits >= 0 && bits <= (family === 6 ? 128 : 32))
      list.addSubnet(address as string, bits, type);
    else if (prefix === undefined) list.addAddress(address as string, type);
    return { kind: 'ip', list, port };
  }
  return { kind: 'host', name: host.replace(/^\*?\./, '').replace(/\.$/, ''), port };
}

function portOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}
