import { formatDate, scopeNoun } from './format.js'

/**
 * Turns any error the app meets (SDK errors by `name`, wallet rejections, network failures) into one
 * or two plain sentences that say what happened and what to do next. Never a stack trace: unknown
 * errors give their first line only.
 */
export function errorMessage(error: unknown): string {
  const chain = causes(error)
  const find = (...names: string[]) => chain.find((e) => names.includes(e.name))
  const rejected = chain.find((e) => e.code === 4001 || e.name === 'UserRejectedRequestError')
  if (rejected)
    return 'You declined the request in your wallet. Nothing was changed; try again when ready.'

  const known = find(...Object.keys(sentences))
  if (known) return sentences[known.name]!(known)

  const first = chain[0]
  const short = first?.shortMessage ?? first?.message ?? String(error)
  return `Something went wrong: ${firstLine(short)} Try again; if it keeps happening, reload the page.`
}

/** The error named `name` in the cause chain of `error`, if any (SDK errors wrap viem's and others). */
export function findError(error: unknown, name: string): ErrorLike | undefined {
  return causes(error).find((e) => e.name === name)
}

type ErrorLike = {
  name: string
  message?: string
  shortMessage?: string
  metaMessages?: string[]
  code?: number
  cause?: unknown
  [field: string]: unknown
}

function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = []
  let current = error
  while (current && typeof current === 'object' && chain.length < 10) {
    chain.push(current as ErrorLike)
    current = (current as { cause?: unknown }).cause
  }
  return chain
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? ''
  return /[.!?]$/.test(line) ? line : `${line}.`
}

const dateOf = (value: unknown) => (value instanceof Date ? formatDate(value) : 'an earlier date')
const scopeOf = (value: unknown) => (typeof value === 'number' ? scopeNoun(value) : 'records')

const sentences: Record<string, (e: ErrorLike) => string> = {
  ConsentExpiredError: (e) =>
    `Your access to this patient's ${scopeOf(e.scope)} expired on ${dateOf(e.expiredAt)}. Request access again.`,
  ConsentRevokedError: (e) =>
    `The patient revoked your access to their ${scopeOf(e.scope)}. Request access again if you still need it.`,
  ConsentRequiredError: (e) =>
    `You have no access to this patient's ${scopeOf(e.scope)}. Request access to see them.`,
  ProviderNotVerifiedError: () =>
    'Your provider account is not verified yet. An administrator must verify it before you can request or read records.',
  NotRegisteredError: () =>
    'This account is not registered with MedChain. Register it first, or check the address.',
  AlreadyRegisteredError: () =>
    'This account is already registered. Each account holds one role for life: use another account for another role.',
  UnauthorizedAccountError: () =>
    'This account is not allowed to do that. Sign in with the patient’s account, a delegate’s, or an administrator’s.',
  UnknownRequestError: () =>
    'That access request is no longer pending (it was already answered or cancelled). Refresh the inbox.',
  EmergencyAccessDisabledError: () =>
    'This patient has not enabled emergency access. Ask for regular consent instead.',
  RecordNotFoundError: () =>
    'That record or profile was not found on chain. Refresh and try again.',
  ScopeKeyNotFoundError: (e) =>
    `The key for the ${scopeOf(e.scope)} could not be found for this account. Ask the patient to grant access again.`,
  KeyProviderRequestError: () =>
    'Your wallet did not sign the key request, so your encryption key could not be unlocked. Approve the signature to continue.',
  NonDeterministicWalletError: () =>
    'Your wallet gives a different signature each time, so it cannot unlock a stable encryption key. Use another wallet.',
  InvalidWalletSignatureError: () =>
    'The wallet signed with a different account than the one signed in. Switch the account in your wallet and sign in again.',
  StorageUnavailableError: () =>
    'The record storage cannot be reached. Check your connection and try again in a moment.',
  StorageAbortedError: () => 'The upload or download was cancelled.',
  ContentNotFoundError: () =>
    'The encrypted record could not be found in storage. It may not have replicated yet: try again later.',
  ContentNotRetrievableError: () =>
    'The encrypted record could not be fetched from storage. Try again later.',
  CidMismatchError: () =>
    'The storage returned data that does not match the record’s fingerprint, so it was rejected. Try again later.',
  ContentIntegrityError: () =>
    'The storage returned corrupted data, so it was rejected. Try again later.',
  DecryptionFailedError: () =>
    'The record could not be decrypted: it was changed after it was written, or the key is wrong. It was not shown.',
  KeyUnwrapFailedError: () =>
    'The record’s key could not be opened with your key. Ask the patient to grant access again.',
  WrongRecipientError: () =>
    'This key was wrapped for another account. Ask the patient to grant access again.',
  InvalidFhirResourceError: (e) => {
    const issues = Array.isArray(e.issues) ? (e.issues as { path: string; message: string }[]) : []
    const listed = issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ')
    return `This is not a valid FHIR record${listed ? ` (${listed})` : ''}. Fix it and upload again.`
  },
  UnmappedResourceTypeError: (e) =>
    `MedChain does not know which category a ${String(e.resourceType)} belongs to. Upload a supported resource type.`,
  UnknownScopeError: () =>
    'That record category is not known. Choose one of the listed categories.',
  ScopeConflictError: () =>
    'This bundle mixes records of different categories. Upload them separately.',
  AttachmentIntegrityError: () =>
    'The attached file does not match its recorded size or hash, so it was not opened.',
  StaleHeadError: () => 'Another record was added at the same time. Try again: nothing was lost.',
  StaleEpochError: () =>
    'The patient changed the keys of this category at the same time. Refresh and try again.',
  TransactionRevertedError: () =>
    'The transaction was rejected by the chain. Nothing was changed; refresh and try again.',
  InvalidContractArgumentError: (e) =>
    `The chain refused the request: ${firstLine(e.shortMessage ?? e.message ?? '')} Check the form and try again.`,
  InsufficientFundsError: () =>
    'Your account has not enough funds to pay for the transaction fee. Top it up and try again.',
  ChainMismatchError: () =>
    'Your wallet is on another network. Switch to the MedChain network and try again.',
  HttpRequestError: () =>
    'The blockchain node cannot be reached. Check your connection and try again.',
}
