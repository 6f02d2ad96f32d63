/**
 * Reports: created with a transaction id, listed, and downloaded by
 * transaction id (an OutboundData document) or by file name (the same
 * content, as a binary CSV file when asked for CSV).
 */
import { modules } from '../../../generated/index.js';
import { addJstDays, toJstDate, toJstDateTime } from '../../client/time.js';
import type { ClientType } from '../../transport/endpoints.js';
import type { ReportRecord } from '../state.js';
import {
  conformAttributes,
  isRec,
  messagesValue,
  stripServerFields,
  withStatus,
  type Note,
  type Rec,
} from '../values.js';
import { attributesOf, clone, CODES, companyOf, reply, type Call, type Reply } from './reply.js';
import { noData } from './queries.js';

function accessClassOf(type: ClientType): string {
  return type.toUpperCase();
}

function reportFileName(report: Pick<ReportRecord, 'participant' | 'transactionId'>, name: string): string {
  const safe = (name || 'REPORT').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 30);
  return `${safe}_${report.participant}_${report.transactionId}.xml`;
}

export function createReport(call: Call): Reply {
  const { op, module } = call;
  const request = stripServerFields(call.items[0] ?? {}) as Rec;
  const name = String(request['ReportName'] ?? '');
  const record: ReportRecord = {
    transactionId: call.transactionId,
    participant: call.caller.participant,
    accessClass: accessClassOf(call.caller.config.clientType),
    request: clone(request),
    createdAt: call.now,
    fileName: reportFileName(
      { participant: call.caller.participant, transactionId: call.transactionId },
      name,
    ),
  };
  call.state.addReport(record);
  const answer = withStatus(module, op.dataType, { ...request }, 'PASSED', true);
  const logged: Note = {
    level: 'information',
    code: CODES.reportLogged,
    text: `Successfully logged request for Report ${name}. Please use transaction ID ${call.transactionId} for further reference.`,
  };
  const messages = messagesValue(module, [logged]);
  if (messages) answer['Messages'] = messages;
  return reply(call, undefined, op.element, answer, []);
}

/** The rows of a report: BSP_ResourceList from the participant's registered resources. */
function outboundDocument(call: Call, report: ReportRecord): Rec {
  const outbound = modules.outbound;
  const name = report.request['ReportName'];
  const value: Rec = conformAttributes(outbound, 'OutboundDataType', {
    DatasetName: name,
    DatasetType: 'ON_DEMAND',
    Date: report.request['Date'],
    DateType: 'TRADE',
    DateTimeIndicator: 'JST',
    PublishTime: toJstDateTime(report.createdAt),
  }).value;
  if (name === 'BSP_ResourceList' || report.request['ReportSubType'] === 'RESOURCE') {
    const company = companyOf(call.participants.get(report.participant));
    const rows = call.state
      .items(report.participant, 'registration', 'Resource')
      .map((s, i) =>
        conformAttributes(outbound, 'BSP_ResourceListType', {
          ...s.item,
          ROW: String(i + 1),
          CompanyShortName: company,
          BaselineSettingsMethod: s.item['BaselineSettingMethod'],
        }),
      )
      .filter((r) => r.complete)
      .map((r) => r.value);
    value['DatasetName'] = 'BSP_ResourceList';
    if (rows.length > 0) value['BSP_ResourceList'] = rows;
  }
  return value;
}

function csvOf(document: Rec): string {
  const rows = Object.values(document).filter(Array.isArray).flat().filter(isRec);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(attributesOf(r))))];
  const cell = (v: unknown): string => {
    const text = v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n'
  );
}

function reportNotFound(call: Call, what: string): Reply {
  const { op, module } = call;
  const answer = withStatus(
    module,
    op.dataType,
    stripServerFields(call.items[0] ?? {}) as Rec,
    'FAILED',
    false,
  );
  const note: Note = {
    level: 'error',
    code: CODES.reportNotFound,
    text: `${what}のレポートは見つかりません (no report ${what} for participant ${call.caller.participant})`,
  };
  return reply(call, undefined, op.element, answer, [note], false);
}

export function downloadByTransaction(call: Call): Reply {
  const id = String(call.items[0]?.['TransactionId'] ?? '');
  const report = call.state.report(id);
  if (!report || report.participant !== call.caller.participant)
    return reportNotFound(call, `トランザクションID ${id} `);
  return {
    kind: 'document',
    module: modules.outbound,
    root: 'OutboundData',
    value: outboundDocument(call, report),
    ok: true,
    warnings: false,
  };
}

export function downloadByName(call: Call): Reply {
  const request = call.items[0] ?? {};
  const fileName = String(request['FileName'] ?? '');
  const report = call.state.reports(call.caller.participant).find((r) => r.fileName === fileName);
  if (!report) return reportNotFound(call, `ファイル ${fileName} `);
  const document = outboundDocument(call, report);
  // Files named in a report list come back as binary files with their name,
  // like the MMS's pre-generated reports.
  if (request['FileType'] === 'CSV') {
    return {
      kind: 'file',
      bytes: Buffer.from(csvOf(document), 'utf8'),
      dataType: 'CSV',
      filename: fileName.replace(/\.xml$/, '.csv'),
      binary: true,
    };
  }
  return {
    kind: 'document',
    module: modules.outbound,
    root: 'OutboundData',
    value: document,
    ok: true,
    warnings: false,
  };
}

export function listReports(call: Call): Reply {
  const { op, module } = call;
  const request = stripServerFields(call.items[0] ?? {}) as Rec;
  const filters = ['ReportName', 'ReportType', 'ReportSubType', 'Periodicity', 'Date'];
  const found = call.state
    .reports(call.caller.participant)
    .filter((r) =>
      filters.every((f) => request[f] === undefined || request[f] === '' || r.request[f] === request[f]),
    );
  const items = found
    .map((r) =>
      conformAttributes(module, 'ReportItemType', {
        ...r.request,
        TransactionId: r.transactionId,
        AccessClass: r.accessClass,
        FileType: 'XML',
        FileName: r.fileName,
        FileSize: Buffer.byteLength(JSON.stringify(r.request)) + 512,
        BinaryFile: true,
        ExpiryDate: addJstDays(toJstDate(r.createdAt), 2),
        Description: `On-demand report ${String(r.request['ReportName'] ?? '')} (simulator)`,
      }),
    )
    .filter((r) => r.complete)
    .map((r) => r.value);
  const answer = withStatus(module, op.dataType, { ...request }, 'PASSED', true);
  delete answer['ReportListResponse'];
  if (items.length > 0) answer['ReportListResponse'] = { ReportItem: items };
  return reply(call, undefined, op.element, answer, items.length === 0 ? [noData()] : []);
}
