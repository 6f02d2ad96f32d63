/**
 * Opens the PKCS#12 file PROBE_P12 with PROBE_PASSPHRASE, for
 * loaded-modules-probe.ts: which modules opening a certificate loads.
 */
import { Certificate } from '../../src/security/certificate.js';

await Certificate.fromFile(process.env['PROBE_P12']!, process.env['PROBE_PASSPHRASE'] ?? '');
