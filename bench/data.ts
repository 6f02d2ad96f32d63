/**
 * The inputs of the benchmarks, generated once into `.tmp/bench/data` and
 * reused: query answers of a given size (the MMS awards answer sample with
 * its data row repeated), `OutboundData` reports, and offer submissions.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const WORK = path.join(ROOT, '.tmp', 'bench');
export const DATA = path.join(WORK, 'data');
export const SAMPLES = path.resolve(ROOT, '..', 'shared', 'fixtures', 'samples');
export const MB = 1024 * 1024;

/** The awards answer sample, split around its one `AwardResultsData` row. */
function awardsParts(): { head: string; row: string; tail: string } {
  const xml = readFileSync(path.join(SAMPLES, 'query_awards_response.xml'), 'utf8');
  const start = xml.indexOf('<AwardResultsData');
  const endTag = '</AwardResultsData>';
  const end = xml.indexOf(endTag) + endTag.length;
  return { head: xml.slice(0, start), row: xml.slice(start, end), tail: xml.slice(end) };
}

/** Writes `file` by streaming pieces from `write`, atomically (a half-written file is never reused). */
async function generate(
  file: string,
  write: (put: (s: string) => Promise<void>) => Promise<void>,
): Promise<string> {
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.part`;
  const out = createWriteStream(tmp);
  const put = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(put);
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
  return file;
}

/**
 * A `MarketData` answer to `MarketQuery_AwardResultsQuery` of about `mb`
 * megabytes: each repeated row has its own ids, so no two strings are equal.
 */
export function awardsAnswer(mb: number): Promise<string> {
  const { head, row, tail } = awardsParts();
  return generate(path.join(DATA, `awards-${mb}MB.xml`), async (put) => {
    await put(head);
    let written = head.length + tail.length;
    for (let i = 0; written < mb * MB; i++) {
      const r = row
        .replace('JbmsId="4235230998"', `JbmsId="${String(4235230998 + i)}"`)
        .replace('ContractId="156098uqt3qawldefjT"', `ContractId="C${String(i).padStart(18, '0')}"`);
      written += Buffer.byteLength(r);
      await put(r);
    }
    await put(tail);
  });
}

/** One `Offers` row of an `OutboundData` report (mi-outbnd-reports.xsd, every required attribute). */
function offersRow(i: number): string {
  return (
    `<Offers ROW="${i + 1}" TradeDate="2024-04-12" StartTime="2024-04-12T15:00:00" EndTime="2024-04-12T18:00:00"` +
    ` OfferID="OFFER${String(i).padStart(12, '0')}" MarketType="DAM" Direction="1" Area="03"` +
    ` ResourceName="RESO${String(i % 10000).padStart(4, '0')}" SystemCode="FSYS0" ParticipantName="F100"` +
    ` CompanyShortName="偽会社" ResourceShortName="偽電力" StackNumber="${(i % 20) + 1}"` +
    ` MinimumSupplyQuantity="100" PrimaryOfferQuantity="5000" OfferUnitPrice="42.15" RampDownUnitPrice="9.99"` +
    ` StartUpUnitPrice="99.99" CompletionDate="2024-04-10T22:34:44"></Offers>\n`
  );
}

/** An `OutboundData` report of about `mb` megabytes of `Offers` rows. */
export function outboundReport(mb: number): Promise<string> {
  return generate(path.join(DATA, `outbound-${mb}MB.xml`), async (put) => {
    const head = '<OutboundData DatasetName="Offers" Date="2024-04-12">\n';
    await put(head);
    let written = head.length;
    let batch = '';
    for (let i = 0; written < mb * MB; i++) {
      const r = offersRow(i);
      written += Buffer.byteLength(r);
      batch += r;
      if (batch.length > 64 * 1024) {
        await put(batch);
        batch = '';
      }
    }
    await put(`${batch}</OutboundData>\n`);
  });
}

/** `n` offers of `MarketSubmit_OfferData`, each with three stacks. */
export function offers(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    ResourceName: `RESO${String(i % 10000).padStart(4, '0')}`,
    StartTime: '2024-03-15T12:00:00',
    EndTime: '2024-03-15T21:00:00',
    Direction: '1',
    OfferStack: Array.from({ length: 3 }, (_, s) => ({
      StackNumber: s + 1,
      MinimumQuantityInKw: 1000 + s,
      OfferUnitPrice: 12.34 + s,
      PrimaryOfferQuantityInKw: 2000,
    })),
  }));
}

/**
 * The same offers written by hand as one string join, attributes in the
 * canonical (sorted) order: the floor of what any encoder must do.
 */
export function offersByJoin(date: string, list: readonly Record<string, unknown>[]): string {
  const parts: string[] = [
    `<MarketData><MarketSubmit Date="${date}" MarketType="DAM" NumOfDays="1" ParticipantName="F100" UserName="FAKEUSER">`,
  ];
  for (const o of list) {
    parts.push(
      `<OfferData Direction="${String(o['Direction'])}" EndTime="${String(o['EndTime'])}" ResourceName="${String(o['ResourceName'])}" StartTime="${String(o['StartTime'])}">`,
    );
    for (const s of o['OfferStack'] as Record<string, number>[]) {
      parts.push(
        `<OfferStack MinimumQuantityInKw="${s['MinimumQuantityInKw']}" OfferUnitPrice="${s['OfferUnitPrice']}" PrimaryOfferQuantityInKw="${s['PrimaryOfferQuantityInKw']}" StackNumber="${s['StackNumber']}"></OfferStack>`,
      );
    }
    parts.push('</OfferData>');
  }
  parts.push('</MarketSubmit></MarketData>');
  return parts.join('');
}
