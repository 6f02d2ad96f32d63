/**
 * MMS host tables (MMS-PROTOCOL.md §1). BSPs and MOs share one set of hosts,
 * TSOs use another; each has a main, a backup and a test host. Every URL can
 * be overridden, because the real hosts are reachable only from registered
 * networks and tests talk to local servers.
 */
import { MmsClientError } from '../errors.js';
import { services } from '../../generated/index.js';
import type { ClientType, Interface } from '../vocabulary.js';

export type { ClientType };
/** Which MMS: production (main and backup hosts) or the test system. */
export type Environment = 'production' | 'test';

/** The hosts of one client group and interface. */
export interface HostSet {
  readonly main: string;
  readonly backup: string;
  readonly test: string;
}

const BSP_MO: Readonly<Record<Interface, HostSet>> = Object.freeze({
  OMI: Object.freeze({ main: 'www5.eprx.or.jp', backup: 'www6.eprx.or.jp', test: 'www7.eprx.or.jp' }),
  MI: Object.freeze({ main: 'www2.eprx.or.jp', backup: 'www3.eprx.or.jp', test: 'www4.eprx.or.jp' }),
});

const TSO: Readonly<Record<Interface, HostSet>> = Object.freeze({
  OMI: Object.freeze({
    main: 'maiwlba103v07.eprx.or.jp',
    backup: 'mbiwlba103v07.eprx.or.jp',
    test: 'mbiwlba103v08.eprx.or.jp',
  }),
  MI: Object.freeze({
    main: 'maiwlba103v03.eprx.or.jp',
    backup: 'mbiwlba103v03.eprx.or.jp',
    test: 'mbiwlba103v06.eprx.or.jp',
  }),
});

/** Host names by client type and interface. */
export const MMS_HOSTS: Readonly<Record<ClientType, Readonly<Record<Interface, HostSet>>>> = Object.freeze({
  bsp: BSP_MO,
  mo: BSP_MO,
  tso: TSO,
});

/**
 * URL overrides per interface: one URL, or an ordered list (first is tried
 * first, the rest are fail-over targets).
 */
export type EndpointOverrides = Partial<Record<Interface, string | readonly string[]>>;

/** Inputs of {@link resolveEndpoints}. */
export interface EndpointOptions {
  readonly clientType: ClientType;
  readonly interface: Interface;
  readonly environment: Environment;
  readonly overrides?: EndpointOverrides;
  /** Accept `http://` overrides (no TLS). Default false. */
  readonly allowInsecureHttp?: boolean;
}

/**
 * The ordered URLs to try for one interface: `[main, backup]` in production,
 * `[test]` on the test system, or the override.
 *
 * @throws {@link MmsClientError} `INVALID_OPTION` for an empty or non-HTTPS override
 *   (`http://` only with `allowInsecureHttp`)
 */
export function resolveEndpoints(options: EndpointOptions): readonly string[] {
  const override: unknown = options.overrides?.[options.interface];
  if (override !== undefined) {
    const urls: unknown[] =
      typeof override === 'string' ? [override] : Array.isArray(override) ? [...override] : [];
    if (urls.length === 0) {
      throw new MmsClientError(
        'INVALID_OPTION',
        `The URL override for ${options.interface} must be a URL or a non-empty list of URLs.`,
      );
    }
    for (const u of urls) {
      let parsed: URL;
      try {
        if (typeof u !== 'string') throw new TypeError(`${typeof u} is not a string`);
        parsed = new URL(u);
      } catch (err) {
        throw new MmsClientError('INVALID_OPTION', `The URL override ${JSON.stringify(u)} is not a URL.`, {
          cause: err,
        });
      }
      if (parsed.protocol === 'http:' && options.allowInsecureHttp !== true) {
        throw new MmsClientError(
          'INVALID_OPTION',
          `The URL override "${u}" is plain http: no TLS, no client certificate, and the signed payload in clear. Use https, or set allowInsecureHttp if this is really wanted.`,
        );
      }
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
        throw new MmsClientError('INVALID_OPTION', `The URL override "${u}" is not an https URL.`);
      }
    }
    return urls as string[];
  }
  const hosts = MMS_HOSTS[options.clientType][options.interface];
  const path = services[options.interface].path;
  const names = options.environment === 'test' ? [hosts.test] : [hosts.main, hosts.backup];
  return names.map((h) => `https://${h}${path}`);
}
