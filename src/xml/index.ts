/** The runtime codecs: canonical encoding, hardened decoding, facet validation. */
export * from './descriptors.js';
export { encodeDocument, encodeElement, EncodeError } from './encode.js';
export { decodeDocument, decodeTree, DecodeError, type Decoded } from './decode.js';
export { validateValue, formatViolation, type Violation } from './validate.js';
export { parseXml, XmlParseError, type XmlElement, type ParseLimits } from './parser.js';
export { escapeAttribute, escapeText } from './canonical.js';
