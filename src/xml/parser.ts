/**
 * The hardened XML reader for everything that comes off the network: no
 * DOCTYPE (so no entity expansion, internal or external), no processing of
 * anything but elements, attributes and text, and limits on size, depth and
 * element count so a hostile or broken response cannot exhaust memory.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Local name. */
  readonly name: string;
  /** Namespace URI ('' for none). */
  readonly uri: string;
  /** Unqualified attributes by local name (namespace declarations and `xsi:` attributes are left out). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Attributes in a foreign namespace other than xsi, as `{uri}local`; kept so callers can report them. */
  readonly foreignAttributes: readonly string[];
  readonly children: XmlElement[];
  /** Concatenated text directly inside this element. */
  text: string;
  readonly line: number;
}

export interface ParseLimits {
  /** Largest accepted document, in UTF-16 code units of the decoded text. Default 64 MiB. */
  readonly maxLength?: number;
  /** Deepest accepted element nesting. Default 64. */
  readonly maxDepth?: number;
  /** Most elements accepted. Default 2,000,000. */
  readonly maxElements?: number;
}

export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS = 'http://www.w3.org/2000/xmlns/';

export function parseXml(input: string | Uint8Array, limits: ParseLimits = {}): XmlElement {
  const maxLength = limits.maxLength ?? 64 * 1024 * 1024;
  const maxDepth = limits.maxDepth ?? 64;
  const maxElements = limits.maxElements ?? 2_000_000;
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  if (text.length > maxLength)
    throw new XmlParseError(`XML document of ${text.length} characters exceeds the limit of ${maxLength}`);

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let failure: XmlParseError | undefined;
  const fail = (message: string): void => {
    failure ??= new XmlParseError(`${message} (line ${parser.line})`, parser.line);
  };
  parser.on('doctype', () => fail('DOCTYPE declarations are not accepted'));
  parser.on('opentag', (tag) => {
    if (failure) return;
    if (++count > maxElements) return fail(`more than ${maxElements} elements`);
    if (stack.length >= maxDepth) return fail(`elements nested deeper than ${maxDepth}`);
    const attributes: Record<string, string> = {};
    const foreignAttributes: string[] = [];
    for (const attr of Object.values(tag.attributes)) {
      if (typeof attr === 'string') continue;
      if (attr.uri === '') attributes[attr.local] = attr.value;
      else if (attr.uri !== XMLNS && attr.uri !== XSI && attr.prefix !== 'xmlns')
        foreignAttributes.push(`{${attr.uri}}${attr.local}`);
    }
    const element: XmlElement = {
      name: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attributes,
      foreignAttributes,
      children: [],
      text: '',
      line: parser.line,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) return fail('more than one root element');
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const appendText = (chunk: string): void => {
    const current = stack[stack.length - 1];
    if (current) current.text += chunk;
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);
  parser.on('error', (err) => fail(err.message.replace(/^[^:]*:\d+:\d+: /, '')));
  try {
    parser.write(text).close();
  } catch (err) {
    fail((err as Error).message);
  }
  if (failure) throw failure;
  if (!root) throw new XmlParseError('no root element');
  return root;
}
