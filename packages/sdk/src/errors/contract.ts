import { medChainAbi } from '@medchain/contracts'
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Hex, isHex } from 'viem'
import { errorDocsPath, MedChainError } from './base.js'
import { ConsentRequiredError } from './client.js'

/**
 * Name of a custom error of the MedChain ABI (MedChain's own, OpenZeppelin's `AccessControl*`,
 * `StringTooLong`, `InvalidShortString`).
 *
 * @example
 * ```ts
 * import type { MedChainContractErrorName } from '@medchain/sdk'
 *
 * const name: MedChainContractErrorName = 'MedChainRecordsStaleHead'
 * ```
 */
export type MedChainContractErrorName = Extract<
  (typeof medChainAbi)[number],
  { type: 'error' }
>['name']

type Args = readonly unknown[]

/**
 * What every contract error constructor (and {@link toMedChainContractError}) takes: the custom
 * error's name, its decoded arguments and the original error.
 *
 * @example
 * ```ts
 * import { type ContractErrorParameters, toMedChainContractError } from '@medchain/sdk'
 *
 * const parameters: ContractErrorParameters = { errorName: 'MedChainIdentityNotRegistered', args: [account] }
 * throw toMedChainContractError(parameters)
 * ```
 */
export type ContractErrorParameters = {
  errorName: MedChainContractErrorName
  args?: readonly unknown[] | undefined
  cause?: unknown
}

type Entry = {
  type: new (parameters: ContractErrorParameters) => MedChainContractError
  /** One sentence: what happened. */
  message: (args: Args) => string
  /** What to do. */
  fix: string
}

/**
 * The root of errors decoded from MedChain contract reverts. `errorName` and `args` are the
 * Solidity custom error; the subclass groups errors that call for the same response.
 *
 * @example
 * ```ts
 * import { MedChainContractError } from '@medchain/sdk'
 *
 * try {
 *   await client.grantAccess({ grantee, scopes: [5], expiry })
 * } catch (error) {
 *   if (error instanceof MedChainContractError) console.error(error.errorName, error.args)
 * }
 * ```
 */
export class MedChainContractError extends MedChainError {
  override name = 'MedChainContractError'
  /** The Solidity custom error, e.g. `MedChainIdentityUnverifiedProvider`. */
  readonly errorName: MedChainContractErrorName
  /** Its decoded arguments. */
  readonly args: readonly unknown[]
  constructor(
    { errorName, args = [], cause }: ContractErrorParameters,
    className = 'MedChainContractError',
  ) {
    const entry = contractErrors[errorName]
    super(entry.message(args), {
      docsPath: errorDocsPath(className),
      metaMessages: [entry.fix, `Contract error: ${errorName}(${args.map(String).join(', ')}).`],
      cause,
    })
    this.errorName = errorName
    this.args = args
  }
}

/**
 * `NotRegisteredError`: the account is not registered, or not in the role the call needs
 * (`MedChainIdentityNotRegistered`, `NotPatient`, `NotProvider`).
 *
 * @example
 * ```ts
 * import { NotRegisteredError } from '@medchain/sdk'
 *
 * try { await client.requestAccess({ patient, scopes: [5], purpose: 1, duration: 86_400n }) }
 * catch (error) { if (error instanceof NotRegisteredError) await client.registerPatient({ profile }) }
 * ```
 */
export class NotRegisteredError extends MedChainContractError {
  override name = 'NotRegisteredError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'NotRegisteredError')
  }
}

/**
 * `AlreadyRegisteredError`: one role per address, for life (`MedChainIdentityAlreadyRegistered`).
 *
 * @example
 * ```ts
 * import { AlreadyRegisteredError } from '@medchain/sdk'
 *
 * try { await client.registerPatient({ profile }) }
 * catch (error) { if (error instanceof AlreadyRegisteredError) console.log('already registered') }
 * ```
 */
export class AlreadyRegisteredError extends MedChainContractError {
  override name = 'AlreadyRegisteredError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'AlreadyRegisteredError')
  }
}

/**
 * `ProviderNotVerifiedError`: the provider is not currently verified (unverified or suspended)
 * (`MedChainIdentityUnverifiedProvider`).
 *
 * @example
 * ```ts
 * import { ProviderNotVerifiedError } from '@medchain/sdk'
 *
 * try { await client.requestAccess({ patient, scopes: [5], purpose: 1, duration: 86_400n }) }
 * catch (error) { if (error instanceof ProviderNotVerifiedError) console.log('ask an administrator to verify you') }
 * ```
 */
export class ProviderNotVerifiedError extends MedChainContractError {
  override name = 'ProviderNotVerifiedError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'ProviderNotVerifiedError')
  }
}

/**
 * `UnauthorizedAccountError`: the account may not do this for this patient (not the patient or a
 * delegate, not a writer of the scope, or missing an administrator role).
 *
 * @example
 * ```ts
 * import { UnauthorizedAccountError } from '@medchain/sdk'
 *
 * try { await client.verifyProvider({ provider, credentialRef }) }
 * catch (error) { if (error instanceof UnauthorizedAccountError) console.log(error.errorName) }
 * ```
 */
export class UnauthorizedAccountError extends MedChainContractError {
  override name = 'UnauthorizedAccountError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'UnauthorizedAccountError')
  }
}

/**
 * `SignatureExpiredError`: the EIP-712 signature's deadline has passed (`MedChainIdentityExpiredSignature`).
 *
 * @example
 * ```ts
 * import { SignatureExpiredError } from '@medchain/sdk'
 *
 * try { await doctorClient.relayGrant(signed) }
 * catch (error) { if (error instanceof SignatureExpiredError) console.log('ask the patient to sign again') }
 * ```
 */
export class SignatureExpiredError extends MedChainContractError {
  override name = 'SignatureExpiredError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'SignatureExpiredError')
  }
}

/**
 * `SignatureNonceError`: the signature was already used, or invalidated, or signed out of order
 * (`MedChainIdentityInvalidNonce`).
 *
 * @example
 * ```ts
 * import { SignatureNonceError } from '@medchain/sdk'
 *
 * try { await doctorClient.relayGrant(signed) }
 * catch (error) { if (error instanceof SignatureNonceError) console.log('replayed or stale signature') }
 * ```
 */
export class SignatureNonceError extends MedChainContractError {
  override name = 'SignatureNonceError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'SignatureNonceError')
  }
}

/**
 * `InvalidSignatureError`: the signature is not the signer's EIP-712 signature of this message for
 * this chain and contract (`MedChainIdentityInvalidSignature`, `InvalidSigner`).
 *
 * @example
 * ```ts
 * import { InvalidSignatureError } from '@medchain/sdk'
 *
 * try { await doctorClient.relayGrant(signed) }
 * catch (error) { if (error instanceof InvalidSignatureError) console.log('tampered or wrong-chain signature') }
 * ```
 */
export class InvalidSignatureError extends MedChainContractError {
  override name = 'InvalidSignatureError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'InvalidSignatureError')
  }
}

/**
 * `StaleHeadError`: another anchor landed first (`MedChainRecordsStaleHead`, the compare-and-swap
 * on the anchor count). The SDK retries once itself; you see this only if that failed too.
 *
 * @example
 * ```ts
 * import { StaleHeadError } from '@medchain/sdk'
 *
 * try { await client.publishRecord({ scope: 5, data }) }
 * catch (error) { if (error instanceof StaleHeadError) await client.publishRecord({ scope: 5, data }) }
 * ```
 */
export class StaleHeadError extends MedChainContractError {
  override name = 'StaleHeadError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'StaleHeadError')
  }
}

/**
 * `StaleEpochError`: the scope key epoch moved on (a rotation landed) (`MedChainRecordsStaleEpoch`).
 *
 * @example
 * ```ts
 * import { StaleEpochError } from '@medchain/sdk'
 *
 * try { await client.publishRecord({ scope: 5, data }) }
 * catch (error) { if (error instanceof StaleEpochError) await client.publishRecord({ scope: 5, data }) }
 * ```
 */
export class StaleEpochError extends MedChainContractError {
  override name = 'StaleEpochError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'StaleEpochError')
  }
}

/**
 * `UnknownScopeError`: the scope id is not known to the contract (`UnknownScope`).
 *
 * @example
 * ```ts
 * import { UnknownScopeError } from '@medchain/sdk'
 *
 * try { await client.publishRecord({ scope: 42, data }) }
 * catch (error) { if (error instanceof UnknownScopeError) console.log('use scopes 1-7 or one added by the admin') }
 * ```
 */
export class UnknownScopeError extends MedChainContractError {
  override name = 'UnknownScopeError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'UnknownScopeError')
  }
}

/**
 * `UnknownRequestError`: the request is not pending (already granted, denied or cancelled), or not
 * from this grantee (`MedChainConsentUnknownRequest`).
 *
 * @example
 * ```ts
 * import { UnknownRequestError } from '@medchain/sdk'
 *
 * try { await client.denyRequest({ requestId: 3n }) }
 * catch (error) { if (error instanceof UnknownRequestError) console.log('already closed') }
 * ```
 */
export class UnknownRequestError extends MedChainContractError {
  override name = 'UnknownRequestError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'UnknownRequestError')
  }
}

/**
 * `EmergencyAccessDisabledError`: the patient has not opted in to break-glass access
 * (`MedChainConsentEmergencyAccessDisabled`).
 *
 * @example
 * ```ts
 * import { EmergencyAccessDisabledError } from '@medchain/sdk'
 *
 * try { await doctorClient.emergencyAccess({ patient, scopes: [2], reasonCode: 1 }) }
 * catch (error) { if (error instanceof EmergencyAccessDisabledError) console.log('not opted in') }
 * ```
 */
export class EmergencyAccessDisabledError extends MedChainContractError {
  override name = 'EmergencyAccessDisabledError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'EmergencyAccessDisabledError')
  }
}

/**
 * `InvalidContractArgumentError`: the contract rejected an argument (empty CID or scope list, zero
 * address, past expiry, bad supersedes, ...). The message names the argument.
 *
 * @example
 * ```ts
 * import { InvalidContractArgumentError } from '@medchain/sdk'
 *
 * try { await client.grantAccess({ grantee, scopes: [], expiry }) }
 * catch (error) { if (error instanceof InvalidContractArgumentError) console.error(error.shortMessage) }
 * ```
 */
export class InvalidContractArgumentError extends MedChainContractError {
  override name = 'InvalidContractArgumentError'
  constructor(parameters: ContractErrorParameters) {
    super(parameters, 'InvalidContractArgumentError')
  }
}

/**
 * `NoPermissionRevertError` is not a class: `MedChainConsentNoPermission` decodes to
 * {@link ConsentRequiredError}. This adapter gives it the contract-error constructor shape.
 */
class NoPermission extends MedChainContractError {}

const a = (args: Args, i: number) => String(args[i])

/** Every custom error of the MedChain ABI, with its SDK class, message and fix. */
export const contractErrors: { readonly [name in MedChainContractErrorName]: Entry } = {
  AccessControlBadConfirmation: {
    type: UnauthorizedAccountError,
    message: () => 'Role renunciation must be confirmed by the account itself.',
    fix: 'Call `renounceRole` from the account that holds the role.',
  },
  AccessControlUnauthorizedAccount: {
    type: UnauthorizedAccountError,
    message: (x) => `${a(x, 0)} lacks the role ${a(x, 1)} this call needs.`,
    fix: 'Use an administrator account (VERIFIER_ROLE verifies and suspends providers; DEFAULT_ADMIN_ROLE adds scopes).',
  },
  InvalidShortString: {
    type: InvalidContractArgumentError,
    message: () => 'A string is not a valid short string.',
    fix: 'Pass a shorter string.',
  },
  StringTooLong: {
    type: InvalidContractArgumentError,
    message: () => 'A string is too long.',
    fix: 'Pass a shorter string.',
  },
  MedChainConsentEmergencyAccessDisabled: {
    type: EmergencyAccessDisabledError,
    message: (x) => `Patient ${a(x, 0)} has not enabled emergency access.`,
    fix: "Break-glass access needs the patient's prior opt-in (`setEmergencyAccess`); ask for regular consent instead.",
  },
  MedChainConsentEmptyCid: {
    type: InvalidContractArgumentError,
    message: () => 'The key-envelope CID is empty.',
    fix: 'Store the key envelope first and pass its CID.',
  },
  MedChainConsentEmptyScopes: {
    type: InvalidContractArgumentError,
    message: () => 'The scope list is empty.',
    fix: 'Pass at least one scope id.',
  },
  MedChainConsentExpiryInPast: {
    type: InvalidContractArgumentError,
    message: (x) => `The expiry ${a(x, 0)} is not in the future.`,
    fix: 'Pass an expiry (unix seconds) after the current block time.',
  },
  MedChainConsentInvalidDelegate: {
    type: InvalidContractArgumentError,
    message: (x) => `${a(x, 0)} cannot be a delegate (zero address or the patient).`,
    fix: 'Pass another account as delegate.',
  },
  MedChainConsentInvalidCustodian: {
    type: InvalidContractArgumentError,
    message: (x) =>
      `${a(x, 0)} cannot be the emergency custodian here (the zero address when turning break-glass access on, or any custodian or envelope when turning it off).`,
    fix: 'Name a verified provider as custodian to turn it on; pass no custodian to turn it off.',
  },
  MedChainConsentInvalidDuration: {
    type: InvalidContractArgumentError,
    message: () => 'The requested duration is zero.',
    fix: 'Ask for a positive number of seconds.',
  },
  MedChainConsentInvalidGrantee: {
    type: InvalidContractArgumentError,
    message: () => 'The grantee is the zero address.',
    fix: "Pass the provider's address.",
  },
  MedChainConsentInvalidPatient: {
    type: InvalidContractArgumentError,
    message: () => 'The patient is the zero address.',
    fix: "Pass the patient's address.",
  },
  MedChainConsentInvalidReasonCode: {
    type: InvalidContractArgumentError,
    message: () => 'The emergency reason code is zero.',
    fix: 'Pass a non-zero reason code.',
  },
  MedChainConsentNoPermission: {
    type: NoPermission,
    message: (x) => `${a(x, 1)} holds no permission for scope ${a(x, 2)} of patient ${a(x, 0)}.`,
    fix: 'Nothing to revoke; list active grants with `listActiveGrants`.',
  },
  MedChainConsentScopeAlreadyKnown: {
    type: InvalidContractArgumentError,
    message: (x) => `Scope ${a(x, 0)} already exists.`,
    fix: 'Pick an unused scope id.',
  },
  MedChainConsentUnauthorizedAccount: {
    type: UnauthorizedAccountError,
    message: (x) =>
      `${a(x, 0)} is neither patient ${a(x, 1)} nor one of its delegates (nor the requester, nor its emergency custodian).`,
    fix: "Act from the patient's account or a delegate's, or have the patient sign the message; only the patient's emergency custodian releases emergency keys.",
  },
  MedChainConsentUnknownRequest: {
    type: UnknownRequestError,
    message: (x) =>
      `Request ${a(x, 1)} is not pending for patient ${a(x, 0)} (or is not from this grantee).`,
    fix: 'List pending requests with `listPendingRequests`; a request closes once granted, denied or cancelled.',
  },
  MedChainConsentUnknownScope: {
    type: UnknownScopeError,
    message: (x) => `Scope ${a(x, 0)} is not a known scope.`,
    fix: 'Use a seeded scope (1-7) or one an administrator added with `addScope`.',
  },
  MedChainIdentityAlreadyRegistered: {
    type: AlreadyRegisteredError,
    message: (x) => `${a(x, 0)} is already registered.`,
    fix: 'One role per address, for life. Use another account for another role.',
  },
  MedChainIdentityEmptyCid: {
    type: InvalidContractArgumentError,
    message: () => 'The profile CID is empty.',
    fix: 'Store the profile first and pass its CID.',
  },
  MedChainIdentityExpiredSignature: {
    type: SignatureExpiredError,
    message: (x) => `The signature expired at ${a(x, 0)} (unix seconds).`,
    fix: 'Ask the signer to sign again with a later deadline, then relay promptly.',
  },
  MedChainIdentityInvalidAdmin: {
    type: InvalidContractArgumentError,
    message: () => 'The administrator is the zero address.',
    fix: 'Deploy with an administrator account.',
  },
  MedChainIdentityInvalidCredential: {
    type: InvalidContractArgumentError,
    message: () => 'The credential reference is zero.',
    fix: 'Pass a non-zero reference, e.g. the hash of the licence document.',
  },
  MedChainIdentityInvalidEncryptionKey: {
    type: InvalidContractArgumentError,
    message: () => 'The X25519 encryption key is zero.',
    fix: "Pass the key provider's public key.",
  },
  MedChainIdentityInvalidNonce: {
    type: SignatureNonceError,
    message: (x) =>
      `The signature's nonce is not ${a(x, 0)}'s current nonce ${a(x, 1)}: it was already used, invalidated or signed out of order.`,
    fix: 'Ask the signer for a new signature (the SDK reads the current nonce).',
  },
  MedChainIdentityInvalidProvider: {
    type: InvalidContractArgumentError,
    message: () => 'The provider is the zero address.',
    fix: "Pass the provider's address.",
  },
  MedChainIdentityInvalidRole: {
    type: InvalidContractArgumentError,
    message: () => 'Role None cannot be registered.',
    fix: 'Register as a patient or a provider.',
  },
  MedChainIdentityInvalidSignature: {
    type: InvalidSignatureError,
    message: (x) =>
      `The signature is not ${a(x, 0)}'s signature of this message for this chain and contract.`,
    fix: 'Sign again on this chain and deployment, from the account named as signer.',
  },
  MedChainIdentityInvalidSigner: {
    type: InvalidSignatureError,
    message: () => 'The signer is the zero address.',
    fix: 'Name the patient or a delegate as signer.',
  },
  MedChainIdentityNotPatient: {
    type: NotRegisteredError,
    message: (x) => `${a(x, 0)} is not a registered patient.`,
    fix: 'Register the account as a patient first (`registerPatient`).',
  },
  MedChainIdentityNotProvider: {
    type: NotRegisteredError,
    message: (x) => `${a(x, 0)} is not a registered provider.`,
    fix: 'Register the account as a provider first (`registerProvider`).',
  },
  MedChainIdentityNotRegistered: {
    type: NotRegisteredError,
    message: (x) => `${a(x, 0)} is not registered.`,
    fix: 'Register the account first (`registerPatient` or `registerProvider`).',
  },
  MedChainIdentityUnverifiedProvider: {
    type: ProviderNotVerifiedError,
    message: (x) => `Provider ${a(x, 0)} is not verified (or is suspended).`,
    fix: 'An administrator must verify the provider (`verifyProvider`) before it can request, receive or use access.',
  },
  MedChainRecordsEmptyBatch: {
    type: InvalidContractArgumentError,
    message: () => 'The batch has no records.',
    fix: 'Pass at least one record.',
  },
  MedChainRecordsEmptyCid: {
    type: InvalidContractArgumentError,
    message: () => 'A record CID is empty.',
    fix: 'Store the record first and anchor its CID.',
  },
  MedChainRecordsInvalidPatient: {
    type: InvalidContractArgumentError,
    message: () => 'The patient is the zero address.',
    fix: "Pass the patient's address.",
  },
  MedChainRecordsInvalidSupersedes: {
    type: InvalidContractArgumentError,
    message: (x) => `Anchor ${a(x, 1)} cannot supersede ${a(x, 0)}: it must be an earlier anchor.`,
    fix: 'Pass the `seq` of an existing earlier record of the patient.',
  },
  MedChainRecordsLengthMismatch: {
    type: InvalidContractArgumentError,
    message: (x) => `${a(x, 0)} CIDs but ${a(x, 1)} supersedes entries.`,
    fix: 'Pass one supersedes entry per record, or none.',
  },
  MedChainRecordsStaleEpoch: {
    type: StaleEpochError,
    message: (x) =>
      `Epoch ${a(x, 1)} of scope ${a(x, 0)} is stale; the current epoch is ${a(x, 2)}.`,
    fix: 'The scope key was rotated meanwhile: call the action again (it re-reads the epoch).',
  },
  MedChainRecordsStaleHead: {
    type: StaleHeadError,
    message: (x) =>
      `Expected ${a(x, 0)} anchors but the patient has ${a(x, 1)}: another anchor landed first.`,
    fix: 'Call the action again: it re-reads the count, and returns the existing anchor if this record already landed.',
  },
  MedChainRecordsUnauthorizedAccount: {
    type: UnauthorizedAccountError,
    message: (x) => `${a(x, 0)} is neither patient ${a(x, 1)} nor one of its delegates.`,
    fix: "Rotate scope keys from the patient's account or a delegate's.",
  },
  MedChainRecordsUnauthorizedAuthor: {
    type: UnauthorizedAccountError,
    message: (x) => `${a(x, 0)} may not add records to scope ${a(x, 2)} of patient ${a(x, 1)}.`,
    fix: 'Only the patient, or a verified provider with an unexpired write grant for the scope, can anchor records.',
  },
  MedChainRecordsUnknownScope: {
    type: UnknownScopeError,
    message: (x) => `Scope ${a(x, 0)} is not a known scope.`,
    fix: 'Use a seeded scope (1-7) or one an administrator added with `addScope`.',
  },
}

/**
 * `UnknownContractError`: the call reverted with data the SDK cannot decode (an unknown error, or
 * empty data, e.g. an enum out of range).
 *
 * @example
 * ```ts
 * import { UnknownContractError } from '@medchain/sdk'
 *
 * try { await client.registerPatient({ profile }) }
 * catch (error) { if (error instanceof UnknownContractError) console.error(error.details) }
 * ```
 */
export class UnknownContractError extends MedChainError {
  override name = 'UnknownContractError'
  readonly data: Hex | undefined
  constructor({
    data,
    functionName,
    cause,
  }: { data?: Hex | undefined; functionName: string; cause?: unknown }) {
    super(
      `\`${functionName}\` reverted${data && data !== '0x' ? ` with undecodable data ${data.slice(0, 10)}` : ' without reason'}.`,
      {
        docsPath: errorDocsPath('UnknownContractError'),
        metaMessages: [
          'Check the arguments (an enum out of range reverts without data) and that the client points at a MedChain deployment.',
        ],
        cause,
      },
    )
    this.data = data
  }
}

/**
 * Builds the typed SDK error for a MedChain custom error by name and arguments.
 *
 * @example
 * ```ts
 * import { toMedChainContractError } from '@medchain/sdk'
 *
 * const error = toMedChainContractError({ errorName: 'MedChainIdentityExpiredSignature', args: [1700000000n] })
 * error.name // 'SignatureExpiredError'
 * ```
 */
export function toMedChainContractError(parameters: ContractErrorParameters): MedChainError {
  const entry = contractErrors[parameters.errorName]
  if (entry.type === NoPermission) {
    const [patient, grantee, scope] = parameters.args ?? []
    return new ConsentRequiredError({
      patient: patient as `0x${string}`,
      grantee: grantee as `0x${string}`,
      scope: Number(scope),
      cause: parameters.cause,
    })
  }
  return new entry.type(parameters)
}

/**
 * Turns whatever a contract call threw (a viem error with revert data) into the typed SDK error
 * for the MedChain custom error it carries; other errors come back unchanged.
 *
 * @example
 * ```ts
 * import { decodeMedChainError } from '@medchain/sdk'
 *
 * try {
 *   await walletClient.writeContract({ address, abi: medChainAbi, functionName: 'register', args })
 * } catch (error) {
 *   throw decodeMedChainError(error, 'register')
 * }
 * ```
 */
export function decodeMedChainError(error: unknown, functionName = 'call'): unknown {
  if (error instanceof MedChainError) return error
  if (!(error instanceof BaseError)) return error
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as
    | ContractFunctionRevertedError
    | undefined
  let errorName = reverted?.data?.errorName
  let args: Args | undefined = reverted?.data?.args
  let raw: Hex | undefined = reverted?.raw
  if (!reverted) {
    // Raw revert data somewhere in the chain (e.g. from a JSON-RPC wallet's estimateGas).
    const withData = error.walk((e) => isHex((e as { data?: unknown }).data)) as
      | { data?: Hex }
      | undefined
    raw = withData?.data
    if (raw === undefined) return error
  }
  if (!errorName && raw && raw.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: medChainAbi, data: raw })
      errorName = decoded.errorName
      args = decoded.args as Args | undefined
    } catch {}
  }
  if (!reverted && !errorName) return error
  if (errorName && errorName in contractErrors)
    return toMedChainContractError({
      errorName: errorName as MedChainContractErrorName,
      args,
      cause: error,
    })
  return new UnknownContractError({ data: raw, functionName, cause: error })
}
