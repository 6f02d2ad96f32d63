/**
 * A minimal namespace-aware element tree built with saxes, a strict XML
 * parser. Schema reading needs nothing more than elements, attributes, and
 * resolved namespace URIs; comments, processing instructions and text are
 * dropped (schema documentation is never carried into generated code).
 */
import { SaxesParser } from 'saxes';

export interface XmlNode {
  /** Local name. */
  readonly name: string;
  /** Namespace URI of the element. */
  readonly uri: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
  /** In-scope prefix → namespace URI, to resolve QName attribute values. */
  readonly namespaces: Readonly<Record<string, string>>;
  readonly line: number;
}

export function parseXmlTree(text: string, fileName: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('doctype', () => {
    throw new Error(`${fileName}: DOCTYPE is not allowed in schema files`);
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      // Unqualified attributes only: xmlns declarations and foreign-namespace
      // annotations (e.g. xmime:expectedContentTypes) carry no structure.
      if (typeof attr === 'string' || attr.uri !== '') continue;
      attributes[attr.local] = attr.value;
    }
    const parent = stack[stack.length - 1];
    const namespaces: Record<string, string> = { ...(parent?.namespaces ?? {}), ...tag.ns };
    const node: XmlNode = {
      name: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attributes,
      children: [],
      namespaces,
      line: parser.line,
    };
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (err) => {
    throw new Error(`${fileName}: ${err.message}`);
  });
  parser.write(text).close();
  if (!root) throw new Error(`${fileName}: no root element`);
  return root;
}
