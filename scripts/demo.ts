/**
 * `npm run demo`: the whole client against the local MMS simulator, in one
 * command. As a BSP it submits an offer, queries it back, queries awards,
 * cancels the offer, creates a report and downloads it, printing what was
 * sent, what came back and the transaction id of each step, and where the
 * audit files (the raw HTTP of every call) went. Exits 0 when every step
 * worked, 1 with the error otherwise.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  Certificate,
  FileAuditor,
  MmsClient,
  addJstDays,
  toJstDate,
  type MmsResult,
  type DataInput,
  type outbound,
} from '../src/index.js';
import { startSimulator, type Simulator } from '../src/entries/simulator.js';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

function step(n: number, name: string, sent: string, back: string, result: MmsResult<unknown>): void {
  const tx = result.statistics?.TransactionId ?? '-';
  out(`${n}. ${name.padEnd(15)} sent: ${sent}`);
  out(`   ${''.padEnd(15)} back: ${back}  [transaction ${tx}]`);
}

function messages(result: MmsResult<unknown>): string {
  // Entries without text are left out (mi-report.xsd messages are plain text without a code).
  const shown = result.messages.filter((m) => m.text !== '');
  return shown.length === 0
    ? ''
    : ` — ${shown.map((m) => `${m.code ? `${m.code} ` : ''}${m.text}`).join('; ')}`;
}

const yen = (n: number | undefined): string => (n === undefined ? '?' : n.toFixed(2));

async function main(): Promise<void> {
  let sim: Simulator | undefined;
  let client: MmsClient | undefined;
  try {
    sim = await startSimulator();
    const bsp = sim.credential({ clientType: 'bsp' });
    const auditDir = await mkdtemp(path.join(os.tmpdir(), 'mms-demo-audit-'));
    client = new MmsClient({
      participant: bsp.participant,
      user: bsp.user,
      clientType: 'bsp',
      certificate: await Certificate.fromBytes(bsp.p12, bsp.passphrase),
      domain: 'demo.example.jp',
      urls: sim.urls,
      ca: sim.caPem,
      hooks: new FileAuditor(auditDir),
    });
    out(
      `mms-client demo: local MMS simulator at ${sim.urls.MI.replace(/\/axis2.*$/, '')} (mutual TLS, MTOM)`,
    );
    out(`acting as BSP ${bsp.participant}, user ${bsp.user}, certificate issued by the simulator's CA`);
    out();

    const date = addJstDays(toJstDate(new Date()), 1);
    const envelope = { Date: date, MarketType: 'DAM' as const, NumOfDays: 1 };
    const offer: DataInput<'MarketSubmit_OfferData'> = {
      ResourceName: 'SIMRES01',
      StartTime: `${date}T12:00:00`,
      EndTime: `${date}T15:00:00`,
      Direction: '1',
      OfferStack: [
        { StackNumber: 1, MinimumQuantityInKw: 1000, PrimaryOfferQuantityInKw: 5000, OfferUnitPrice: 12.5 },
      ],
    };
    const period = `${date} 12:00-15:00`;

    const put = await client.putOffer(envelope, offer);
    const stack = put.data?.OfferStack[0];
    step(
      1,
      'putOffer',
      `offer for ${offer.ResourceName}, DAM ${period}, 5000 kW primary at 12.50 JPY/kW`,
      `${put.data?.Validation ?? '?'}, OfferId ${stack?.OfferId ?? '?'}, submitted ${put.data?.SubmissionTime ?? '?'}${messages(put)}`,
      put,
    );

    const offers = await client.queryOffers(envelope, { MarketType: 'DAM', ResourceName: 'SIMRES01' });
    step(
      2,
      'queryOffers',
      `DAM offers of SIMRES01 on ${date}`,
      `${offers.data.length} offer(s): ${offers.data.map((o) => `${o.ResourceName} ${o.StartTime}-${o.EndTime.slice(11)} (${o.CompanyShortName ?? ''}, area ${o.Area ?? '?'})`).join(', ')}`,
      offers,
    );

    const awards = await client.queryAwards(
      { Date: date, NumOfDays: 1 },
      { MarketType: 'DAM', StartTime: `${date}T00:00:00`, EndTime: `${addJstDays(date, 1)}T00:00:00` },
    );
    const awarded = (awards.data?.AwardResultsQueryResponse?.AwardResults ?? []).flatMap(
      (r) => r.AwardResultsData,
    );
    step(
      3,
      'queryAwards',
      `DAM awards for ${date}`,
      `${awarded.length} award(s)${awarded
        .map(
          (a) =>
            `: ${a.ResourceName} ${a.PrimaryAwardQuantityInKw ?? 0} kW at ${yen(a.ContractPrice)} JPY/kW, contract ${a.ContractId}`,
        )
        .join('')}`,
      awards,
    );

    const cancel = await client.cancelOffer(envelope, {
      ResourceName: 'SIMRES01',
      StartTime: offer.StartTime,
      EndTime: offer.EndTime,
      MarketType: 'DAM',
    });
    step(
      4,
      'cancelOffer',
      `cancel SIMRES01 DAM ${period}`,
      `${cancel.data?.Validation ?? '?'}${messages(cancel)}`,
      cancel,
    );

    const report = await client.createReport(
      {},
      {
        ReportName: 'BSP_ResourceList',
        ReportType: 'REGISTRATION',
        ReportSubType: 'RESOURCE',
        Periodicity: 'ON_DEMAND',
        Date: date,
      },
    );
    const transactionId = report.statistics?.TransactionId;
    if (!transactionId) throw new Error('the report request came back without a transaction id');
    step(
      5,
      'createReport',
      'BSP_ResourceList (REGISTRATION/RESOURCE, on demand)',
      `${report.data?.ValidationStatus ?? '?'}, to be downloaded by its transaction id${messages(report)}`,
      report,
    );

    const download = await client.downloadReport(transactionId);
    const data = download.data as outbound.OutboundDataType | undefined;
    const rows = data?.BSP_ResourceList ?? [];
    out(`6. ${'downloadReport'.padEnd(15)} sent: transaction ${transactionId}`);
    out(
      `   ${''.padEnd(15)} back: OutboundData ${data?.DatasetName ?? '?'} with ${rows.length} row(s)${rows
        .map((r) => `: ${r.ResourceName} ${r.ResourceShortName} (area ${r.Area}, system ${r.SystemCode})`)
        .join('')}`,
    );

    const files = await readdir(auditDir);
    out();
    out(`audit: ${files.length} files (raw HTTP request and response of every call) in ${auditDir}`);
  } finally {
    client?.close();
    await sim?.stop();
  }
  out('simulator stopped; demo finished.');
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
