/**
 * XML → typed value, by the descriptors. Responses come from the server,
 * which is the authority: a response that breaks the schema is still decoded
 * as far as possible, and each problem (unknown member, missing required
 * member, facet violation, unreadable value) is reported with its path
 * instead of being thrown or dropped.
 */
import {
  TEXT_PROPERTY,
  type ModuleDescriptor,
  type SimpleTypeDescriptor,
  type TypeRef,
} from './descriptors.js';
import { checkSimpleValue } from './facets.js';
import { parseXml, type ParseLimits, type XmlElement } from './parser.js';
import { fromLexical } from './scalar.js';
import { complexIndex, resolveElementType, resolveType } from './schema-index.js';
import type { Violation } from './validate.js';

export interface Decoded<T> {
  readonly value: T;
  /** Everything in the document that does not agree with the schema. */
  readonly problems: Violation[];
}

export interface DecodeOptions extends ParseLimits {
  /**
   * Keep number-typed values as the decimal strings the document spells
   * (`100.00` stays `'100.00'`), e.g. to re-send them byte for byte.
   */
  readonly keepNumberLexical?: boolean;
}

export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

/** Decode a whole document whose root must be the global element `root`. */
export function decodeDocument<T = unknown>(
  module: ModuleDescriptor,
  root: string,
  xml: string | Uint8Array,
  options: DecodeOptions = {},
): Decoded<T> {
  const element = parseXml(xml, options);
  if (element.name !== root || element.uri !== module.namespace) {
    throw new DecodeError(
      `expected root element ${root}${module.namespace ? ` in ${module.namespace}` : ''}, found ${element.name}${element.uri ? ` in ${element.uri}` : ''}`,
    );
  }
  resolveElementType(module, root);
  return decodeTree<T>(module, module.elements[root]!, element, root, options);
}

/** Decode an already parsed element as an instance of `type`. */
export function decodeTree<T = unknown>(
  module: ModuleDescriptor,
  type: TypeRef,
  element: XmlElement,
  path: string,
  options: DecodeOptions = {},
): Decoded<T> {
  const context: Context = { module, problems: [], keepLexical: options.keepNumberLexical ?? false };
  const value = decodeElement(context, type, element, path) as T;
  return { value, problems: context.problems };
}

interface Context {
  readonly module: ModuleDescriptor;
  readonly problems: Violation[];
  readonly keepLexical: boolean;
}

function decodeSimple(context: Context, type: SimpleTypeDescriptor, lexical: string, path: string): unknown {
  for (const message of checkSimpleValue(lexical, type)) context.problems.push({ path, message });
  return fromLexical(lexical, type, context.keepLexical);
}

function decodeElement(context: Context, ref: TypeRef, element: XmlElement, path: string): unknown {
  const { module, problems } = context;
  const type = resolveType(module, ref);
  if (type.kind === 'simple') {
    if (element.children.length > 0)
      problems.push({ path, message: 'simple-typed element has child elements' });
    return decodeSimple(context, type, element.text, path);
  }
  const index = complexIndex(type);
  const value: Record<string, unknown> = {};
  for (const foreign of element.foreignAttributes)
    problems.push({ path, message: `unexpected attribute ${foreign}` });
  for (const [name, lexical] of Object.entries(element.attributes)) {
    const attribute = index.attributes.get(name);
    if (!attribute) {
      problems.push({ path: `${path}.${name}`, message: `is not an attribute of ${type.name}` });
      continue;
    }
    const attrType = resolveType(module, attribute.type) as SimpleTypeDescriptor;
    value[name] = decodeSimple(context, attrType, lexical, `${path}.${name}`);
  }
  for (const attribute of type.attributes) {
    if (attribute.required && !(attribute.name in element.attributes)) {
      problems.push({ path: `${path}.${attribute.name}`, message: 'required attribute is missing' });
    }
  }
  if (type.text !== undefined) {
    const textType = resolveType(module, type.text) as SimpleTypeDescriptor;
    value[TEXT_PROPERTY] = decodeSimple(context, textType, element.text, `${path}.${TEXT_PROPERTY}`);
  } else if (element.text.trim() !== '') {
    problems.push({ path, message: `unexpected text content in ${type.name}` });
  }
  const counters = new Map<string, number>();
  for (const child of element.children) {
    const member = index.elements.get(child.name);
    if (!member || child.uri !== '') {
      problems.push({ path: `${path}.${child.name}`, message: `is not an element of ${type.name}` });
      continue;
    }
    if (member.array) {
      const i = counters.get(child.name) ?? 0;
      counters.set(child.name, i + 1);
      const list = (value[child.name] ??= []) as unknown[];
      list.push(decodeElement(context, member.element.type, child, `${path}.${child.name}[${i}]`));
    } else {
      if (child.name in value)
        problems.push({ path: `${path}.${child.name}`, message: 'appears more than once' });
      value[child.name] = decodeElement(context, member.element.type, child, `${path}.${child.name}`);
    }
  }
  return value;
}
