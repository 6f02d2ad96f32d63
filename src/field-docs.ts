/**
 * What a field means: the rule that picks a field's documented meaning from
 * the table of meanings (codegen/overlays/field-meanings.ts, emitted as
 * generated/field-docs.ts). One rule for the generated doc comments and for
 * what `describeInput` and the CLI help say, so they never disagree.
 */

/** A field's meaning in words, and the unit of its value when it has one. */
export interface FieldDoc {
  readonly meaning: string;
  readonly unit?: string;
}

/** The table's entry for one XML name: a general meaning, and meanings in particular complex types. */
export interface FieldDocEntry extends FieldDoc {
  readonly in?: Readonly<Record<string, FieldDoc>>;
}

/** The meaning of member `name` of complex type `type`: the type's own, else the name's general one. */
export function resolveFieldDoc(
  table: Readonly<Record<string, FieldDocEntry>>,
  type: string,
  name: string,
): FieldDoc | undefined {
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  const own = entry?.in && Object.hasOwn(entry.in, type) ? entry.in[type] : undefined;
  return own ?? entry;
}

/** `meaning` followed by its unit: `Unit price asked for the power. Unit: JPY/kW/segment.` */
export function fieldDocText(doc: FieldDoc): string {
  return doc.unit === undefined ? doc.meaning : `${doc.meaning} Unit: ${doc.unit}.`;
}

/** Prose split into lines of at most `width` characters, at spaces (a longer word keeps a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}
