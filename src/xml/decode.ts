/**
 * XML → typed value, by the descriptors. Responses come from the server,
 * which is the authority: a response that breaks the schema is still decoded
 * as far as possible, and each problem (unknown member, missing required
 * member, facet violation, unreadable value) is reported with its path
 * instead of being thrown or dropped.
 *
 * The problem list is bounded ({@link DecodeOptions.maxProblems}): a document
 * with more problems than that is not a usable answer, and collecting
 * millions of them would cost more memory than the document itself.
 */
import { MmsClientError, MmsLimitError } from '../errors.js';
import {
  TEXT_PROPERTY,
  type ComplexTypeDescriptor,
  type ModuleDescriptor,
  type SimpleTypeDescriptor,
  type TypeRef,
} from './descriptors.js';
import { checkSimpleValue } from './facets.js';
import { parseXml, type ParseLimits, type XmlElement } from './parser.js';
import { pauser } from './yielding.js';
import { fromLexical } from './scalar.js';
import { complexIndex, resolveElementType, resolveType, type ComplexIndex } from './schema-index.js';
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
  /** Most problems reported before decoding stops with an `MmsLimitError`. Default 1,000. */
  readonly maxProblems?: number;
}

/** Default of {@link DecodeOptions.maxProblems}. */
export const DEFAULT_MAX_PROBLEMS = 1000;

/** The document's root is not the element the caller expects. */
export class DecodeError extends MmsClientError {
  declare readonly code: 'DECODE_ERROR';
  constructor(message: string) {
    super('DECODE_ERROR', message);
  }
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
  const context = contextOf(module, options);
  const value = decodeElement(context, type, element, path) as T;
  return { value, problems: context.problems };
}

/**
 * {@link decodeTree} for large documents: the root and the levels just below
 * it (envelope, data items) are walked with a yield to the event loop every
 * few milliseconds, so a big answer does not freeze timers and connections;
 * each data item is decoded in one go. `signal` stops it between items.
 */
export async function decodeTreeAsync<T = unknown>(
  module: ModuleDescriptor,
  type: TypeRef,
  element: XmlElement,
  path: string,
  options: DecodeOptions = {},
  signal?: AbortSignal,
): Promise<Decoded<T>> {
  const context = contextOf(module, options);
  const pause = pauser(signal);
  const value = (await decodeLevels(context, type, element, path, YIELDING_LEVELS, pause)) as T;
  return { value, problems: context.problems };
}

/** Root, envelope and the data items' own level. */
const YIELDING_LEVELS = 3;

interface Context {
  readonly module: ModuleDescriptor;
  readonly problems: Violation[];
  readonly keepLexical: boolean;
  readonly maxProblems: number;
}

function contextOf(module: ModuleDescriptor, options: DecodeOptions): Context {
  return {
    module,
    problems: [],
    keepLexical: options.keepNumberLexical ?? false,
    maxProblems: options.maxProblems ?? DEFAULT_MAX_PROBLEMS,
  };
}

function report(context: Context, problem: Violation): void {
  if (context.problems.length >= context.maxProblems) {
    throw new MmsLimitError(
      'maxProblems',
      context.maxProblems,
      `the document breaks its schema in more than ${context.maxProblems} places (the first: ${context.problems[0]?.path}: ${context.problems[0]?.message}); decoding stopped there`,
    );
  }
  context.problems.push(problem);
}

function decodeSimple(context: Context, type: SimpleTypeDescriptor, lexical: string, path: string): unknown {
  for (const message of checkSimpleValue(lexical, type)) report(context, { path, message });
  return fromLexical(lexical, type, context.keepLexical);
}

/** A complex element being filled: its value and how many of each repeated child it has. */
interface Frame {
  readonly type: ComplexTypeDescriptor;
  readonly index: ComplexIndex;
  readonly path: string;
  readonly value: Record<string, unknown>;
  readonly counters: Map<string, number>;
}

/** Where a child element's value goes. */
interface Slot {
  readonly type: TypeRef;
  readonly path: string;
  readonly name: string;
  readonly array: boolean;
}

function decodeElement(context: Context, ref: TypeRef, element: XmlElement, path: string): unknown {
  const type = resolveType(context.module, ref);
  if (type.kind === 'simple') return decodeSimpleElement(context, type, element, path);
  const frame = openFrame(context, type, element, path);
  for (const child of element.children) {
    const slot = slotOf(context, frame, child);
    if (slot) store(frame, slot, decodeElement(context, slot.type, child, slot.path));
  }
  return frame.value;
}

async function decodeLevels(
  context: Context,
  ref: TypeRef,
  element: XmlElement,
  path: string,
  levels: number,
  pause: () => Promise<void>,
): Promise<unknown> {
  const type = resolveType(context.module, ref);
  if (type.kind === 'simple' || levels <= 1) return decodeElement(context, ref, element, path);
  const frame = openFrame(context, type, element, path);
  for (const child of element.children) {
    await pause();
    const slot = slotOf(context, frame, child);
    if (slot) store(frame, slot, await decodeLevels(context, slot.type, child, slot.path, levels - 1, pause));
  }
  return frame.value;
}

function decodeSimpleElement(
  context: Context,
  type: SimpleTypeDescriptor,
  element: XmlElement,
  path: string,
): unknown {
  if (element.children.length > 0)
    report(context, { path, message: 'simple-typed element has child elements' });
  return decodeSimple(context, type, element.text, path);
}

/** The attributes and text of a complex element; its children follow through {@link slotOf}. */
function openFrame(context: Context, type: ComplexTypeDescriptor, element: XmlElement, path: string): Frame {
  const { module } = context;
  const index = complexIndex(type);
  const value: Record<string, unknown> = {};
  for (const foreign of element.foreignAttributes)
    report(context, { path, message: `unexpected attribute ${foreign}` });
  for (const [name, lexical] of Object.entries(element.attributes)) {
    const attribute = index.attributes.get(name);
    if (!attribute) {
      report(context, {
        path: `${path}.${name}`,
        message: `is not an attribute of ${type.name}`,
        value: lexical,
      });
      continue;
    }
    const attrType = resolveType(module, attribute.type) as SimpleTypeDescriptor;
    value[name] = decodeSimple(context, attrType, lexical, `${path}.${name}`);
  }
  for (const attribute of type.attributes) {
    if (attribute.required && !(attribute.name in element.attributes)) {
      report(context, { path: `${path}.${attribute.name}`, message: 'required attribute is missing' });
    }
  }
  if (type.text !== undefined) {
    const textType = resolveType(module, type.text) as SimpleTypeDescriptor;
    value[TEXT_PROPERTY] = decodeSimple(context, textType, element.text, `${path}.${TEXT_PROPERTY}`);
  } else if (element.text.trim() !== '') {
    report(context, { path, message: `unexpected text content in ${type.name}`, value: element.text });
  }
  return { type, index, path, value, counters: new Map() };
}

/** Where `child` goes in `frame`, or undefined (reported) when the type has no such member. */
function slotOf(context: Context, frame: Frame, child: XmlElement): Slot | undefined {
  const member = frame.index.elements.get(child.name);
  const at = `${frame.path}.${child.name}`;
  if (!member || child.uri !== '') {
    report(context, {
      path: at,
      message: `is not an element of ${frame.type.name}`,
      ...(child.children.length === 0 && child.text !== '' ? { value: child.text } : {}),
    });
    return undefined;
  }
  if (member.array) {
    const i = frame.counters.get(child.name) ?? 0;
    frame.counters.set(child.name, i + 1);
    return { type: member.element.type, path: `${at}[${i}]`, name: child.name, array: true };
  }
  if (child.name in frame.value) report(context, { path: at, message: 'appears more than once' });
  return { type: member.element.type, path: at, name: child.name, array: false };
}

function store(frame: Frame, slot: Slot, value: unknown): void {
  if (slot.array) ((frame.value[slot.name] ??= []) as unknown[]).push(value);
  else frame.value[slot.name] = value;
}
