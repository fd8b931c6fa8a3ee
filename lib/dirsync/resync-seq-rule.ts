/**
 * The number rule of a RESYNC.GLB (KB Q215505, "Error 14 While Running Import"): IMPORT -q and the
 * DXA refuse the file with Fatal 14 when its REQSEQ is below the requestor's ReqSync (the DSS would
 * reject the requestor's next changes as old) or its IMPSEQ below its ImpSync. Pure, so the
 * apply, the prediction and the wizard's picture of the numbers share the one rule.
 */
export function belowRequestor(
  file: { reqSeq: number; impSeq: number },
  requestor: { reqSync: number; impSync: number },
): { reqSync: boolean; impSync: boolean } {
  return { reqSync: file.reqSeq < requestor.reqSync, impSync: file.impSeq < requestor.impSync };
}
