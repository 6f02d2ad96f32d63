/** Certificates and signatures: the participant's PKCS#12 file and the MMS payload signature. */
export { Certificate } from './certificate.js';
export type { CertificateInfo, CertificateOptions, SecureContextOptions } from './certificate.js';
export { verifySignature } from './signature.js';
export { CertificateError } from '../errors.js';
export type { CertificateErrorCode } from '../errors.js';
