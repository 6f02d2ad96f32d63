/**
 * Hand-kept overlay: members the MMS writes only in its answers. The schema
 * uses one complex type for a request item and for the same item echoed in
 * the answer, so it cannot say which members a request may carry; these
 * facts come from the reference client (../shared/reference/fields.json,
 * mms-client for Python 1.12.3), which marks them as set in responses only.
 *
 * Request types leave them out (`Input<T>` in src/call-shapes.ts types them
 * `never`) and result types keep them. The client refuses those answer-only
 * everywhere at run time (src/client/answer-only.ts); a type's own it lets
 * through, as the reference client's sample bup_submit_full.xml sends them
 * in a request. passes/answer-only.ts checks every entry
 * against the schema: each member must exist and be optional wherever it
 * appears, or a request could not be written without it.
 */

/** Answer-only wherever they appear, at any depth. */
export const ANSWER_ONLY_EVERYWHERE: readonly { readonly name: string; readonly source: string }[] = [
  // ResponseCommon (base.py): "present in responses, not in requests".
  { name: 'Success', source: 'fields.json ResponseCommon.Success' },
  { name: 'Validation', source: 'fields.json ResponseCommon.Validation' },
  { name: 'ValidationStatus', source: 'fields.json ResponseCommon.ValidationStatus' },
  // BaseResponse (base.py): the statistics and messages of an answer.
  { name: 'ProcessingStatistics', source: 'fields.json BaseResponse.ProcessingStatistics' },
  { name: 'Messages', source: 'fields.json Messages (Information, Warning, Error returned with a payload)' },
];

/** Answer-only members of one data type, by `module.Type`: the MMS fills them in when it echoes the item. */
export const ANSWER_ONLY_BY_TYPE: Readonly<
  Record<string, { readonly members: readonly string[]; readonly source: string }>
> = {
  'market.BupSubmitType': {
    members: ['BspParticipantName', 'CompanyShortName', 'Area', 'ResourceShortName', 'SystemCode'],
    source: 'fields.json BalancingUnitPriceSubmit: populated only when the object is returned',
  },
};
