/**
 * An `OutboundData` report (mi-outbnd-reports.xsd) read row by row: each
 * child of the root (`Offers`, `ResourceList`, `MESSAGES`, ...) is decoded
 * and checked against its schema type as soon as its end tag is read, handed
 * to the caller, and let go. A report of any size costs the memory of one
 * slice and one row, not of the document (a 100 MB report decoded whole
 * holds about 1 GB).
 *
 * The source can be a file path, a stream (a saved download, an HTTP body)
 * or bytes already in memory. The XML reader's limits apply to the whole
 * document; the size limit defaults to {@link DEFAULT_ROW_READ_LIMITS}
 * instead of the in-memory 64 MiB, since nothing is held.
 */
import { createReadStream } from 'node:fs';
import { modules } from '../../generated/index.js';
import type { ComplexTypeDescriptor } from './descriptors.js';
import { decodeTree, DecodeError, type DecodeOptions } from './decode.js';
import { utf8Pieces, XmlRowReader, type XmlElement } from './parser.js';
import { complexIndex, resolveElementType } from './schema-index.js';
import type { Violation } from './validate.js';
import { pauser } from './yielding.js';

/** One child of `OutboundData`, decoded. */
export interface OutboundRow {
  /** The element name (`Offers`, `ResourceList`, `MESSAGES`, ...). */
  readonly name: string;
  /** Its place among the rows of the same name, from 0. */
  readonly index: number;
  /** The decoded value, typed by the schema type of the element (undefined for an unknown element). */
  readonly value: unknown;
  /** Where the row does not agree with the schema, with paths like `OutboundData.Offers[3].Area`. */
  readonly problems: readonly Violation[];
}

/** Where the report comes from. */
export type RowSource = string | Uint8Array | AsyncIterable<Uint8Array | string>;

/** Options of {@link readOutboundRows}. */
export interface RowReadOptions extends DecodeOptions {
  /** Stops reading between slices; its reason is thrown. */
  readonly signal?: AbortSignal;
}

/**
 * Defaults for reading a report row by row: 4 GiB of text and 100 million
 * elements, since rows are let go as they are read; the other limits (depth,
 * attributes, text length) are the reader's usual ones.
 */
export const DEFAULT_ROW_READ_LIMITS = Object.freeze({ maxLength: 4 * 1024 ** 3, maxElements: 100_000_000 });

const SLICE = 256 * 1024;

/** The source as text slices; bytes are decoded as UTF-8, a bad sequence is an error. */
async function* texts(source: RowSource, reader: XmlRowReader): AsyncGenerator<string> {
  const decode = utf8Pieces(reader);
  if (source instanceof Uint8Array) {
    for (let at = 0; at < source.byteLength; at += SLICE) yield decode(source.subarray(at, at + SLICE));
  } else {
    const chunks = typeof source === 'string' ? createReadStream(source, { highWaterMark: SLICE }) : source;
    for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decode(chunk);
  }
  yield decode();
}

/**
 * Reads an `OutboundData` report row by row.
 *
 * @example
 * ```ts
 * for await (const row of readOutboundRows('report.xml')) {
 *   if (row.name === 'Offers') total += Number((row.value as outbound.OffersType).OfferUnitPrice);
 * }
 * ```
 * @throws {@link XmlParseError} for a document that is not well-formed, {@link DecodeError} when the
 *   root is not `OutboundData`, {@link MmsLimitError} at a limit
 */
export async function* readOutboundRows(
  source: RowSource,
  options: RowReadOptions = {},
): AsyncGenerator<OutboundRow, void, undefined> {
  const { signal, ...limits } = options;
  const module = modules.outbound;
  const type = resolveElementType(module, 'OutboundData') as ComplexTypeDescriptor;
  const index = complexIndex(type);
  const decodeOptions: DecodeOptions = { ...DEFAULT_ROW_READ_LIMITS, ...limits };
  const reader = new XmlRowReader(decodeOptions, { label: 'the OutboundData report' });
  const counters = new Map<string, number>();
  const pause = pauser(signal);
  let rootChecked = false;
  const rowOf = (element: XmlElement): OutboundRow => {
    if (!rootChecked) checkRoot(reader.root);
    rootChecked = true;
    const i = counters.get(element.name) ?? 0;
    counters.set(element.name, i + 1);
    const path = `OutboundData.${element.name}[${i}]`;
    const member = element.uri === '' ? index.elements.get(element.name) : undefined;
    if (!member) {
      return {
        name: element.name,
        index: i,
        value: undefined,
        problems: [{ path, message: `is not an element of ${type.name}` }],
      };
    }
    const decoded = decodeTree(module, member.element.type, element, path, decodeOptions);
    return { name: element.name, index: i, value: decoded.value, problems: decoded.problems };
  };
  for await (const text of texts(source, reader)) {
    for (const row of reader.write(text)) yield rowOf(row);
    await pause();
  }
  checkRoot(reader.finish());
}

function checkRoot(root: XmlElement | undefined): void {
  if (root !== undefined && (root.name !== 'OutboundData' || root.uri !== ''))
    throw new DecodeError(
      `expected root element OutboundData, found ${root.name}${root.uri ? ` in ${root.uri}` : ''}`,
    );
}
