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
import { parseXml, streamXmlAsync, type ParseLimits, type XmlElement } from './parser.js';
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

/** The type a streamed document is decoded as, chosen from its root element. */
export interface StreamRoot {
  readonly module: ModuleDescriptor;
  readonly type: TypeRef;
}

/** Options of {@link decodeStreamAsync}: the decoder's and the reader's. */
export interface StreamDecodeOptions extends DecodeOptions {
  readonly label?: string;
  readonly signal?: AbortSignal;
}

/** Elements handed to the decoder per slice of the reader: small, since decoding runs inside it. */
const STREAM_SLICE = 128 * 1024;

/**
 * {@link decodeTreeAsync} in one pass over the bytes: each element is decoded
 * as the reader meets it, with the type its parent's type gives it, and no
 * tree is built (a 50 MB answer held its tree, several times its size, beside
 * the values). The values and the problems, in their order, are those of
 * parsing and then decoding the tree; paths are built only for problems.
 * `chooseRoot` sees the root element when its start tag is read and names
 * the type to decode it as, or undefined to only read the document.
 */
export async function decodeStreamAsync<T = unknown>(
  input: Uint8Array,
  chooseRoot: (root: XmlElement) => StreamRoot | undefined,
  options: StreamDecodeOptions = {},
): Promise<Decoded<T> & { readonly root: XmlElement }> {
  const { label, signal, ...limits } = options;
  let decoder: StreamDecoder | undefined;
  let root: XmlElement | undefined;
  const sink = {
    open(element: XmlElement): void {
      if (root === undefined) {
        root = element;
        const chosen = chooseRoot(element);
        // No type: the document is only read (well-formedness, limits), not decoded.
        if (chosen !== undefined) decoder = new StreamDecoder(contextOf(chosen.module, limits), chosen.type);
      }
      decoder?.open(element);
    },
    close(element: XmlElement): void {
      decoder?.close(element);
    },
  };
  await streamXmlAsync(input, sink, limits, {
    label: label ?? 'the XML document',
    slice: STREAM_SLICE,
    ...(signal ? { signal } : {}),
  });
  if (root === undefined) throw new DecodeError('the document has no root element');
  return { value: decoder?.value as T, problems: decoder?.problems ?? [], root };
}

/** Where an element sits: its parent and its step in the path, for paths built on demand. */
interface Place {
  readonly parent: StreamFrame | undefined;
  readonly name: string;
  /** Position among the repeated elements of this name, when the member is an array. */
  readonly index: number | undefined;
  path?: string;
}

type StreamFrame =
  | (Place & {
      readonly kind: 'complex';
      readonly type: ComplexTypeDescriptor;
      readonly index_: ComplexIndex;
      readonly value: Record<string, unknown>;
      readonly counters: Map<string, number>;
      readonly array: boolean;
      /** Where the problems of this element's text go (after its attributes', before its children's). */
      readonly textAt: number;
    })
  | (Place & {
      readonly kind: 'simple';
      readonly type: SimpleTypeDescriptor;
      readonly array: boolean;
      hadChild: boolean;
    })
  | (Place & {
      readonly kind: 'skip';
      /** The frame of which this element is not a member (only for the top of a skipped subtree). */
      readonly unknownIn: StreamFrame | undefined;
      hadChild: boolean;
    });

function pathOf(place: Place): string {
  if (place.path !== undefined) return place.path;
  const step = place.index === undefined ? place.name : `${place.name}[${place.index}]`;
  place.path = place.parent === undefined ? step : `${pathOf(place.parent)}.${step}`;
  return place.path;
}

class StreamDecoder {
  readonly #context: Context;
  readonly #rootType: TypeRef;
  readonly #stack: StreamFrame[] = [];
  value: unknown;

  constructor(context: Context, rootType: TypeRef) {
    this.#context = context;
    this.#rootType = rootType;
  }

  get problems(): Violation[] {
    return this.#context.problems;
  }

  open(element: XmlElement): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) {
      this.#stack.push(this.#frame(this.#rootType, element, undefined, element.name, undefined, false));
      return;
    }
    if (top.kind !== 'complex') {
      top.hadChild = true;
      this.#stack.push({
        kind: 'skip',
        parent: top,
        name: element.name,
        index: undefined,
        unknownIn: undefined,
        hadChild: false,
      });
      return;
    }
    const member = element.uri === '' ? top.index_.elements.get(element.name) : undefined;
    if (!member) {
      this.#stack.push({
        kind: 'skip',
        parent: top,
        name: element.name,
        index: undefined,
        unknownIn: top,
        hadChild: false,
      });
      return;
    }
    let index: number | undefined;
    if (member.array) {
      index = top.counters.get(element.name) ?? 0;
      top.counters.set(element.name, index + 1);
    } else if (element.name in top.value) {
      report(this.#context, { path: `${pathOf(top)}.${element.name}`, message: 'appears more than once' });
    }
    this.#stack.push(this.#frame(member.element.type, element, top, element.name, index, member.array));
  }

  close(element: XmlElement): void {
    const frame = this.#stack.pop()!;
    const context = this.#context;
    if (frame.kind === 'skip') {
      if (frame.unknownIn !== undefined) {
        const container = frame.unknownIn as StreamFrame & { kind: 'complex' };
        report(context, {
          path: `${pathOf(container)}.${element.name}`,
          message: `is not an element of ${container.type.name}`,
          ...(!frame.hadChild && element.text !== '' ? { value: element.text } : {}),
        });
      }
      return;
    }
    let value: unknown;
    if (frame.kind === 'simple') {
      if (frame.hadChild)
        report(context, { path: pathOf(frame), message: 'simple-typed element has child elements' });
      value = decodeSimpleAt(context, frame.type, element.text, frame);
    } else {
      value = frame.value;
      const { type } = frame;
      const before = context.problems.length;
      if (type.text !== undefined) {
        const textType = resolveType(context.module, type.text) as SimpleTypeDescriptor;
        frame.value[TEXT_PROPERTY] = decodeSimpleAt(
          context,
          textType,
          element.text,
          frame,
          `.${TEXT_PROPERTY}`,
        );
      } else if (element.text.trim() !== '') {
        report(context, {
          path: pathOf(frame),
          message: `unexpected text content in ${type.name}`,
          value: element.text,
        });
      }
      // The text's problems go where the tree decoder reports them: before the children's.
      const added = context.problems.length - before;
      if (added > 0 && frame.textAt < before) {
        const moved = context.problems.splice(before, added);
        context.problems.splice(frame.textAt, 0, ...moved);
      }
    }
    const parent = frame.parent;
    if (parent === undefined) this.value = value;
    else if (parent.kind === 'complex') {
      if (frame.array) ((parent.value[frame.name] ??= []) as unknown[]).push(value);
      else parent.value[frame.name] = value;
    }
  }

  #frame(
    ref: TypeRef,
    element: XmlElement,
    parent: StreamFrame | undefined,
    name: string,
    index: number | undefined,
    array: boolean,
  ): StreamFrame {
    const context = this.#context;
    const type = resolveType(context.module, ref);
    if (type.kind === 'simple') return { kind: 'simple', type, parent, name, index, array, hadChild: false };
    const place: Place = { parent, name, index };
    const typeIndex = complexIndex(type);
    const value: Record<string, unknown> = {};
    for (const foreign of element.foreignAttributes)
      report(context, { path: pathOf(place), message: `unexpected attribute ${foreign}` });
    for (const attrName in element.attributes) {
      const lexical = element.attributes[attrName]!;
      const attribute = typeIndex.attributes.get(attrName);
      if (!attribute) {
        report(context, {
          path: `${pathOf(place)}.${attrName}`,
          message: `is not an attribute of ${type.name}`,
          value: lexical,
        });
        continue;
      }
      const attrType = resolveType(context.module, attribute.type) as SimpleTypeDescriptor;
      value[attrName] = decodeSimpleAt(context, attrType, lexical, place, `.${attrName}`);
    }
    for (const attribute of type.attributes) {
      if (attribute.required && !(attribute.name in element.attributes))
        report(context, {
          path: `${pathOf(place)}.${attribute.name}`,
          message: 'required attribute is missing',
        });
    }
    return {
      kind: 'complex',
      ...place,
      type,
      index_: typeIndex,
      value,
      counters: new Map(),
      array,
      textAt: context.problems.length,
    };
  }
}

/** {@link decodeSimple} with the path made only when there is a problem to report. */
function decodeSimpleAt(
  context: Context,
  type: SimpleTypeDescriptor,
  lexical: string,
  place: Place,
  suffix = '',
): unknown {
  const messages = checkSimpleValue(lexical, type);
  for (const message of messages) report(context, { path: `${pathOf(place)}${suffix}`, message });
  return fromLexical(lexical, type, context.keepLexical);
}
