/**
 * A small namespace-aware element tree for SOAP envelopes, built on saxes (a
 * strict, non-validating XML parser). Elements are matched by namespace URI
 * and local name, never by prefix, so any prefixes the server picks work.
 *
 * DOCTYPE is refused: an envelope never needs one, and refusing it closes
 * the door to entity-expansion tricks. (saxes itself never expands external
 * or internal DTD entities.)
 */
import { SaxesParser } from 'saxes';

/** One element: namespace URI, local name, attributes by expanded name, children and text. */
export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  /** Attributes keyed by `{uri}local` (or `local` when unqualified). */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element. */
  readonly text: string;
}

interface MutableElement {
  uri: string;
  local: string;
  attributes: Map<string, string>;
  children: MutableElement[];
  text: string;
}

/** Maximum element nesting accepted; a SOAP response is a handful of levels deep. */
const MAX_DEPTH = 64;

/**
 * Parses an XML document into an element tree.
 *
 * @throws Error with the parser's message (the caller wraps it in a typed error)
 */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  let failure: Error | undefined;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('doctype', () => {
    failure ??= new Error('DOCTYPE is not allowed in a SOAP message');
  });
  parser.on('opentag', (tag) => {
    const attributes = new Map<string, string>();
    for (const attr of Object.values(tag.attributes)) {
      if (attr.uri === 'http://www.w3.org/2000/xmlns/' || attr.prefix === 'xmlns' || attr.name === 'xmlns')
        continue;
      attributes.set(attr.uri ? `{${attr.uri}}${attr.local}` : attr.local, attr.value);
    }
    const el: MutableElement = { uri: tag.uri, local: tag.local, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
    if (stack.length > MAX_DEPTH) failure ??= new Error(`elements nested deeper than ${MAX_DEPTH}`);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(xml).close();
  } catch (err) {
    failure ??= err instanceof Error ? err : new Error(String(err));
  }
  if (failure) throw failure;
  if (!root) throw new Error('no root element');
  return root;
}

/** Children of `el` with the given local name (any namespace when `uri` is undefined). */
export function childrenNamed(el: XmlElement, local: string, uri?: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

/** The first child with the given local name, or undefined. */
export function childNamed(el: XmlElement, local: string, uri?: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local && (uri === undefined || c.uri === uri));
}

/** All text in `el` and its descendants, in document order. */
export function deepText(el: XmlElement): string {
  return el.text + el.children.map(deepText).join('');
}
