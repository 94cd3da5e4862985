/**
 * What a forward key rotation means for the patient, in one sentence: each started record category
 * got a new key, so the account that lost its keys cannot open records added from now on (records it
 * already opened cannot be taken back).
 */
export function newKeysSentence(rotations: number, formerHolder: string): string {
  if (rotations === 0) return ''
  const categories = rotations === 1 ? '1 record category' : `${rotations} record categories`
  return `Your ${categories} got new keys, so ${formerHolder} cannot open records added from now on.`
}
