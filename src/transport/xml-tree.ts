/**
 * Navigating SOAP envelopes parsed by the hardened reader (src/xml/parser.ts:
 * no DOCTYPE, size and depth limits). Elements are matched by namespace URI
 * and local name, never by prefix, so any prefixes the server picks work.
 */
import type { XmlElement } from '../xml/parser.js';

export type { XmlElement } from '../xml/parser.js';

/** Children of `el` with the given local name (any namespace when `uri` is undefined). */
export function childrenNamed(el: XmlElement, local: string, uri?: string): XmlElement[] {
  return el.children.filter((c) => c.name === local && (uri === undefined || c.uri === uri));
}

/** The first child with the given local name, or undefined. */
export function childNamed(el: XmlElement, local: string, uri?: string): XmlElement | undefined {
  return el.children.find((c) => c.name === local && (uri === undefined || c.uri === uri));
}

/** All text in `el` and its descendants, element by element in document order (no recursion). */
export function deepText(el: XmlElement): string {
  const parts: string[] = [];
  const stack: XmlElement[] = [el];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    parts.push(node.text);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return parts.join('');
}
