/**
 * NO_PROXY matching. The cases marked `curl` were checked against curl 7.88
 * (`no_proxy=… https_proxy=… curl https://host:port/`, a recording proxy on
 * 127.0.0.1: matched means curl connected directly); ports are the common
 * extension curl lacks.
 */
import { NoProxy } from '../../src/transport/proxy.js';

describe('NoProxy', () => {
  it.each<[string, string, number, boolean]>([
    // curl
    ['localhost', 'localhost', 1, true],
    ['localhost', 'a.localhost', 1, true],
    ['localhost', '127.0.0.1', 1, false],
    ['127.0.0.1', 'localhost', 1, false],
    ['127.0.0.1', '127.0.0.1', 1, true],
    ['127.0.0.0/8', '127.0.0.2', 1, true],
    ['::1', '::1', 1, true],
    ['LOCALHOST', 'localhost', 1, true],
    ['localhost.', 'localhost', 1, true],
    ['.localhost', 'localhost', 1, true],
    ['ocalhost', 'localhost', 1, false],
    [' foo , localhost ', 'localhost', 1, true],
    ['example.com', 'a.example.com', 443, true],
    ['example.com', 'example.com', 443, true],
    ['.example.com', 'a.example.com', 443, true],
    ['sub.example.com', 'a.example.com', 443, false],
    ['example.com', 'notexample.com', 443, false],
    ['*', 'anything.example', 443, true],
    ['', 'localhost', 443, false],
    // beyond curl: `*.` prefixes, ports, bracketed IPv6, IPv6 prefixes
    ['*.example.com', 'a.example.com', 443, true],
    ['example.com:443', 'a.example.com', 443, true],
    ['example.com:8443', 'a.example.com', 443, false],
    ['127.0.0.1:8443', '127.0.0.1', 8443, true],
    ['127.0.0.1:8443', '127.0.0.1', 443, false],
    ['[::1]', '::1', 443, true],
    ['[::1]:443', '::1', 443, true],
    ['[::1]:443', '::1', 8443, false],
    ['fd00::/8', 'fd12::1', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['10.0.0.0/8', 'ten.example', 443, false],
    ['10.0.0.0/99', '10.0.0.1', 443, false],
    ['example.com', 'EXAMPLE.COM.', 443, true],
  ])('NO_PROXY=%j, host %s port %d: bypass %s', (list, host, port, bypass) => {
    expect(new NoProxy(list).matches(host, port)).toBe(bypass);
  });
});
