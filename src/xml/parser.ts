/**
 * The hardened XML reader for everything that comes off the network or out
 * of a file: no DOCTYPE (so no entity expansion, internal or external),
 * nothing but elements, attributes and text, and limits on size, depth,
 * element count, attributes per element and text length.
 *
 * The reader stops at the first limit it passes or the first well-formedness
 * error, by throwing out of the saxes handler, so a hostile document costs
 * no more than the bytes read up to that point. saxes resolves namespaces by
 * walking the open tags, which is quadratic in the depth; the depth limit
 * (at most {@link MAX_DEPTH_LIMIT}) keeps that walk short.
 *
 * {@link parseXmlAsync} reads in slices and yields to the event loop between
 * them, so timers (deadlines, heartbeats) and other connections stay served
 * while a large document is read, and an AbortSignal stops it between slices.
 */
import { SaxesParser } from 'saxes';
import { MmsClientError, MmsError, MmsLimitError } from '../errors.js';
import { pauser } from './yielding.js';

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
  /** Deepest accepted element nesting. Default 64, at most {@link MAX_DEPTH_LIMIT}. */
  readonly maxDepth?: number;
  /** Most elements accepted. Default 2,000,000. */
  readonly maxElements?: number;
  /** Most attributes on one element, namespace declarations included. Default 256. */
  readonly maxAttributes?: number;
  /** Longest text directly inside one element, in UTF-16 code units. Default: `maxLength`. */
  readonly maxTextLength?: number;
}

/** The limits used where a caller gives none. */
export const DEFAULT_PARSE_LIMITS = Object.freeze({
  maxLength: 64 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 2_000_000,
  maxAttributes: 256,
});

/**
 * The deepest nesting a caller may allow. saxes resolves every prefix by
 * walking all open tags, d²/2 lookups for a document d deep: at 10,000 one
 * small document took 1.6 s (found by the fuzzer); at 256 it is a fraction
 * of a millisecond. MMS documents nest about ten deep.
 */
export const MAX_DEPTH_LIMIT = 256;

/** How a parse is run: what it is called in messages, and what can stop it. */
export interface ParseControl {
  /** What is being read, for messages (`the response payload`). Default `the XML document`. */
  readonly label?: string;
  /** Aborts the parse between slices; its reason is thrown (an {@link MmsError} as is). */
  readonly signal?: AbortSignal;
}

/** The document is not well-formed XML, or uses a construct the reader refuses (DOCTYPE). */
export class XmlParseError extends MmsClientError {
  declare readonly code: 'DECODE_ERROR';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super('DECODE_ERROR', message);
  }
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS = 'http://www.w3.org/2000/xmlns/';

/** The attributes of every element that has none (XmlElement's fields are read-only). */
const NO_ATTRIBUTES = Object.freeze({}) as Record<string, string>;
const NO_FOREIGN_ATTRIBUTES = Object.freeze([]) as unknown as string[];

/** Bytes (or characters) handed to saxes at once; about 15 ms of parsing. */
const SLICE = 1 << 20;

/** Reads a whole document at once. Small inputs (SOAP envelopes, test data) only: it never yields. */
export function parseXml(
  input: string | Uint8Array,
  limits: ParseLimits = {},
  control: ParseControl = {},
): XmlElement {
  const builder = new TreeBuilder(limits, control.label ?? 'the XML document');
  for (const text of slices(input, builder)) builder.write(text);
  return builder.finish();
}

/** Reads a document in slices, yielding to the event loop every few milliseconds. */
export async function parseXmlAsync(
  input: string | Uint8Array,
  limits: ParseLimits = {},
  control: ParseControl = {},
): Promise<XmlElement> {
  const builder = new TreeBuilder(limits, control.label ?? 'the XML document');
  const pause = pauser(control.signal);
  for (const text of slices(input, builder)) {
    builder.write(text);
    await pause();
  }
  return builder.finish();
}

/**
 * A streaming UTF-8 decoder: call with each piece of bytes, then with
 * nothing to end; a bad sequence throws the reader's error at its position.
 */
export function utf8Pieces(reader: { error(what: string): XmlParseError }): (bytes?: Uint8Array) => string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return (bytes) => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw reader.error('is not valid UTF-8');
    }
  };
}

/** The input as text, a slice at a time; bytes are decoded as UTF-8 (fatal on bad sequences). */
function* slices(input: string | Uint8Array, builder: TreeBuilder, size = SLICE): Generator<string> {
  if (typeof input === 'string') {
    builder.countLength(input.length);
    for (let at = 0; at < input.length; at += size) yield input.slice(at, at + size);
    return;
  }
  const decode = utf8Pieces(builder);
  for (let at = 0; at < input.byteLength; at += size) {
    const text = decode(input.subarray(at, at + size));
    builder.countLength(text.length);
    yield text;
  }
  const rest = decode();
  builder.countLength(rest.length);
  yield rest;
}

/**
 * Reads a document whose root holds many rows (an `OutboundData` report)
 * without building the whole tree: each child of the root is handed over
 * complete, as soon as its end tag is read, and let go. Memory is bounded by
 * the largest row and the slice being read, not by the document. The limits
 * are those of {@link parseXml}, counted over the whole document.
 */
export class XmlRowReader {
  readonly #builder: TreeBuilder;
  readonly #rows: XmlElement[] = [];

  constructor(limits: ParseLimits = {}, control: Pick<ParseControl, 'label'> = {}) {
    this.#builder = new TreeBuilder(limits, control.label ?? 'the XML document', (row) =>
      this.#rows.push(row),
    );
  }

  /** Reads the next piece of text and returns the rows it completed, in document order. */
  write(text: string): XmlElement[] {
    this.#builder.countLength(text.length);
    this.#builder.write(text);
    return this.#rows.splice(0);
  }

  /** Ends the document: the root, without its children (they were returned by {@link write}). */
  finish(): XmlElement {
    return this.#builder.finish();
  }

  /** A parse error at the current position (for input that is not valid UTF-8). */
  error(what: string): XmlParseError {
    return this.#builder.error(what);
  }

  /** The root element once its start tag has been read (its attributes are complete). */
  get root(): XmlElement | undefined {
    return this.#builder.root;
  }
}

/**
 * Receives each element as the reader meets it, instead of a tree: `open`
 * when its start tag is read (name, namespace, attributes), `close` when its
 * end tag is, with its text. Elements are not linked to their parents, so
 * each is garbage as soon as the sink lets go of it.
 */
export interface ElementSink {
  open(element: XmlElement): void;
  close(element: XmlElement): void;
}

/**
 * Reads a document into `sink` with every limit of {@link parseXmlAsync},
 * in slices of `slice` bytes with a yield between them (a sink that decodes
 * as it goes makes each slice slower, so it asks for smaller ones).
 */
export async function streamXmlAsync(
  input: Uint8Array,
  sink: ElementSink,
  limits: ParseLimits = {},
  control: ParseControl & { readonly slice?: number } = {},
): Promise<void> {
  const builder = new TreeBuilder(limits, control.label ?? 'the XML document', undefined, sink);
  const pause = pauser(control.signal);
  const piece = control.slice ?? SLICE;
  // Decoded a megabyte at a time, read a piece at a time: the pieces are
  // views of the decoded text, and values cut from them keep less of it
  // alive than values cut from small decoded slices (measured: 17 MB held by
  // a decoded 10 MB answer against 38 MB with 128 KiB slices).
  for (const text of slices(input, builder)) {
    for (let at = 0; at < text.length; at += piece) {
      builder.write(at === 0 && text.length <= piece ? text : text.slice(at, at + piece));
      await pause();
    }
  }
  builder.finish();
}

/** Builds the element tree from saxes events, enforcing every limit as it goes. */
class TreeBuilder {
  readonly #parser = new SaxesParser({ xmlns: true, position: true });
  readonly #label: string;
  readonly #maxLength: number;
  readonly #maxDepth: number;
  readonly #maxElements: number;
  readonly #maxAttributes: number;
  readonly #maxTextLength: number;
  readonly #stack: XmlElement[] = [];
  #root: XmlElement | undefined;
  #length = 0;
  #elements = 0;
  #attributes = 0;

  /** When set, each child of the root goes here when complete instead of into the tree. */
  readonly #onRow: ((row: XmlElement) => void) | undefined;

  /** When set, elements go here as they open and close, and no tree is built. */
  readonly #sink: ElementSink | undefined;

  constructor(limits: ParseLimits, label: string, onRow?: (row: XmlElement) => void, sink?: ElementSink) {
    this.#label = label;
    this.#onRow = onRow;
    this.#sink = sink;
    this.#maxLength = limits.maxLength ?? DEFAULT_PARSE_LIMITS.maxLength;
    this.#maxDepth = limits.maxDepth ?? DEFAULT_PARSE_LIMITS.maxDepth;
    if (!Number.isInteger(this.#maxDepth) || this.#maxDepth < 1 || this.#maxDepth > MAX_DEPTH_LIMIT)
      throw new MmsClientError(
        'INVALID_OPTION',
        `maxDepth must be a whole number from 1 to ${MAX_DEPTH_LIMIT}, got ${String(limits.maxDepth)}`,
      );
    this.#maxElements = limits.maxElements ?? DEFAULT_PARSE_LIMITS.maxElements;
    this.#maxAttributes = limits.maxAttributes ?? DEFAULT_PARSE_LIMITS.maxAttributes;
    this.#maxTextLength = limits.maxTextLength ?? this.#maxLength;
    const p = this.#parser;
    p.on('doctype', () => {
      throw this.error('has a DOCTYPE declaration, which is not accepted');
    });
    // Six handlers at most: a seventh turns the parser object into a
    // dictionary-mode object in V8 and parsing gets three times slower
    // (docs/decisions.md). So no `error` handler (saxes then throws at the
    // first error, which is what we want) and no `opentagstart`.
    p.on('attribute', () => {
      if (++this.#attributes > this.#maxAttributes)
        throw this.limit(
          'maxAttributes',
          this.#maxAttributes,
          `has an element with more than ${this.#maxAttributes} attributes`,
        );
    });
    p.on('opentag', (tag) => this.#open(tag));
    p.on('closetag', () => {
      const closed = this.#stack.pop();
      if (this.#sink !== undefined && closed) return this.#sink.close(closed);
      if (this.#onRow !== undefined && this.#stack.length === 1 && closed) {
        this.#stack[0]!.children.pop();
        this.#onRow(closed);
      }
    });
    p.on('text', (text) => this.#text(text));
    p.on('cdata', (text) => this.#text(text));
  }

  get root(): XmlElement | undefined {
    return this.#root;
  }

  countLength(n: number): void {
    this.#length += n;
    if (this.#length > this.#maxLength)
      throw this.limit(
        'maxLength',
        this.#maxLength,
        `is longer than the limit of ${this.#maxLength} characters`,
      );
  }

  write(text: string): void {
    this.#guard(() => this.#parser.write(text));
  }

  finish(): XmlElement {
    this.#guard(() => this.#parser.close());
    if (!this.#root) throw this.error('has no root element');
    return this.#root;
  }

  error(what: string): XmlParseError {
    const line = this.#parser.line;
    return new XmlParseError(`${this.#label} ${what} (line ${line})`, line);
  }

  limit(name: string, max: number, what: string): MmsLimitError {
    return new MmsLimitError(
      name,
      max,
      `${this.#label} ${what} (line ${this.#parser.line}); reading stopped there`,
    );
  }

  #guard(run: () => void): void {
    try {
      run();
    } catch (err) {
      if (err instanceof MmsError) throw err;
      // A well-formedness error, thrown by saxes at the first one it meets.
      const message = err instanceof Error ? err.message : String(err);
      throw this.error(
        `is not well-formed: ${message.replace(/^(?:[^:]*:)?\d+:\d+: /, '').replace(/\.$/, '')}`,
      );
    }
  }

  #open(tag: {
    name: string;
    local?: string;
    uri?: string;
    attributes: Record<string, string | { uri: string; local: string; value: string; prefix: string }>;
  }): void {
    // Checked when the tag is complete: its namespace lookup walks at most
    // maxDepth open tags.
    if (++this.#elements > this.#maxElements)
      throw this.limit('maxElements', this.#maxElements, `has more than ${this.#maxElements} elements`);
    if (this.#stack.length >= this.#maxDepth)
      throw this.limit('maxDepth', this.#maxDepth, `nests elements deeper than ${this.#maxDepth}`);
    this.#attributes = 0;
    // Elements without attributes share one frozen empty record and list:
    // a document of a million small elements is a million objects fewer to
    // allocate and collect (with them, a 1 MiB answer of small elements took
    // over its 1 s budget on a loaded machine; found by the fuzzer).
    let attributes = NO_ATTRIBUTES;
    let foreignAttributes = NO_FOREIGN_ATTRIBUTES;
    for (const key in tag.attributes) {
      const attr = tag.attributes[key]!;
      if (typeof attr === 'string') continue;
      if (attr.uri === '') {
        if (attributes === NO_ATTRIBUTES) attributes = {};
        attributes[attr.local] = attr.value;
      } else if (attr.uri !== XMLNS && attr.uri !== XSI && attr.prefix !== 'xmlns') {
        if (foreignAttributes === NO_FOREIGN_ATTRIBUTES) foreignAttributes = [];
        foreignAttributes.push(`{${attr.uri}}${attr.local}`);
      }
    }
    const element: XmlElement = {
      name: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attributes,
      foreignAttributes,
      children: [],
      text: '',
      line: this.#parser.line,
    };
    const parent = this.#stack[this.#stack.length - 1];
    if (this.#sink !== undefined) {
      if (!parent && this.#root) throw this.error('has more than one root element');
      this.#root ??= element;
      this.#stack.push(element);
      this.#sink.open(element);
      return;
    }
    if (parent) parent.children.push(element);
    else if (this.#root) throw this.error('has more than one root element');
    else this.#root = element;
    this.#stack.push(element);
  }

  #text(text: string): void {
    const current = this.#stack[this.#stack.length - 1];
    if (!current) return;
    if (current.text.length + text.length > this.#maxTextLength)
      throw this.limit(
        'maxTextLength',
        this.#maxTextLength,
        `has a text of more than ${this.#maxTextLength} characters in ${current.name}`,
      );
    current.text += text;
  }
}
